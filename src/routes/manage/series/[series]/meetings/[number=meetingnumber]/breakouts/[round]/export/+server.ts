import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { translate, translateMessage } from '$lib/i18n/translate';
import { exportAssignment } from '$lib/server/services/breakouts';
import type { RequestHandler } from './$types';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/** The assignment as a download for the organizers' page: ?format=zoom, csv or xlsx. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	try {
		const file = await exportAssignment(
			locals.db,
			locals.actor,
			meetingAddressFromParams(params),
			{ round: params.round, format: url.searchParams.get('format') ?? 'zoom' },
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
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], translateMessage(locals.locale, caught.summary));
		throw caught;
	}
};
