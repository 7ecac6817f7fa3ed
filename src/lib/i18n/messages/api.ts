import { defineMessages } from '../define-messages';

/** Messages of the api area. */
export const api = defineMessages({}, {});
