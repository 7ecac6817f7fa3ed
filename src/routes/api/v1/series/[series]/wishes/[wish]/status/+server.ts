import { getAppContext } from '$lib/server/app';
import { apiHandler, readJson } from '$lib/server/http/api';
import { triageWish } from '$lib/server/services/wishes-triage';

/** Organizers: triage a wish (planned tells its followers, declined needs a public reason). */
export const POST = apiHandler(async ({ locals, params, request }) => {
	const { mailer, config } = await getAppContext();
	return triageWish(
		locals.db,
		mailer,
		locals.actor,
		params.series ?? '',
		params.wish ?? '',
		await readJson(request),
		{ publicOrigin: config.publicOrigin }
	);
});
