import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { translate } from '$lib/i18n/translate';
import { downloadResponse } from '$lib/server/http/downloads';
import { orErrorPage } from '$lib/server/http/pages';
import { exportCards } from '$lib/server/services/breakouts';
import type { RequestHandler } from './$types';

/** The round's cards with their clusters as CSV, for the organizers' synthesis page. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	return orErrorPage(async () =>
		downloadResponse(
			await exportCards(locals.db, locals.actor, meetingAddressFromParams(params), params.round, {
				room: t('synthesis.csvRoom'),
				column: t('synthesis.csvColumn'),
				text: t('synthesis.csvText'),
				votes: t('synthesis.csvVotes'),
				cluster: t('synthesis.csvCluster')
			})
		)
	);
};
