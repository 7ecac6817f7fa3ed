import { json } from '@sveltejs/kit';
import { orErrorPage } from '$lib/server/http/pages';
import { exportMyData } from '$lib/server/services/my-data';
import type { RequestHandler } from './$types';

/** Everything stored about the signed-in person, as a JSON download. */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await orErrorPage(() => exportMyData(locals.db, locals.actor));
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="meine-daten.json"',
			'cache-control': 'no-store'
		}
	});
};
