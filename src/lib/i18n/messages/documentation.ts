import { defineMessages } from '../define-messages';

/**
 * Messages of the generated meeting documentation. The documentation's language is the series'
 * language (or the one asked for), not the reader's interface language.
 */
export const documentation = defineMessages(
	{
		'documentation.title.online':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr per {platform}',
		'documentation.title.onlineWithoutPlatform':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr online',
		'documentation.title.inPerson':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr in {address}',
		'documentation.title.inPersonWithoutAddress':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr vor Ort',
		'documentation.title.hybrid':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr in {address} und per {platform}',
		'documentation.title.hybridWithoutPlatform':
			'Dokumentation des {ordinal} {noun} {audience} am {date} von {start} bis {end} Uhr in {address} und online',
		'documentation.list.two': '{first} und {last}',
		'documentation.list.many': '{rest} und {last}'
	},
	{
		'documentation.title.online':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} via {platform}',
		'documentation.title.onlineWithoutPlatform':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} online',
		'documentation.title.inPerson':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} in {address}',
		'documentation.title.inPersonWithoutAddress':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} in person',
		'documentation.title.hybrid':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} in {address} and via {platform}',
		'documentation.title.hybridWithoutPlatform':
			'Documentation of the {ordinal} {noun} {audience} on {date} from {start} to {end} in {address} and online',
		'documentation.list.two': '{first} and {last}',
		'documentation.list.many': '{rest} and {last}'
	}
);
