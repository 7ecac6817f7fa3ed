/**
 * Documents for the tests of the exchange format (unit and integration): the two examples in
 * spec/examples, bad variants of them with the JSON pointer each must be refused at, and a walk
 * over the JSON schema that lists every optional key. Not used by the app.
 */
import { readFileSync } from 'node:fs';

const specUrl = (path: string) => new URL(`../../../../spec/${path}`, import.meta.url);

export function readSpecJson(path: string): unknown {
	return JSON.parse(readFileSync(specUrl(path), 'utf8')) as unknown;
}

export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh copy of the founding meeting (2024-11-20). */
export function foundingDocument(): Doc {
	return readSpecJson('examples/austauschtreffen-2024-11-20.json') as Doc;
}

/** A fresh copy of the fictional example, which sets every optional key of the format. */
export function fictionalDocument(): Doc {
	return readSpecJson('examples/beispiel-fiktiv.json') as Doc;
}

export function formatJsonSchema(): Record<string, unknown> {
	return readSpecJson('meeting-format.schema.json') as Record<string, unknown>;
}

export interface BadDocument {
	name: string;
	/** Where the problem must be reported. */
	path: string;
	make: () => Doc;
	/** Refused by the JSON schema too (structural), or only by the semantic checks. */
	isStructural: boolean;
}

function variant(base: () => Doc, change: (doc: Doc) => void): () => Doc {
	return () => {
		const doc = base();
		change(doc);
		return doc;
	};
}

const f = fictionalDocument;

export const badDocuments: BadDocument[] = [
	// Structural: the JSON schema and the Zod schema must both refuse these.
	{
		name: 'wrong format id',
		path: '/format',
		isStructural: true,
		make: variant(f, (d) => (d.format = 'x/v2'))
	},
	{ name: 'missing series', path: '/series', isStructural: true, make: variant(f, (d) => delete d.series) },
	{
		name: 'unknown top-level key',
		path: '/colour',
		isStructural: true,
		make: variant(f, (d) => (d.colour = 'blue'))
	},
	{
		name: 'unknown nested key',
		path: '/meeting/agenda/1/room',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.agenda[1].room = 'A'))
	},
	{
		name: 'series id not matching the pattern',
		path: '/series/id',
		isStructural: true,
		make: variant(f, (d) => (d.series.id = 'Groß Buchstaben'))
	},
	{
		name: 'series title too long',
		path: '/series/title',
		isStructural: true,
		make: variant(f, (d) => (d.series.title = 'x'.repeat(301)))
	},
	{
		name: 'empty agenda title',
		path: '/meeting/agenda/0/title',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.agenda[0].title = ''))
	},
	{
		name: 'unknown agenda kind',
		path: '/meeting/agenda/0/kind',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.agenda[0].kind = 'party'))
	},
	{
		name: 'malformed time',
		path: '/meeting/agenda/3/end',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.agenda[3].end = '25:00'))
	},
	{
		name: 'meeting number zero',
		path: '/meeting/number',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.number = 0))
	},
	{
		name: 'meeting number not an integer',
		path: '/meeting/number',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.number = 1.5))
	},
	{
		name: 'impossible date',
		path: '/meeting/date',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.date = '2025-02-30'))
	},
	{
		name: 'bad email',
		path: '/meeting/people/0/email',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.people[0].email = 'not-an-email'))
	},
	{
		name: 'bad uri',
		path: '/meeting/venue/url',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.venue.url = 'no uri at all'))
	},
	{
		name: 'bad AGS',
		path: '/networks/0/ags',
		isStructural: true,
		make: variant(f, (d) => (d.networks[0].ags = '5974040'))
	},
	{
		name: 'founded out of range',
		path: '/networks/0/founded',
		isStructural: true,
		make: variant(f, (d) => (d.networks[0].founded = 1700))
	},
	{
		name: 'negative count',
		path: '/meeting/polls/0/questions/0/results/counts/ja',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.polls[0].questions[0].results.counts.ja = -1))
	},
	{
		name: 'maxChoices zero',
		path: '/meeting/polls/0/questions/1/maxChoices',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.polls[0].questions[1].maxChoices = 0))
	},
	{
		name: 'boolean as string',
		path: '/meeting/people/0/registered',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.people[0].registered = 'yes'))
	},
	{
		name: 'empty funder list',
		path: '/series/fundingNotice/funder',
		isStructural: true,
		make: variant(f, (d) => (d.series.fundingNotice.funder = []))
	},
	{
		name: 'empty paragraph',
		path: '/meeting/findings/1',
		isStructural: true,
		make: variant(f, (d) => (d.meeting.findings[1] = ''))
	},
	// Semantic: valid by the JSON schema, refused by the checks.
	{
		name: 'dangling agenda speaker',
		path: '/meeting/agenda/2/speakers/0',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[2].speakers = ['niemand']))
	},
	{
		name: 'dangling attachment presenter',
		path: '/meeting/attachments/2/presenters/0',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.attachments[2].presenters = ['niemand']))
	},
	{
		name: 'dangling room participant',
		path: '/meeting/breakoutRounds/0/rooms/1/participants/1',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.breakoutRounds[0].rooms[1].participants[1] = 'niemand'))
	},
	{
		name: 'a speaker twice',
		path: '/meeting/agenda/2/speakers/1',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[2].speakers = ['max-muster', 'max-muster']))
	},
	{
		name: 'dangling poll',
		path: '/meeting/agenda/1/poll',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[1].poll = 'keine-umfrage'))
	},
	{
		name: 'dangling breakout round',
		path: '/meeting/agenda/4/breakoutRound',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[4].breakoutRound = 'keine-runde'))
	},
	{
		name: 'attachment agenda index out of range',
		path: '/meeting/attachments/2/agendaItem',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.attachments[2].agendaItem = 8))
	},
	{
		name: 'duplicate person id',
		path: '/meeting/people/5/id',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.people[5].id = 'tom-test'))
	},
	{
		name: 'duplicate poll id',
		path: '/meeting/polls/1/id',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.polls[1].id = 'einstieg'))
	},
	{
		name: 'duplicate question id',
		path: '/meeting/polls/1/questions/1/id',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.polls[1].questions[1].id = 'nutzen'))
	},
	{
		name: 'duplicate option id',
		path: '/meeting/polls/0/questions/0/options/2/id',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.polls[0].questions[0].options[2].id = 'ja'))
	},
	{
		name: 'duplicate round id',
		path: '/meeting/breakoutRounds/1/id',
		isStructural: false,
		make: variant(f, (d) => d.meeting.breakoutRounds.push({ id: 'runde-a', title: 'Noch einmal', rooms: [] }))
	},
	{
		name: 'duplicate network id',
		path: '/networks/2/id',
		isStructural: false,
		make: variant(f, (d) => (d.networks[2].id = 'kulturnetz-soest-fiktiv'))
	},
	{
		name: 'count for an unknown option',
		path: '/meeting/polls/0/questions/0/results/counts/vielleicht',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.polls[0].questions[0].results.counts.vielleicht = 2))
	},
	{
		name: 'count for a scale value out of range',
		path: '/meeting/polls/1/questions/0/results/counts/6',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.polls[1].questions[0].results.counts['6'] = 1))
	},
	{
		name: 'meeting ends before it starts',
		path: '/meeting/end',
		isStructural: false,
		make: variant(f, (d) => {
			d.meeting.start = '13:00';
			d.meeting.end = '12:00';
			d.meeting.agenda = [];
			delete d.meeting.attachments[2].agendaItem;
		})
	},
	{
		name: 'agenda item ends before it starts',
		path: '/meeting/agenda/3/end',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[3].end = '10:40'))
	},
	{
		name: 'agenda items overlap',
		path: '/meeting/agenda/3/start',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[3].start = '10:40'))
	},
	{
		name: 'attachment file outside the bundle',
		path: '/meeting/attachments/2/file',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.attachments[2].file = 'attachments/../../etc/passwd'))
	},
	{
		name: 'attachment file name with a control character',
		path: '/meeting/attachments/2/file',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.attachments[2].file = 'attachments/folien\r\n.pdf'))
	},
	{
		name: 'agenda item outside the meeting',
		path: '/meeting/agenda/7/end',
		isStructural: false,
		make: variant(f, (d) => (d.meeting.agenda[7].end = '12:45'))
	},
	{
		name: 'agenda not in time order',
		path: '/meeting/agenda/1/start',
		isStructural: false,
		make: variant(f, (d) => {
			const [first, second] = d.meeting.agenda as Doc[];
			d.meeting.agenda[0] = second;
			d.meeting.agenda[1] = first;
		})
	}
];

