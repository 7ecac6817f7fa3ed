import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { translate } from '$lib/i18n/translate';
import { downloadResponse } from '$lib/server/http/downloads';
import { orErrorPage } from '$lib/server/http/pages';
import { exportAssignment } from '$lib/server/services/breakouts';
import type { RequestHandler } from './$types';

/** The assignment as a download for the organizers' page: ?format=zoom, csv or xlsx. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	return orErrorPage(async () =>
		downloadResponse(
			await exportAssignment(
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
			)
		)
	);
};
