import { error } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { isAppError, statusOf } from '$lib/domain/errors';
import { exportParticipantList } from '$lib/server/services/participant-exports';
import type { RequestHandler } from './$types';

/** The participant list as CSV or XLSX: ?kind=internal (organizers only, logged) or ?kind=publishable. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		const file = await exportParticipantList(
			locals.db,
			locals.actor,
			params.series,
			meetingAddressFromParams(params).number,
			{ kind: url.searchParams.get('kind') ?? 'internal', format: params.format === 'xlsx' ? 'xlsx' : 'csv' },
			locals.locale
		);
		return new Response(new Uint8Array(file.body), {
			headers: {
				'Content-Type': file.contentType,
				'Content-Disposition': `attachment; filename="${file.fileName}"`,
				// Personal data: no cache may keep a copy.
				'Cache-Control': 'no-store'
			}
		});
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
};
