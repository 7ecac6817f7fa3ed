import { getAppContext } from '$lib/server/app';
import { apiHandler, readJson } from '$lib/server/http/api';
import { listWishes } from '$lib/server/services/wishes';
import { submitWish } from '$lib/server/services/wishes-contributions';

/** GET: the wishes of a visible series, open ones first (names only by consent, never emails). */
export const GET = apiHandler(async ({ locals, params }) => {
	const { series, wishes } = await listWishes(locals.db, locals.actor, params.series ?? '');
	return { series, wishes };
});

// Public: programs submit as the form does (same schema, honeypot, rate limit counted first).
export const POST = apiHandler(
	async ({ locals, params, request, getClientAddress }) => {
		const { mailer, config } = await getAppContext();
		const outcome = await submitWish(
			locals.db,
			mailer,
			locals.actor,
			params.series ?? '',
			await readJson(request),
			{ locale: locals.locale, publicOrigin: config.publicOrigin, clientAddress: getClientAddress() }
		);
		return { id: outcome.wishId, isConfirmMailSent: outcome.isConfirmMailSent };
	},
	{ status: 201 }
);
