import { defineMessages } from '../define-messages';

/** Messages of the admin area. */
export const admin = defineMessages({}, {});
