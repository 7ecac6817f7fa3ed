import { apiHandler, readJson } from '$lib/server/http/api';
import { listRounds, writeFindings } from '$lib/server/services/breakouts';
import { meetingRef } from '../meeting-ref';
import type { RequestHandler } from './$types';

/** The meeting's findings ("Zusammenführung der wichtigsten Erkenntnisse"). */
export const PUT: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const ref = meetingRef(params);
	await writeFindings(locals.db, locals.actor, ref, await readJson(request));
	return { findings: (await listRounds(locals.db, locals.actor, ref)).findings };
});
