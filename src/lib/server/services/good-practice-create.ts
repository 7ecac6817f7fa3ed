import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed } from '../../domain/errors';
import {
	prefillFromCard,
	prefillFromNetwork,
	prefillFromTalk,
	topicsFrom,
	type LinkKind,
	type Prefill,
	type SourceKind
} from '../../domain/good-practice/rules';
import { formatMeetingTitle } from '../../domain/meeting-display';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { findMunicipality } from '../reference/municipalities';
import * as repo from '../repositories/good-practice';
import type { GoodPracticeFields } from '../repositories/good-practice';
import * as sourcesRepo from '../repositories/good-practice-sources';
import { requireMeeting } from './meeting-access';
import { recordsOf } from './meetings';
import { checkbox, optionalEmail, optionalText } from './series';

/** Making a good practice entry from a meeting: its sources (talk, breakout card, network entry), the prefilled form, the entry with its links. */

/** `talk:<uuid>`, `card:<uuid>` or `network:<uuid>`: what the entry is made from. */
export const SourceRef = z
	.string()
	.trim()
	.regex(/^(talk|card|network):[0-9a-f-]{36}$/)
	.transform((value) => {
		const [kind, id] = value.split(':') as [SourceKind, string];
		return { kind, id };
	});

export const CreateGoodPractice = z.strictObject({
	source: SourceRef,
	title: z.string().trim().min(1).max(300),
	what: z.string().trim().min(1).max(4000),
	how: z.preprocess((value) => value ?? '', z.string().trim().max(8000)),
	municipality: optionalText(200),
	contactName: optionalText(200),
	contactEmail: optionalEmail,
	contactConsent: checkbox.default(false),
	topics: z.preprocess((value) => value ?? '', z.string().max(1000)),
	publish: checkbox.default(false)
});

/** Editing keeps the entry's origin (its links); publishing is its own step. */
export const UpdateGoodPractice = CreateGoodPractice.omit({ source: true, publish: true });

/** The form's values as the entry's fields; a municipality must be one of Westfalen-Lippe's. */
export function fieldsOf(
	data: z.output<typeof UpdateGoodPractice>,
	publishedAt: string | null
): GoodPracticeFields {
	let ags: string | null = null;
	if (data.municipality) {
		const known = findMunicipality(data.municipality);
		if (!known) throw validationFailed([problem('/municipality', 'goodPractice.unknownMunicipality')]);
		ags = known.ags;
	}
	return {
		title: data.title,
		what: data.what,
		how: data.how,
		municipality: data.municipality ?? null,
		ags,
		contactName: data.contactName ?? null,
		contactEmail: data.contactEmail ?? null,
		contactConsent: data.contactConsent,
		topics: topicsFrom(data.topics),
		publishedAt
	};
}

export interface SourcesView {
	meeting: { seriesSlug: string; seriesTitle: string; number: number; title: string };
	talks: { ref: string; title: string }[];
	cards: { ref: string; text: string; roundTitle: string; roomName: string }[];
	networks: { ref: string; name: string }[];
	/** Entries already made from this meeting. */
	entries: { id: string; title: string; isPublished: boolean }[];
}

export async function listGoodPracticeSources(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<SourcesView> {
	const { series, meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const [talks, cards, networks, entries] = await Promise.all([
		sourcesRepo.listTalkSources(db, meeting.id),
		sourcesRepo.listCardSources(db, meeting.id),
		sourcesRepo.listNetworkSources(db, meeting.id),
		repo.listGoodPracticesOfMeeting(db, meeting.id, { publishedOnly: false })
	]);
	return {
		meeting: {
			seriesSlug: series.slug,
			seriesTitle: series.title,
			number: meeting.number,
			title: formatMeetingTitle(meeting.number, series.meetingNoun)
		},
		talks: talks.map((talk) => ({ ref: `talk:${talk.id}`, title: talk.title })),
		cards: cards.map((card) => ({
			ref: `card:${card.id}`,
			text: card.text,
			roundTitle: card.roundTitle,
			roomName: card.roomName
		})),
		networks: networks.map((network) => ({ ref: `network:${network.id}`, name: network.name })),
		entries: entries.map((entry) => ({
			id: entry.id,
			title: entry.title,
			isPublished: entry.publishedAt !== null
		}))
	};
}

interface ResolvedSource {
	kind: SourceKind;
	label: string;
	prefill: Prefill;
	links: { kind: LinkKind; targetId: string }[];
}

/** The source in this meeting, what the form is prefilled with, and the links the entry gets. */
async function resolveSource(
	db: Kysely<Database>,
	meeting: { id: string; topicTitle: string | null },
	source: { kind: SourceKind; id: string }
): Promise<ResolvedSource> {
	const meetingLink = { kind: 'meeting' as const, targetId: meeting.id };
	switch (source.kind) {
		case 'talk': {
			const talk = (await sourcesRepo.listTalkSources(db, meeting.id)).find(
				(entry) => entry.id === source.id
			);
			if (!talk) break;
			return {
				kind: 'talk',
				label: talk.title,
				prefill: prefillFromTalk({ ...talk, meetingTopic: meeting.topicTitle }),
				links: [
					meetingLink,
					{ kind: 'agenda-item', targetId: talk.id },
					...talk.attachmentIds.map((id) => ({ kind: 'attachment' as const, targetId: id }))
				]
			};
		}
		case 'card': {
			const card = (await sourcesRepo.listCardSources(db, meeting.id)).find(
				(entry) => entry.id === source.id
			);
			if (!card) break;
			return {
				kind: 'card',
				label: card.text,
				prefill: prefillFromCard(card),
				links: [meetingLink, { kind: 'board-card', targetId: card.id }]
			};
		}
		case 'network': {
			const network = (await sourcesRepo.listNetworkSources(db, meeting.id)).find(
				(entry) => entry.id === source.id
			);
			if (!network) break;
			return {
				kind: 'network',
				label: network.name,
				prefill: prefillFromNetwork(network),
				links: [meetingLink, { kind: 'network', targetId: network.id }]
			};
		}
		default:
			source.kind satisfies never;
	}
	throw validationFailed([problem('/source', 'goodPractice.unknownSource')]);
}

/** The prefilled form for an entry made from a talk, a card or a network entry of the meeting. */
export async function prefillGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	sourceRef: string
): Promise<{ source: string; kind: SourceKind; label: string; values: Prefill }> {
	const { meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const parsed = SourceRef.safeParse(sourceRef);
	if (!parsed.success) throw notFound('goodPractice.unknownSource');
	const resolved = await resolveSource(db, meeting, parsed.data);
	return { source: sourceRef, kind: resolved.kind, label: resolved.label, values: resolved.prefill };
}

/** Creates the entry with its links (the meeting, and the talk and slides, card or network) at once. */
/** Creates the entry with its links (the meeting, and the talk and slides, card or network) at once. */
export async function createGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<{ id: string }> {
	const { series, meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const data = parseOrThrow(CreateGoodPractice, input);
	const fields = fieldsOf(data, data.publish ? now.toISOString() : null);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		const resolved = await resolveSource(trx, meeting, data.source);
		await repo.insertGoodPractice(
			trx,
			{
				id,
				organizationId: series.organizationId,
				now: now.toISOString(),
				fields
			},
			resolved.links
		);
	});
	return { id };
}