/**
 * Every optional key of the JSON schema, as a path of property names with `[]` for array
 * entries and `{}` for map values, e.g. `meeting.people[].consent.shareEmail`.
 */
export function optionalKeyPaths(schema: Record<string, unknown>): string[] {
	const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
	const found = new Set<string>();
	const walk = (node: Record<string, unknown>, path: string, seen: Set<string>) => {
		const ref = node.$ref as string | undefined;
		if (ref) {
			const name = ref.replace('#/$defs/', '');
			if (seen.has(name)) return;
			walk(defs[name]!, path, new Set([...seen, name]));
			return;
		}
		const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
		if (properties) {
			const required = new Set((node.required as string[] | undefined) ?? []);
			for (const [key, child] of Object.entries(properties)) {
				const childPath = path ? `${path}.${key}` : key;
				if (!required.has(key)) found.add(childPath);
				walk(child, childPath, seen);
			}
		}
		if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`, seen);
	};
	walk(schema, '', new Set());
	return [...found].sort();
}

/** The key paths a document uses, in the notation of `optionalKeyPaths`. */
export function usedKeyPaths(document: unknown): Set<string> {
	const used = new Set<string>();
	const walk = (value: unknown, path: string) => {
		if (Array.isArray(value)) for (const entry of value) walk(entry, `${path}[]`);
		else if (value !== null && typeof value === 'object')
			for (const [key, child] of Object.entries(value)) {
				const childPath = path ? `${path}.${key}` : key;
				used.add(childPath);
				walk(child, childPath);
			}
	};
	walk(document, '');
	return used;
}
