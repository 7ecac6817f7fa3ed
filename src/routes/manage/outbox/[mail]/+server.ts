import { getAppContext } from '$lib/server/app';
import { orErrorPage } from '$lib/server/http/pages';
import { readOutboxMail } from '$lib/server/services/outbox';
import type { RequestHandler } from './$types';

/** The raw .eml as plain text: never rendered as HTML, whatever the mail holds. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { config } = await getAppContext();
	const mail = await orErrorPage(() => readOutboxMail(locals.db, locals.actor, params.mail, config.dataDir));
	return new Response(mail.content, {
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'content-disposition': `inline; filename="${mail.fileName}"`,
			'x-content-type-options': 'nosniff'
		}
	});
};
