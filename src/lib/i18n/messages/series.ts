import { defineMessages } from '../define-messages';

/** Messages of the series area. */
export const series = defineMessages({}, {});
