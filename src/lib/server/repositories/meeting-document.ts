import type { Kysely } from 'kysely';
import type { MeetingDocument, MeetingPart, NetworkPart } from '../../domain/exchange-format/schema';
import {
	attachmentKinds,
	FORMAT_ID,
	networkKinds,
	personStatuses
} from '../../domain/exchange-format/schema';
import { fromBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';
import { readBreakoutsPart } from './meeting-document-breakouts';
import { readPollsPart, type StoredQuestion } from './meeting-document-polls';
import {
	compact,
	emptyToUndefined,
	opt,
	optList,
	SERIES_BLOCK_COLUMNS,
	seriesBlockOf
} from './meeting-document-series';

export { readSeriesBlock } from './meeting-document-series';

/**
 * A meeting as an exchange document, read from the relational tables (no copy of the document
 * is stored; `meeting-document-writer.ts` writes it). Queries only: the live votes are combined
 * with the imported results in services/meeting-document.ts.
 */

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

	const polls = await readPollsPart(db, meetingId);
	const breakouts = await readBreakoutsPart(db, meetingId, keyOf);

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
					poll: item.poll_id === null ? undefined : polls.keyOf.get(item.poll_id),
					breakoutRound:
						item.breakout_round_id === null ? undefined : breakouts.keyOf.get(item.breakout_round_id)
				})
			),
			polls: polls.part,
			breakoutRounds: breakouts.part,
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
		questions: polls.questions
	};
}

type PersonStatus = (typeof personStatuses)[number];
type AttachmentKind = (typeof attachmentKinds)[number];
