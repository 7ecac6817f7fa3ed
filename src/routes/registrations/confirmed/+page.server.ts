import type { PageServerLoad } from './$types';

/** The result page after confirming; it only repeats what the confirmation decided. */
export const load: PageServerLoad = ({ url }) => ({
	status: url.searchParams.get('status') === 'waiting' ? ('waiting' as const) : ('confirmed' as const),
	series: url.searchParams.get('series') ?? '',
	number: url.searchParams.get('number') ?? '',
	meeting: url.searchParams.get('meeting') ?? ''
});
