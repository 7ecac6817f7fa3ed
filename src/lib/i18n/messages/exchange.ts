import { defineMessages } from '../define-messages';

/** Messages of the exchange area. */
export const exchange = defineMessages({}, {});
