import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { getAppContext } from '$lib/server/app';
import { apiHandler, readJson } from '$lib/server/http/api';
import { createRegistration } from '$lib/server/services/registration';
import type { RequestHandler } from './$types';

// Public: programs register people as the form does (same schema, rate limit, double opt-in).
// The body is validated by the service, after the rate limit has counted the attempt.
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request, getClientAddress }) => {
		const { mailer, config } = await getAppContext();
		const outcome = await createRegistration(
			locals.db,
			mailer,
			locals.actor,
			meetingAddressFromParams(params),
			await readJson(request),
			{
				source: 'api',
				locale: locals.locale,
				publicOrigin: config.publicOrigin,
				mailFrom: config.mailFrom,
				clientAddress: getClientAddress()
			}
		);
		return { status: outcome.status, isFull: outcome.isFull };
	},
	{ status: 202 }
);
