import type { ParamMatcher } from '@sveltejs/kit';

/** The table formats of the participant list exports. */
export const match: ParamMatcher = (value) => value === 'csv' || value === 'xlsx';
