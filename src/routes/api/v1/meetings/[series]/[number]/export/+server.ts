import { notFound } from '$lib/domain/errors';
import { apiHandler } from '$lib/server/http/api';
import { exportMeeting } from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

/** GET /api/v1/meetings/{series}/{number}/export — organizers of the series only (personal data). */
export const GET: RequestHandler = apiHandler(async ({ params, locals }) => {
	const { series = '', number = '' } = params;
	if (!/^[1-9][0-9]{0,8}$/.test(number)) throw notFound();
	return exportMeeting(locals.db, locals.actor, series, Number(number));
});
