/**
 * Breakout rounds' queries, one file per reason to change: rounds (breakouts-rounds), rooms and
 * who is in them (breakouts-rooms), boards (breakouts-cards), the boards' one-row lookups
 * (breakouts-lookups). Gathered here for the services.
 */
export * from './breakouts-rounds';
export * from './breakouts-rooms';
export * from './breakouts-cards';
export * from './breakouts-lookups';
