import { translate } from '$lib/i18n/translate';
import { apiHandler } from '$lib/server/http/api';
import { exportAssignment } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

/** The assignment as a file: ?format=zoom (Zoom's pre-assignment CSV), csv or xlsx. */
export const GET: RequestHandler = apiHandler(async ({ locals, params, url }) => {
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	const file = await exportAssignment(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		{ round: params.round ?? '', format: url.searchParams.get('format') ?? 'zoom' },
		{
			room: t('breakouts.columnRoom'),
			name: t('breakouts.columnName'),
			organization: t('breakouts.columnOrganization'),
			email: t('breakouts.columnEmail')
		}
	);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'no-store'
		}
	});
});
