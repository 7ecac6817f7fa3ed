import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { listRounds, writeFindings } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

/** The meeting's findings ("Zusammenführung der wichtigsten Erkenntnisse"). */
export const PUT: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await writeFindings(locals.db, locals.actor, address, await readJson(request), await getLiveBus());
	return { findings: (await listRounds(locals.db, locals.actor, address)).findings };
});
