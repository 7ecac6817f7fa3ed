import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { translate, translateMessage } from '$lib/i18n/translate';
import { exportCards } from '$lib/server/services/breakouts';
import type { RequestHandler } from './$types';

/** The round's cards with their clusters as CSV, for the organizers' synthesis page. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	try {
		const file = await exportCards(locals.db, locals.actor, meetingAddressFromParams(params), params.round, {
			room: t('synthesis.csvRoom'),
			column: t('synthesis.csvColumn'),
			text: t('synthesis.csvText'),
			votes: t('synthesis.csvVotes'),
			cluster: t('synthesis.csvCluster')
		});
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
