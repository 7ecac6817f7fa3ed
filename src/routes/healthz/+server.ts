import { json } from '@sveltejs/kit';
import { checkDatabase } from '$lib/server/services/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const isHealthy = await checkDatabase(locals.db);
	return json({ status: isHealthy ? 'ok' : 'unavailable' }, { status: isHealthy ? 200 : 503 });
};
