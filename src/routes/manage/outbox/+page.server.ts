import { orErrorPage } from '$lib/server/http/pages';
import { listOutbox } from '$lib/server/services/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	mails: await orErrorPage(() => listOutbox(locals.db, locals.actor))
});
