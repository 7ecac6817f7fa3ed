import { json } from '@sveltejs/kit';
import { orErrorPage } from '$lib/server/http/pages';
import { exportOwnDataByManageToken } from '$lib/server/services/my-data';
import type { RequestHandler } from './$types';

/** The participant's data of this registration as a JSON download. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const data = await orErrorPage(() => exportOwnDataByManageToken(locals.db, params.token));
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="meine-daten.json"',
			'cache-control': 'no-store'
		}
	});
};
