import { orErrorPage } from '$lib/server/http/pages';
import { listAuditLog } from '$lib/server/services/registrations-audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { entries: await orErrorPage(() => listAuditLog(locals.db, locals.actor)) };
};
