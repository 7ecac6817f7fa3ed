/**
 * The pieces of the documentation's title and credits: ordinals, dates, times, name lists and
 * the venue wording, in German (the founding document's style) or English.
 */
import { translate, type Locale } from '../../i18n/translate';

const GERMAN_ORDINALS_GENITIVE = [
	'ersten',
	'zweiten',
	'dritten',
	'vierten',
	'fünften',
	'sechsten',
	'siebten',
	'achten',
	'neunten',
	'zehnten',
	'elften',
	'zwölften',
	'dreizehnten',
	'vierzehnten',
	'fünfzehnten',
	'sechzehnten',
	'siebzehnten',
	'achtzehnten',
	'neunzehnten',
	'zwanzigsten'
];

const ENGLISH_ORDINALS = [
	'first',
	'second',
	'third',
	'fourth',
	'fifth',
	'sixth',
	'seventh',
	'eighth',
	'ninth',
	'tenth',
	'eleventh',
	'twelfth',
	'thirteenth',
	'fourteenth',
	'fifteenth',
	'sixteenth',
	'seventeenth',
	'eighteenth',
	'nineteenth',
	'twentieth'
];

/** "zweiten" (genitive, after "des") up to "zwanzigsten", then "21."; "second" … "twentieth", then "21st". */
export function ordinal(number: number, locale: Locale): string {
	if (!Number.isInteger(number) || number < 1) throw new RangeError(`Not a meeting number: ${number}`);
	const words = locale === 'de' ? GERMAN_ORDINALS_GENITIVE : ENGLISH_ORDINALS;
	if (number <= words.length) return words[number - 1]!;
	if (locale === 'de') return `${number}.`;
	const lastTwo = number % 100;
	const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][number % 10] ?? 'th');
	return `${number}${suffix}`;
}

/** "20. November 2024" / "20 November 2024" for an ISO date, independent of the process's time zone. */
export function formatLongDate(isoDate: string, locale: Locale): string {
	const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day, 12));
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}

/** A time in a title: on the hour "14", otherwise "14:30" (German); English keeps "14:00". */
export function formatTitleTime(time: string, locale: Locale): string {
	if (locale === 'en') return time;
	const [hours, minutes] = time.split(':') as [string, string];
	return minutes === '00' ? String(Number(hours)) : `${Number(hours)}:${minutes}`;
}

/** "A", "A und B", "A, B und C" (German) or "A, B and C" (English). */
export function joinNames(names: readonly string[], locale: Locale): string {
	if (names.length === 0) return '';
	if (names.length === 1) return names[0]!;
	const last = names[names.length - 1]!;
	if (names.length === 2) return translate(locale, 'documentation.list.two', { first: names[0]!, last });
	return translate(locale, 'documentation.list.many', { rest: names.slice(0, -1).join(', '), last });
}

export interface TitleInput {
	number: number;
	meetingNounGenitive: string;
	meetingNoun: string;
	audience: string;
	date: string;
	start: string;
	end: string;
	venue: { mode: 'online' | 'in-person' | 'hybrid'; platform?: string; address?: string };
}

/**
 * "Dokumentation des zweiten Austauschtreffens für … am 20. November 2024 von 14 bis 16 Uhr per Zoom",
 * with fitting wording for in-person and hybrid meetings.
 */
export function composeTitle(input: TitleInput, locale: Locale): string {
	const params = {
		ordinal: ordinal(input.number, locale),
		noun: locale === 'de' ? input.meetingNounGenitive : input.meetingNoun,
		audience: input.audience,
		date: formatLongDate(input.date, locale),
		start: formatTitleTime(input.start, locale),
		end: formatTitleTime(input.end, locale),
		platform: input.venue.platform ?? '',
		address: input.venue.address ?? ''
	};
	const { mode, platform, address } = input.venue;
	const key =
		mode === 'online'
			? platform
				? 'documentation.title.online'
				: 'documentation.title.onlineWithoutPlatform'
			: mode === 'in-person'
				? address
					? 'documentation.title.inPerson'
					: 'documentation.title.inPersonWithoutAddress'
				: platform
					? 'documentation.title.hybrid'
					: 'documentation.title.hybridWithoutPlatform';
	// An empty audience must not leave a double space.
	return translate(locale, key, params).replace(/\s{2,}/g, ' ');
}
