import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MeetingDocument, MeetingPart, NetworkPart } from '../../domain/exchange-format/schema';
import { toBoolInt } from '../db/booleans';
import { toJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';
import { indexEntry, recordChange } from './networks';

/**
 * A meeting of an exchange document written into the relational tables (no copy of the document
 * is stored; `meeting-document.ts` reads it back). Writes run inside the caller's transaction; the
 * caller passes the time they happen at.
 */

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** Writes a new series from a document's `series` block (a draft). */
export async function insertSeries(
	db: Kysely<Database>,
	organizationId: string,
	series: MeetingDocument['series'],
	timestamp: string
): Promise<string> {
	const id = randomUUID();
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

/**
 * Writes a meeting and everything in it. References inside the document (people, polls,
 * rounds, agenda indexes) are resolved to the new rows' ids. Call inside a transaction.
 */
export async function insertMeeting(
	db: Kysely<Database>,
	target: { meetingId?: string; seriesId: string; organizationId: string; publishedAt: string | null },
	meeting: MeetingPart,
	networks: readonly NetworkPart[],
	timestamp: string
): Promise<string> {
	const meetingId = target.meetingId ?? randomUUID();
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
		const networkId = await upsertNetwork(db, target.organizationId, network, timestamp);
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
	network: NetworkPart,
	timestamp: string
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
		updated_at: timestamp
	};
	const existing = await db
		.selectFrom('networks')
		.select('id')
		.where('organization_id', '=', organizationId)
		.where('network_key', '=', network.id)
		.executeTakeFirst();
	if (existing) {
		await db.updateTable('networks').set(fields).where('id', '=', existing.id).execute();
		await indexEntry(db, existing.id);
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
	// The network directory (/netzwerke) lists it from now on, searchable, with its history.
	await indexEntry(db, id);
	await recordChange(
		db,
		{ networkId: id, userId: null, actorLabel: 'import', action: 'imported', details: {} },
		fields.updated_at
	);
	return id;
}
