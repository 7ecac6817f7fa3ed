import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { LiveBus } from '../../src/lib/server/live/bus';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { joinLive, type Viewer } from '../../src/lib/server/services/live-participants';
import { moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { factories } from '../helpers/factories';
import { foundingDocument } from '../helpers/founding-document';

/** The founding meeting with a poll of every question kind (no results yet), under a fresh series id. */
export function liveMeetingDocument(): MeetingDocument {
	const doc = foundingDocument();
	doc.series.id = `live-${randomUUID().slice(0, 8)}`;
	doc.meeting.polls = [
		{
			id: 'umfrage',
			title: 'Kurze Umfrage',
			questions: [
				{
					id: 'rolle',
					text: 'Welche Rolle haben Sie?',
					kind: 'single',
					options: [
						{ id: 'verwaltung', label: 'Verwaltung' },
						{ id: 'verein', label: 'Verein' },
						{ id: 'andere', label: 'Andere' }
					]
				},
				{
					id: 'themen',
					text: 'Welche Themen interessieren Sie?',
					kind: 'multiple',
					maxChoices: 2,
					options: [
						{ id: 'netzwerke', label: 'Netzwerke' },
						{ id: 'foerderung', label: 'Förderung' },
						{ id: 'ehrenamt', label: 'Ehrenamt' }
					]
				},
				{
					id: 'zufrieden',
					text: 'Wie zufrieden sind Sie?',
					kind: 'scale',
					scale: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' }
				},
				{ id: 'wunsch', text: 'Was wünschen Sie sich?', kind: 'text' }
			]
		}
	];
	return doc;
}

/** Imports the live meeting for an organizer (changed by `edit` first, if given); returns its address. */
export async function importLiveMeeting(
	db: Kysely<Database>,
	actor: Actor,
	edit?: (doc: MeetingDocument) => void
) {
	const doc = liveMeetingDocument();
	edit?.(doc);
	await importMeeting(db, actor, doc);
	return { seriesSlug: doc.series.id, number: doc.meeting.number, doc };
}

/** A viewer with a cookie jar, as routes build it from SvelteKit's cookies. */
export function viewerOf(
	actor: Actor,
	jar: Map<string, string> = new Map()
): Viewer & { jar: Map<string, string> } {
	return { actor, cookies: { get: (name) => jar.get(name) }, jar };
}

/** Question and option ids of the imported poll, by key. */
export async function pollIds(db: Kysely<Database>, seriesSlug: string) {
	const rows = await db
		.selectFrom('poll_questions')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.innerJoin('meetings', 'meetings.id', 'polls.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select(['polls.id as pollId', 'poll_questions.id', 'poll_questions.question_key'])
		.where('series.slug', '=', seriesSlug)
		.execute();
	const question = (key: string) => rows.find((row) => row.question_key === key)!.id;
	return {
		pollId: rows[0]!.pollId,
		single: question('rolle'),
		multiple: question('themen'),
		scale: question('zufrieden'),
		text: question('wunsch')
	};
}

/**
 * An organizer's live meeting with a running session and its poll open; a bus with a short tally
 * interval (close it at the end of the test); `guest` joins a guest and returns their viewer.
 */
export async function runningLiveMeeting(db: Kysely<Database>, edit?: (doc: MeetingDocument) => void) {
	const make = factories(db);
	const organizer = await make.organizer();
	const meeting = await importLiveMeeting(db, organizer.actor, edit);
	const bus = new LiveBus(db, 10);
	const { code } = await startLiveSession(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, {});
	const ids = await pollIds(db, meeting.seriesSlug);
	const moderate = (input: unknown) =>
		moderateLive(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, input);
	await moderate({ action: 'openPoll', pollId: ids.pollId });
	const guest = async (name: string) => {
		const viewer = viewerOf(anonymous);
		const joined = await joinLive(db, viewer, code, { displayName: name });
		viewer.jar.set(joined.cookie!.name, joined.cookie!.value);
		return Object.assign(viewer, { participantId: joined.participantId });
	};
	return { db, make, organizer, meeting, bus, code, ids, moderate, guest };
}
