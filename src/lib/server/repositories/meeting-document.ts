import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MeetingDocument, MeetingPart, NetworkPart } from '../../domain/exchange-format/schema';
import {
	attachmentKinds,
	FORMAT_ID,
	personStatuses,
	questionKinds
} from '../../domain/exchange-format/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import { fromJsonList, toJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';
import { combineResults, emptyLive } from '../../domain/live/tally';
import { liveAggregates } from './live-votes';

/**
 * A meeting as an exchange document, written into and read from the relational tables (no copy
 * of the document is stored). Writes run inside the caller's transaction.
 */

export interface OrganizationRecord {
	id: string;
	slug: string;
	name: string;
}

export interface SeriesRecord {
	id: string;
	slug: string;
	organizationId: string;
}

const now = () => new Date().toISOString();
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export async function findOrganizationBySlug(
	db: Kysely<Database>,
	slug: string
): Promise<OrganizationRecord | undefined> {
	return db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

export async function listOrganizations(
	db: Kysely<Database>,
	ids: string[] | 'all'
): Promise<OrganizationRecord[]> {
	if (ids !== 'all' && !ids.length) return [];
	let query = db.selectFrom('organizations').select(['id', 'slug', 'name']).orderBy('name');
	if (ids !== 'all') query = query.where('id', 'in', ids);
	return query.execute();
}

export async function insertOrganization(db: Kysely<Database>, slug: string, name: string): Promise<string> {
	const id = randomUUID();
	await db
		.insertInto('organizations')
		.values({ id, slug, name, email: null, website: null, created_at: now() })
		.execute();
	return id;
}

export async function findSeriesBySlug(
	db: Kysely<Database>,
	slug: string
): Promise<SeriesRecord | undefined> {
	const row = await db
		.selectFrom('series')
		.select(['id', 'slug', 'organization_id'])
		.where('slug', '=', slug)
		.executeTakeFirst();
	return row && { id: row.id, slug: row.slug, organizationId: row.organization_id };
}

export async function countSeries(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('series')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function insertSeries(
	db: Kysely<Database>,
	organizationId: string,
	series: MeetingDocument['series']
): Promise<string> {
	const id = randomUUID();
	const timestamp = now();
	await db
		.insertInto('series')
		.values({
			id,
			slug: series.id,
			organization_id: organizationId,
			title: series.title,
			meeting_noun: series.meetingNoun,
			meeting_noun_genitive: series.meetingNounGenitive,
			audience: series.audience,
			language: series.language ?? 'de',
			organizer_name: series.organizer.name,
			organizer_email: orNull(series.organizer.email),
			organizer_website: orNull(series.organizer.website),
			format_description: toJsonList(series.formatDescription),
			funding_lead: series.fundingNotice?.lead ?? null,
			funding_funder: series.fundingNotice ? toJsonList(series.fundingNotice.funder) : null,
			published_at: null,
			created_at: timestamp,
			updated_at: timestamp
		})
		.execute();
	return id;
}

export async function findMeeting(
	db: Kysely<Database>,
	seriesId: string,
	number: number
): Promise<{ id: string; publishedAt: string | null } | undefined> {
	const row = await db
		.selectFrom('meetings')
		.select(['id', 'published_at'])
		.where('series_id', '=', seriesId)
		.where('number', '=', number)
		.executeTakeFirst();
	return row && { id: row.id, publishedAt: row.published_at };
}

/** Deletes a meeting; its rows in every meeting table go with it (foreign keys cascade). */
export async function deleteMeeting(db: Kysely<Database>, meetingId: string): Promise<void> {
	await db.deleteFrom('meetings').where('id', '=', meetingId).execute();
}

export async function publishSeriesAndMeeting(
	db: Kysely<Database>,
	seriesId: string,
	meetingId: string
): Promise<void> {
	const timestamp = now();
	await db
		.updateTable('series')
		.set({ published_at: timestamp, updated_at: timestamp })
		.where('id', '=', seriesId)
		.where('published_at', 'is', null)
		.execute();
	await db
		.updateTable('meetings')
		.set({ published_at: timestamp, updated_at: timestamp })
		.where('id', '=', meetingId)
		.where('published_at', 'is', null)
		.execute();
}

/**
 * Writes a meeting and everything in it. References inside the document (people, polls,
 * rounds, agenda indexes) are resolved to the new rows' ids. Call inside a transaction.
 */
export async function insertMeeting(
	db: Kysely<Database>,
	target: { meetingId?: string; seriesId: string; organizationId: string; publishedAt: string | null },
	meeting: MeetingPart,
	networks: readonly NetworkPart[]
): Promise<string> {
	const meetingId = target.meetingId ?? randomUUID();
	const timestamp = now();
	await db
		.insertInto('meetings')
		.values({
			id: meetingId,
			series_id: target.seriesId,
			number: meeting.number,
			date: meeting.date,
			start_time: meeting.start,
			end_time: meeting.end,
			time_zone: meeting.timeZone,
			venue_mode: meeting.venue.mode,
			venue_platform: orNull(meeting.venue.platform),
			venue_url: orNull(meeting.venue.url),
			venue_address: orNull(meeting.venue.address),
			topic_title: meeting.topic?.title ?? null,
			topic_summary: toJsonList(meeting.topic?.summary),
			topic_guiding_questions: toJsonList(meeting.topic?.guidingQuestions),
			outlook_text: toJsonList(meeting.outlook?.text),
			topic_wishes_contact: meeting.outlook?.topicWishesContact ?? null,
			findings: toJsonList(meeting.findings),
			published_at: target.publishedAt,
			created_at: timestamp,
			updated_at: timestamp
		})
		.execute();

	const credits = [
		...(meeting.moderation ?? []).map((ref, position) => ({ ref, position, role: 'moderation' })),
		...(meeting.documentedBy ?? []).map((ref, position) => ({ ref, position, role: 'documentedBy' }))
	];
	if (credits.length)
		await db
			.insertInto('meeting_credits')
			.values(
				credits.map(({ ref, position, role }) => ({
					id: randomUUID(),
					meeting_id: meetingId,
					role,
					position,
					person_key: ref.id,
					name: ref.name,
					organization: orNull(ref.organization)
				}))
			)
			.execute();

	const personIds = new Map<string, string>();
	for (const [position, person] of (meeting.people ?? []).entries()) {
		const id = randomUUID();
		personIds.set(person.id, id);
		await db
			.insertInto('people')
			.values({
				id,
				meeting_id: meetingId,
				person_key: person.id,
				position,
				name: person.name,
				organization: orNull(person.organization),
				municipality: orNull(person.municipality),
				ags: orNull(person.ags),
				job_role: orNull(person.role),
				email: orNull(person.email),
				is_registered: toBoolInt(person.registered),
				has_attended: toBoolInt(person.attended),
				consent_participant_list: toBoolInt(person.consent?.participantList),
				consent_share_email: toBoolInt(person.consent?.shareEmail),
				status: orNull(person.status),
				user_id: null
			})
			.execute();
	}
	const personId = (key: string) => {
		const id = personIds.get(key);
		// The checks refuse dangling references before anything is written.
		if (!id) throw new Error(`Unresolved person reference: ${key}`);
		return id;
	};

	const pollIds = new Map<string, string>();
	for (const [position, poll] of (meeting.polls ?? []).entries()) {
		const pollId = randomUUID();
		pollIds.set(poll.id, pollId);
		await db
			.insertInto('polls')
			.values({
				id: pollId,
				meeting_id: meetingId,
				poll_key: poll.id,
				position,
				title: poll.title,
				is_anonymous: toBoolInt(poll.anonymous ?? true),
				// Imported polls already took place.
				state: poll.questions.some((question) => question.results) ? 'closed' : 'draft'
			})
			.execute();
		for (const [questionPosition, question] of poll.questions.entries()) {
			const questionId = randomUUID();
			await db
				.insertInto('poll_questions')
				.values({
					id: questionId,
					poll_id: pollId,
					question_key: question.id,
					position: questionPosition,
					text: question.text,
					kind: question.kind,
					scale_min: question.scale?.min ?? null,
					scale_max: question.scale?.max ?? null,
					scale_min_label: question.scale?.minLabel ?? null,
					scale_max_label: question.scale?.maxLabel ?? null,
					max_choices: orNull(question.maxChoices),
					imported_respondents: question.results?.respondents ?? null
				})
				.execute();
			if (question.options?.length)
				await db
					.insertInto('poll_options')
					.values(
						question.options.map((option, optionPosition) => ({
							id: randomUUID(),
							question_id: questionId,
							option_key: option.id,
							position: optionPosition,
							label: option.label
						}))
					)
					.execute();
			const counts = Object.entries(question.results?.counts ?? {});
			if (counts.length)
				await db
					.insertInto('poll_result_counts')
					.values(counts.map(([key, count]) => ({ question_id: questionId, answer_key: key, count })))
					.execute();
			const texts = question.results?.texts ?? [];
			if (texts.length)
				await db
					.insertInto('poll_result_texts')
					.values(
						texts.map((text, textPosition) => ({
							id: randomUUID(),
							question_id: questionId,
							position: textPosition,
							text,
							is_hidden: 0
						}))
					)
					.execute();
		}
	}

	const roundIds = new Map<string, string>();
	for (const [position, round] of (meeting.breakoutRounds ?? []).entries()) {
		const roundId = randomUUID();
		roundIds.set(round.id, roundId);
		await db
			.insertInto('breakout_rounds')
			.values({
				id: roundId,
				meeting_id: meetingId,
				round_key: round.id,
				position,
				title: round.title,
				description: orNull(round.description),
				questions: toJsonList(round.questions),
				synthesis: toJsonList(round.synthesis)
			})
			.execute();
		for (const [roomPosition, room] of round.rooms.entries()) {
			const roomId = randomUUID();
			await db
				.insertInto('breakout_rooms')
				.values({ id: roomId, round_id: roundId, position: roomPosition, name: room.name })
				.execute();
			if (room.participants?.length)
				await db
					.insertInto('breakout_room_members')
					.values(
						room.participants.map((key, memberPosition) => ({
							room_id: roomId,
							person_id: personId(key),
							position: memberPosition
						}))
					)
					.execute();
			if (room.cards?.length)
				await db
					.insertInto('board_cards')
					.values(
						room.cards.map((card, cardPosition) => ({
							id: randomUUID(),
							room_id: roomId,
							position: cardPosition,
							text: card.text,
							column_name: orNull(card.column),
							vote_count: card.votes ?? 0,
							author_person_id: null,
							created_at: timestamp
						}))
					)
					.execute();
		}
	}

	const agendaIds: string[] = [];
	for (const [position, item] of meeting.agenda.entries()) {
		const itemId = randomUUID();
		agendaIds.push(itemId);
		await db
			.insertInto('agenda_items')
			.values({
				id: itemId,
				meeting_id: meetingId,
				position,
				start_time: item.start,
				end_time: item.end,
				kind: item.kind,
				title: item.title,
				details: toJsonList(item.details),
				poll_id: item.poll === undefined ? null : (pollIds.get(item.poll) ?? null),
				breakout_round_id:
					item.breakoutRound === undefined ? null : (roundIds.get(item.breakoutRound) ?? null)
			})
			.execute();
		if (item.speakers?.length)
			await db
				.insertInto('agenda_item_speakers')
				.values(
					item.speakers.map((key, speakerPosition) => ({
						agenda_item_id: itemId,
						person_id: personId(key),
						position: speakerPosition
					}))
				)
				.execute();
	}

	for (const [position, attachment] of (meeting.attachments ?? []).entries()) {
		const attachmentId = randomUUID();
		await db
			.insertInto('attachments')
			.values({
				id: attachmentId,
				meeting_id: meetingId,
				position,
				title: attachment.title,
				kind: attachment.kind,
				file_path: orNull(attachment.file),
				media_type: orNull(attachment.mediaType),
				agenda_item_id:
					attachment.agendaItem === undefined ? null : (agendaIds[attachment.agendaItem] ?? null)
			})
			.execute();
		if (attachment.presenters?.length)
			await db
				.insertInto('attachment_presenters')
				.values(
					attachment.presenters.map((key, presenterPosition) => ({
						attachment_id: attachmentId,
						person_id: personId(key),
						position: presenterPosition
					}))
				)
				.execute();
	}

	for (const [position, network] of networks.entries()) {
		const networkId = await upsertNetwork(db, target.organizationId, network);
		await db
			.insertInto('meeting_networks')
			.values({ meeting_id: meetingId, network_id: networkId, position })
			.execute();
	}
	return meetingId;
}

/** A network is the organization's directory entry: the newest import of its key wins. */
async function upsertNetwork(
	db: Kysely<Database>,
	organizationId: string,
	network: NetworkPart
): Promise<string> {
	const fields = {
		name: network.name,
		kind: network.kind,
		municipality: orNull(network.municipality),
		ags: orNull(network.ags),
		district: orNull(network.district),
		scope: orNull(network.scope),
		description: orNull(network.description),
		partners: toJsonList(network.partners),
		origin: orNull(network.origin),
		challenges: orNull(network.challenges),
		founded: orNull(network.founded),
		website: orNull(network.website),
		contact_name: network.contact?.name ?? null,
		contact_email: network.contact?.email ?? null,
		contact_phone: network.contact?.phone ?? null,
		updated_at: now()
	};
	const existing = await db
		.selectFrom('networks')
		.select('id')
		.where('organization_id', '=', organizationId)
		.where('network_key', '=', network.id)
		.executeTakeFirst();
	if (existing) {
		await db.updateTable('networks').set(fields).where('id', '=', existing.id).execute();
		return existing.id;
	}
	const id = randomUUID();
	await db
		.insertInto('networks')
		.values({
			id,
			organization_id: organizationId,
			network_key: network.id,
			created_at: fields.updated_at,
			...fields
		})
		.execute();
	return id;
}

/** Drops undefined values, so that the document holds only keys that have something to say. */
function compact<T extends Record<string, unknown>>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const optList = (text: string): string[] | undefined => {
	const list = fromJsonList(text);
	return list.length ? list : undefined;
};

const SERIES_BLOCK_COLUMNS = [
	'series.slug',
	'series.title as series_title',
	'series.meeting_noun',
	'series.meeting_noun_genitive',
	'series.audience',
	'series.language',
	'series.organizer_name',
	'series.organizer_email',
	'series.organizer_website',
	'series.format_description',
	'series.funding_lead',
	'series.funding_funder'
] as const;

interface SeriesBlockRow {
	slug: string;
	series_title: string;
	meeting_noun: string;
	meeting_noun_genitive: string;
	audience: string;
	language: string;
	organizer_name: string;
	organizer_email: string | null;
	organizer_website: string | null;
	format_description: string;
	funding_lead: string | null;
	funding_funder: string | null;
}

function seriesBlockOf(row: SeriesBlockRow): MeetingDocument['series'] {
	const fundingFunder = row.funding_funder === null ? [] : fromJsonList(row.funding_funder);
	return compact({
		id: row.slug,
		title: row.series_title,
		meetingNoun: row.meeting_noun,
		meetingNounGenitive: row.meeting_noun_genitive,
		audience: row.audience,
		language: row.language === 'en' ? ('en' as const) : ('de' as const),
		organizer: compact({
			name: row.organizer_name,
			email: opt(row.organizer_email),
			website: opt(row.organizer_website)
		}),
		formatDescription: optList(row.format_description),
		fundingNotice:
			row.funding_funder !== null && fundingFunder.length
				? { lead: row.funding_lead ?? '', funder: fundingFunder }
				: undefined
	});
}

/** The `series` block of a stored series, as an export would write it. */
export async function readSeriesBlock(
	db: Kysely<Database>,
	seriesId: string
): Promise<MeetingDocument['series']> {
	const row = await db
		.selectFrom('series')
		.select(SERIES_BLOCK_COLUMNS)
		.where('series.id', '=', seriesId)
		.executeTakeFirstOrThrow();
	return seriesBlockOf(row);
}

/** The organization whose name is exactly this one (the first, should there be several). */
export async function findOrganizationByName(
	db: Kysely<Database>,
	name: string
): Promise<OrganizationRecord | undefined> {
	return db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where('name', '=', name)
		.orderBy('created_at')
		.executeTakeFirst();
}

/** Builds the exchange document of a meeting from its rows. */
export async function readMeetingDocument(db: Kysely<Database>, meetingId: string): Promise<MeetingDocument> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.selectAll('meetings')
		.select(SERIES_BLOCK_COLUMNS)
		.where('meetings.id', '=', meetingId)
		.executeTakeFirstOrThrow();

	const credits = await db
		.selectFrom('meeting_credits')
		.select(['role', 'person_key', 'name', 'organization'])
		.where('meeting_id', '=', meetingId)
		.orderBy('role')
		.orderBy('position')
		.execute();
	const creditsOf = (role: string) =>
		credits
			.filter((credit) => credit.role === role)
			.map((credit) =>
				compact({ id: credit.person_key, name: credit.name, organization: opt(credit.organization) })
			);

	const people = await db
		.selectFrom('people')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const personKey = new Map(people.map((person) => [person.id, person.person_key]));
	const keyOf = (id: string) => personKey.get(id) ?? id;

	const polls = await db
		.selectFrom('polls')
		.select(['id', 'poll_key', 'title', 'is_anonymous'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const questions = await db
		.selectFrom('poll_questions')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.selectAll('poll_questions')
		.where('polls.meeting_id', '=', meetingId)
		.orderBy('poll_questions.position')
		.execute();
	const options = await db
		.selectFrom('poll_options')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_options.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_options.question_id', 'poll_options.option_key', 'poll_options.label'])
		.where('polls.meeting_id', '=', meetingId)
		.orderBy('poll_options.position')
		.execute();
	const counts = await db
		.selectFrom('poll_result_counts')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_counts.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_result_counts.question_id', 'poll_result_counts.answer_key', 'poll_result_counts.count'])
		.where('polls.meeting_id', '=', meetingId)
		.execute();
	// Hidden free-text answers were moderated out; they stay out of the export.
	const texts = await db
		.selectFrom('poll_result_texts')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_texts.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_result_texts.question_id', 'poll_result_texts.text'])
		.where('polls.meeting_id', '=', meetingId)
		.where('poll_result_texts.is_hidden', '=', 0)
		.orderBy('poll_result_texts.position')
		.execute();
	// Live votes (the live meeting) add to the imported aggregates: one `results` for both.
	const liveResults = await liveAggregates(
		db,
		questions.map((question) => ({ id: question.id, kind: question.kind }))
	);

	const rounds = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const rooms = await db
		.selectFrom('breakout_rooms')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['breakout_rooms.id', 'breakout_rooms.round_id', 'breakout_rooms.name'])
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('breakout_rooms.position')
		.execute();
	const members = await db
		.selectFrom('breakout_room_members')
		.innerJoin('people', 'people.id', 'breakout_room_members.person_id')
		.select(['breakout_room_members.room_id', 'breakout_room_members.person_id'])
		.where('people.meeting_id', '=', meetingId)
		.orderBy('breakout_room_members.position')
		.execute();
	const cards = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['board_cards.room_id', 'board_cards.text', 'board_cards.column_name', 'board_cards.vote_count'])
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('board_cards.position')
		.execute();

	const agenda = await db
		.selectFrom('agenda_items')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const speakers = await db
		.selectFrom('agenda_item_speakers')
		.innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_speakers.agenda_item_id')
		.select(['agenda_item_speakers.agenda_item_id', 'agenda_item_speakers.person_id'])
		.where('agenda_items.meeting_id', '=', meetingId)
		.orderBy('agenda_item_speakers.position')
		.execute();
	const pollKey = new Map(polls.map((poll) => [poll.id, poll.poll_key]));
	const roundKey = new Map(rounds.map((round) => [round.id, round.round_key]));
	const agendaIndex = new Map(agenda.map((item, index) => [item.id, index]));

	const attachments = await db
		.selectFrom('attachments')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const presenters = await db
		.selectFrom('attachment_presenters')
		.innerJoin('attachments', 'attachments.id', 'attachment_presenters.attachment_id')
		.select(['attachment_presenters.attachment_id', 'attachment_presenters.person_id'])
		.where('attachments.meeting_id', '=', meetingId)
		.orderBy('attachment_presenters.position')
		.execute();

	const networks = await db
		.selectFrom('meeting_networks')
		.innerJoin('networks', 'networks.id', 'meeting_networks.network_id')
		.selectAll('networks')
		.where('meeting_networks.meeting_id', '=', meetingId)
		.orderBy('meeting_networks.position')
		.execute();

	const emptyToUndefined = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

	const document: MeetingDocument = {
		format: FORMAT_ID,
		series: seriesBlockOf(row),
		meeting: compact({
			number: row.number,
			date: row.date,
			start: row.start_time,
			end: row.end_time,
			timeZone: row.time_zone,
			venue: compact({
				mode: row.venue_mode as MeetingPart['venue']['mode'],
				platform: opt(row.venue_platform),
				url: opt(row.venue_url),
				address: opt(row.venue_address)
			}),
			moderation: emptyToUndefined(creditsOf('moderation')),
			documentedBy: emptyToUndefined(creditsOf('documentedBy')),
			topic:
				row.topic_title === null
					? undefined
					: compact({
							title: row.topic_title,
							summary: optList(row.topic_summary),
							guidingQuestions: optList(row.topic_guiding_questions)
						}),
			outlook:
				optList(row.outlook_text) || row.topic_wishes_contact !== null
					? compact({ text: optList(row.outlook_text), topicWishesContact: opt(row.topic_wishes_contact) })
					: undefined,
			people: emptyToUndefined(
				people.map((person) => {
					const consent = compact({
						participantList: fromBoolInt(person.consent_participant_list) || undefined,
						shareEmail: fromBoolInt(person.consent_share_email) || undefined
					});
					return compact({
						id: person.person_key,
						name: person.name,
						organization: opt(person.organization),
						municipality: opt(person.municipality),
						ags: opt(person.ags),
						role: opt(person.job_role),
						email: opt(person.email),
						registered: fromBoolInt(person.is_registered) || undefined,
						attended: fromBoolInt(person.has_attended) || undefined,
						consent: Object.keys(consent).length ? consent : undefined,
						status: opt(person.status) as PersonStatus | undefined
					});
				})
			),
			agenda: agenda.map((item) =>
				compact({
					start: item.start_time,
					end: item.end_time,
					kind: item.kind as MeetingPart['agenda'][number]['kind'],
					title: item.title,
					details: optList(item.details),
					speakers: emptyToUndefined(
						speakers.filter((s) => s.agenda_item_id === item.id).map((s) => keyOf(s.person_id))
					),
					poll: item.poll_id === null ? undefined : pollKey.get(item.poll_id),
					breakoutRound: item.breakout_round_id === null ? undefined : roundKey.get(item.breakout_round_id)
				})
			),
			polls: emptyToUndefined(
				polls.map((poll) =>
					compact({
						id: poll.poll_key,
						title: poll.title,
						// true is the format's default.
						anonymous: fromBoolInt(poll.is_anonymous) ? undefined : false,
						questions: questions
							.filter((question) => question.poll_id === poll.id)
							.map((question) => {
								const questionCounts = counts.filter((count) => count.question_id === question.id);
								const questionTexts = texts.filter((text) => text.question_id === question.id);
								const hasImported =
									question.imported_respondents !== null || questionCounts.length || questionTexts.length;
								const results = combineResults(
									hasImported
										? compact({
												respondents: opt(question.imported_respondents),
												counts: questionCounts.length
													? Object.fromEntries(questionCounts.map((count) => [count.answer_key, count.count]))
													: undefined,
												texts: emptyToUndefined(questionTexts.map((text) => text.text))
											})
										: undefined,
									liveResults.get(question.id) ?? emptyLive
								);
								return compact({
									id: question.question_key,
									text: question.text,
									kind: question.kind as QuestionKind,
									options: emptyToUndefined(
										options
											.filter((option) => option.question_id === question.id)
											.map((option) => ({ id: option.option_key, label: option.label }))
									),
									scale:
										question.scale_min === null || question.scale_max === null
											? undefined
											: compact({
													min: question.scale_min,
													max: question.scale_max,
													minLabel: opt(question.scale_min_label),
													maxLabel: opt(question.scale_max_label)
												}),
									results,
									maxChoices: opt(question.max_choices)
								});
							})
					})
				)
			),
			breakoutRounds: emptyToUndefined(
				rounds.map((round) =>
					compact({
						id: round.round_key,
						title: round.title,
						description: opt(round.description),
						questions: optList(round.questions),
						rooms: rooms
							.filter((room) => room.round_id === round.id)
							.map((room) =>
								compact({
									name: room.name,
									participants: emptyToUndefined(
										members.filter((m) => m.room_id === room.id).map((m) => keyOf(m.person_id))
									),
									cards: emptyToUndefined(
										cards
											.filter((card) => card.room_id === room.id)
											.map((card) =>
												compact({
													text: card.text,
													column: opt(card.column_name),
													votes: card.vote_count || undefined
												})
											)
									)
								})
							),
						synthesis: optList(round.synthesis)
					})
				)
			),
			findings: optList(row.findings),
			attachments: emptyToUndefined(
				attachments.map((attachment) =>
					compact({
						title: attachment.title,
						kind: attachment.kind as AttachmentKind,
						presenters: emptyToUndefined(
							presenters.filter((p) => p.attachment_id === attachment.id).map((p) => keyOf(p.person_id))
						),
						file: opt(attachment.file_path),
						mediaType: opt(attachment.media_type),
						agendaItem:
							attachment.agenda_item_id === null ? undefined : agendaIndex.get(attachment.agenda_item_id)
					})
				)
			)
		}),
		networks: emptyToUndefined(
			networks.map((network) =>
				compact({
					id: network.network_key,
					name: network.name,
					kind: network.kind as NetworkPart['kind'],
					municipality: opt(network.municipality),
					ags: opt(network.ags),
					district: opt(network.district),
					scope: opt(network.scope) as NetworkPart['scope'],
					description: opt(network.description),
					partners: optList(network.partners) as NetworkPart['partners'],
					origin: opt(network.origin),
					challenges: opt(network.challenges),
					founded: opt(network.founded),
					website: opt(network.website),
					contact:
						network.contact_name === null && network.contact_email === null && network.contact_phone === null
							? undefined
							: compact({
									name: opt(network.contact_name),
									email: opt(network.contact_email),
									phone: opt(network.contact_phone)
								})
				})
			)
		)
	};
	return compact(document);
}

type PersonStatus = (typeof personStatuses)[number];
type QuestionKind = (typeof questionKinds)[number];
type AttachmentKind = (typeof attachmentKinds)[number];
