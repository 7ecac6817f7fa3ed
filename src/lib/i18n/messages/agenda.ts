import { defineMessages } from '../define-messages';

/** Messages of the agenda area. */
export const agenda = defineMessages({}, {});
