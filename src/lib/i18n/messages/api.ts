import { defineMessages } from '../define-messages';

/** Messages of the JSON API. */
export const api = defineMessages(
	{
		'api.crossOriginRefused':
			'Anfragen mit Sitzungs-Cookie müssen von dieser Website kommen. Programme verwenden ein API-Token.',
		'api.bodyTooLarge': 'Die Anfrage ist zu groß.'
	},
	{
		'api.crossOriginRefused':
			'Requests with the session cookie must come from this site. Programs use an API token.',
		'api.bodyTooLarge': 'The request is too large.'
	}
);
