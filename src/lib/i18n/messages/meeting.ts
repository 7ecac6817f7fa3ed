import { defineMessages } from '../define-messages';

/** Messages of the meeting area. */
export const meeting = defineMessages({}, {});
