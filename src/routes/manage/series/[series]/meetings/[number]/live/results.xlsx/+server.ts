import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { parseMeetingNumber } from '$lib/domain/meeting-display';
import { toXlsx } from '$lib/server/exports/table-files';
import { exportLiveResults } from '$lib/server/services/live';
import type { RequestHandler } from './$types';

/** The meeting's poll results (imported and live) as XLSX, for the moderator. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const table = await exportLiveResults(
			locals.db,
			locals.actor,
			params.series,
			parseMeetingNumber(params.number) ?? -1,
			locals.locale
		);
		const body = await toXlsx(table);
		return new Response(new Uint8Array(body), {
			headers: {
				'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'Content-Disposition': `attachment; filename="umfrageergebnisse-${params.series}-${params.number}.xlsx"`,
				'Cache-Control': 'no-store'
			}
		});
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
};
