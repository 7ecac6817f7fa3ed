import type { Kysely } from 'kysely';
import type { MeetingDocument, MeetingPart, NetworkPart } from '../../domain/exchange-format/schema';
import {
	attachmentKinds,
	FORMAT_ID,
	networkKinds,
	personStatuses,
	questionKinds
} from '../../domain/exchange-format/schema';
import { fromBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';
import { compact, opt, optList, SERIES_BLOCK_COLUMNS, seriesBlockOf } from './meeting-document-series';

export { readSeriesBlock } from './meeting-document-series';

/**
 * A meeting as an exchange document, read from the relational tables (no copy of the document
 * is stored; `meeting-document-writer.ts` writes it). Queries only: the live votes are combined
 * with the imported results in services/meeting-document.ts.
 */

/** A stored poll question, by its place in the document, for adding live results to it. */
export interface StoredQuestion {
	id: string;
	kind: string;
	pollKey: string;
	questionKey: string;
}

/**
 * Builds the exchange document of a meeting from its rows, with the poll results as they were
 * imported; the live votes are added by services/meeting-document.ts, which also returns this
 * document with them (use that one for exports and the documentation).
 */
export async function readStoredMeetingDocument(
	db: Kysely<Database>,
	meetingId: string
): Promise<{ document: MeetingDocument; questions: StoredQuestion[] }> {
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
		// Imported dot votes plus the live ones (services/breakouts.ts), one `votes` for both.
		.select((eb) =>
			eb
				.selectFrom('board_card_votes')
				.select((inner) => inner.fn.countAll<number | string>().as('n'))
				.whereRef('board_card_votes.card_id', '=', 'board_cards.id')
				.as('live_votes')
		)
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
		// The directory decides: suggested and rejected entries are not part of a meeting's collection.
		.where('networks.status', '=', 'published')
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
								const results = hasImported
									? compact({
											respondents: opt(question.imported_respondents),
											counts: questionCounts.length
												? Object.fromEntries(questionCounts.map((count) => [count.answer_key, count.count]))
												: undefined,
											texts: emptyToUndefined(questionTexts.map((text) => text.text))
										})
									: undefined;
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
													votes: card.vote_count + Number(card.live_votes ?? 0) || undefined
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
					kind: (networkKinds as readonly string[]).includes(network.kind)
						? (network.kind as NetworkPart['kind'])
						: 'other',
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
	return {
		document: compact(document),
		questions: questions.map((question) => ({
			id: question.id,
			kind: question.kind,
			pollKey: pollKey.get(question.poll_id) ?? '',
			questionKey: question.question_key
		}))
	};
}

type PersonStatus = (typeof personStatuses)[number];
type QuestionKind = (typeof questionKinds)[number];
type AttachmentKind = (typeof attachmentKinds)[number];
