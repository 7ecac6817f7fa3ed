import { defineMessages } from '../define-messages';

/** The error page's texts for statuses without a message of their own (see i18n/error-page.ts). */
export const errors = defineMessages(
	{
		'error.badRequest': 'Die Anfrage war unvollständig oder fehlerhaft.',
		'error.conflict':
			'Das geht gerade nicht, weil es dem aktuellen Stand widerspricht. Bitte laden Sie die Seite neu.',
		'error.rateLimited':
			'Zu viele Versuche in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.'
	},
	{
		'error.badRequest': 'The request was incomplete or malformed.',
		'error.conflict':
			'This is not possible right now because it conflicts with the current state. Please reload the page.',
		'error.rateLimited': 'Too many attempts in a short time. Please wait a few minutes and try again.'
	}
);
