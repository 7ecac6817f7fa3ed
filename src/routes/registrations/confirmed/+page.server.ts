import type { PageServerLoad } from './$types';
import { REGISTRATION_STATUS } from '$lib/domain/registration-rules';

/** The result page after confirming; it only repeats what the confirmation decided. */
export const load: PageServerLoad = ({ url }) => ({
	status:
		url.searchParams.get('status') === REGISTRATION_STATUS.waiting
			? REGISTRATION_STATUS.waiting
			: REGISTRATION_STATUS.confirmed,
	series: url.searchParams.get('series') ?? '',
	number: url.searchParams.get('number') ?? '',
	meeting: url.searchParams.get('meeting') ?? ''
});
