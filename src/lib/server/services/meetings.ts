import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkAgenda, checkMeetingTimes, TIME_PATTERN } from '../../domain/agenda-timing';
import { conflict, notFound, problem, validationFailed, type Problem } from '../../domain/errors';
import { SERIES_ID_PATTERN } from '../../domain/meeting-address';
import { formatAgendaSlot, isTimeZone } from '../../domain/meeting-display';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { listAgendaItems } from '../repositories/agenda';
import * as meetingsRepo from '../repositories/meetings';
import * as peopleRepo from '../repositories/people';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import * as seriesRepo from '../repositories/series';
import type { SeriesRecord } from '../repositories/series';
import { requireMeeting } from './meeting-access';
import { toMeetingView, toPersonView, type AgendaItemView, type MeetingView } from './meeting-views';
import {
	lineList,
	optionalEmail,
	optionalText,
	optionalWebUrl,
	paragraphList,
	requireManagedSeries
} from './series';
import { toSeriesView, type SeriesView } from './series-views';

/** Meetings of a series: read, create, edit (with credits), publish. */

export const DEFAULT_TIME_ZONE = 'Europe/Berlin';
export const venueModes = ['online', 'in-person', 'hybrid'] as const;

/** A form sends numbers as text: "3" becomes 3; anything else is left for Zod to refuse. */
const meetingNumber = z.preprocess(
	(value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
	z.int().min(1).max(999_999_999)
);
const time = z.string().trim().regex(TIME_PATTERN);
const personKeys = z.array(z.string().regex(SERIES_ID_PATTERN)).max(100);

const meetingFields = {
	date: z.iso.date(),
	start: time,
	end: time,
	/** IANA time zone; Europe/Berlin when left out. */
	timeZone: z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z.string().trim().max(100).optional()
	),
	venue: z.strictObject({
		mode: z.enum(venueModes),
		platform: optionalText(100),
		url: optionalWebUrl,
		address: optionalText(500)
	}),
	topic: z
		.strictObject({
			title: optionalText(300),
			summary: paragraphList.optional(),
			guidingQuestions: lineList.optional()
		})
		.optional(),
	outlook: z.strictObject({ text: paragraphList.optional(), topicWishesContact: optionalEmail }).optional()
};

export const CreateMeeting = z.strictObject({
	/** Defaults to the next free number in the series. */
	number: meetingNumber.optional(),
	...meetingFields
});
export type CreateMeeting = z.infer<typeof CreateMeeting>;

/** Every key is optional (PATCH); credits name people of the meeting by key, in any order. */
export const UpdateMeeting = z.strictObject({
	number: meetingNumber.optional(),
	date: meetingFields.date.optional(),
	start: time.optional(),
	end: time.optional(),
	timeZone: meetingFields.timeZone,
	venue: meetingFields.venue.optional(),
	topic: meetingFields.topic,
	outlook: meetingFields.outlook,
	moderation: personKeys.optional(),
	documentedBy: personKeys.optional()
});
export type UpdateMeeting = z.infer<typeof UpdateMeeting>;

export interface ManagedMeeting {
	series: SeriesRecord;
	meeting: meetingsRepo.MeetingRecord;
}

/** The series and meeting records behind a handle that requireMeeting gave. */
export async function recordsOf(db: Kysely<Database>, handle: MeetingHandle): Promise<ManagedMeeting> {
	const series = await seriesRepo.findSeriesBySlug(db, handle.seriesSlug);
	const meeting = series && (await meetingsRepo.findMeeting(db, series.id, handle.number));
	if (!series || !meeting) throw notFound('meeting.notFound');
	return { series, meeting };
}

/** The meeting for someone who wants to change it (see requireMeeting for the refusals). */
export async function requireManagedMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<ManagedMeeting> {
	return recordsOf(db, await requireMeeting(db, actor, { seriesId: slug, number }, 'manage'));
}

/** A meeting for a reader, with its agenda: a draft (or one of a draft series) only for its managers. */
export async function getMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<{ series: SeriesView; meeting: MeetingView; agenda: AgendaItemView[]; canManage: boolean }> {
	const { series, meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'view')
	);
	const [credits, items] = await Promise.all([
		meetingsRepo.listCredits(db, meeting.id),
		listAgendaItems(db, meeting.id)
	]);
	return {
		series: toSeriesView(series),
		meeting: toMeetingView(series, meeting, credits),
		agenda: items.map((item) => ({
			slot: formatAgendaSlot(item.start, item.end),
			start: item.start,
			end: item.end,
			kind: item.kind,
			title: item.title,
			details: item.details,
			speakers: item.speakers.map(toPersonView)
		})),
		canManage: canManageOrganizationContent(actor, series.organizationId)
	};
}

/** For the edit page: the meeting, its people (to choose credits from) and its credits. */
export async function getMeetingForEditing(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<{
	series: SeriesView;
	meeting: MeetingView;
	people: { id: string; name: string; organization: string | null }[];
	hasAgenda: boolean;
}> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	const [credits, people, items] = await Promise.all([
		meetingsRepo.listCredits(db, meeting.id),
		peopleRepo.listPeople(db, meeting.id),
		listAgendaItems(db, meeting.id)
	]);
	return {
		series: toSeriesView(series),
		meeting: toMeetingView(series, meeting, credits),
		people: people.map(toPersonView),
		hasAgenda: items.length > 0
	};
}

/** The number a new meeting gets unless the organizer chooses another. */
export async function suggestMeetingNumber(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<number> {
	const series = await requireManagedSeries(db, actor, slug);
	return meetingsRepo.nextFreeNumber(db, series.id);
}

function numberTaken(number: number) {
	return conflict('meeting.numberTaken', { number }, [problem('/number', 'meeting.numberTaken', { number })]);
}

/** Problems of the time zone and the times that need more than the schema. */
function checkTimes(fields: { start: string; end: string; timeZone: string }): Problem[] {
	const problems: Problem[] = [];
	if (!isTimeZone(fields.timeZone)) problems.push(problem('/timeZone', 'meeting.invalidTimeZone'));
	for (const timing of checkMeetingTimes(fields))
		problems.push(problem(`/${timing.field}`, timing.key, timing.params));
	return problems;
}

export async function createMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	input: unknown,
	now = new Date()
): Promise<MeetingView> {
	const series = await requireManagedSeries(db, actor, slug);
	const data = parseOrThrow(CreateMeeting, input);
	const fields: meetingsRepo.MeetingFields = {
		number: data.number ?? (await meetingsRepo.nextFreeNumber(db, series.id)),
		date: data.date,
		start: data.start,
		end: data.end,
		timeZone: data.timeZone ?? DEFAULT_TIME_ZONE,
		venueMode: data.venue.mode,
		venuePlatform: data.venue.platform ?? null,
		venueUrl: data.venue.url ?? null,
		venueAddress: data.venue.address ?? null,
		topicTitle: data.topic?.title ?? null,
		topicSummary: data.topic?.summary ?? [],
		topicGuidingQuestions: data.topic?.guidingQuestions ?? [],
		outlookText: data.outlook?.text ?? [],
		topicWishesContact: data.outlook?.topicWishesContact ?? null
	};
	const problems = checkTimes(fields);
	if (problems.length) throw validationFailed(problems);
	if (await meetingsRepo.isNumberTaken(db, series.id, fields.number)) throw numberTaken(fields.number);
	const id = randomUUID();
	try {
		await meetingsRepo.insertMeeting(db, { id, seriesId: series.id, now: now.toISOString(), fields });
	} catch (error) {
		if (isUniqueViolation(error)) throw numberTaken(fields.number);
		throw error;
	}
	const created = await meetingsRepo.findMeeting(db, series.id, fields.number);
	if (!created) throw notFound('meeting.notFound');
	return toMeetingView(series, created, []);
}

/**
 * Credits for one role from the chosen person keys: in the order of the people list, each
 * copying the person's key, name and organization. Credits naming no person of the meeting
 * (e.g. an imported external moderator) are kept as they were, ahead of the chosen ones.
 */
function creditsFor(
	chosenKeys: readonly string[],
	people: readonly peopleRepo.PersonRecord[],
	existing: readonly meetingsRepo.CreditRecord[]
) {
	const personKeys = new Set(people.map((person) => person.personKey));
	const kept = existing
		.filter((credit) => !personKeys.has(credit.personKey))
		.map((credit) => ({ ...credit, id: randomUUID() }));
	const chosen = new Set(chosenKeys);
	const fromPeople = people
		.filter((person) => chosen.has(person.personKey))
		.map((person) => ({
			id: randomUUID(),
			personKey: person.personKey,
			name: person.name,
			organization: person.organization
		}));
	return [...kept, ...fromPeople];
}

export async function updateMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<MeetingView> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(UpdateMeeting, input);
	const keep = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);
	const fields: meetingsRepo.MeetingFields = {
		number: data.number ?? meeting.number,
		date: data.date ?? meeting.date,
		start: data.start ?? meeting.start,
		end: data.end ?? meeting.end,
		timeZone: data.timeZone ?? meeting.timeZone,
		venueMode: data.venue?.mode ?? meeting.venueMode,
		venuePlatform: data.venue ? (data.venue.platform ?? null) : meeting.venuePlatform,
		venueUrl: data.venue ? (data.venue.url ?? null) : meeting.venueUrl,
		venueAddress: data.venue ? (data.venue.address ?? null) : meeting.venueAddress,
		topicTitle: keep(data.topic?.title, meeting.topicTitle),
		topicSummary: data.topic?.summary ?? meeting.topicSummary,
		topicGuidingQuestions: data.topic?.guidingQuestions ?? meeting.topicGuidingQuestions,
		outlookText: data.outlook?.text ?? meeting.outlookText,
		topicWishesContact: keep(data.outlook?.topicWishesContact, meeting.topicWishesContact)
	};

	const problems = checkTimes(fields);
	if (fields.number !== meeting.number && meeting.publishedAt !== null)
		problems.push(problem('/number', 'meeting.numberLockedPublished'));
	if (problems.length) throw validationFailed(problems);

	await db.transaction().execute(async (trx) => {
		if (
			fields.number !== meeting.number &&
			(await meetingsRepo.isNumberTaken(trx, series.id, fields.number, meeting.id))
		)
			throw numberTaken(fields.number);
		// The agenda must still fit: name each item that the new times would leave outside.
		if (fields.start !== meeting.start || fields.end !== meeting.end) {
			const items = await listAgendaItems(trx, meeting.id);
			const outside = checkAgenda(fields, items).filter((timing) => timing.key === 'agenda.outsideMeeting');
			if (outside.length) {
				throw validationFailed(
					outside.map((timing) =>
						problem(timing.field === 'start' ? '/start' : '/end', 'meeting.agendaOutsideNewTime', {
							title: String(timing.params.title),
							start: fields.start,
							end: fields.end
						})
					)
				);
			}
		}
		if (data.moderation || data.documentedBy) {
			const [people, credits] = await Promise.all([
				peopleRepo.listPeople(trx, meeting.id),
				meetingsRepo.listCredits(trx, meeting.id)
			]);
			const known = new Set(people.map((person) => person.personKey));
			const unknown = [
				...(data.moderation ?? []).map((key) => ({ key, path: '/moderation' })),
				...(data.documentedBy ?? []).map((key) => ({ key, path: '/documentedBy' }))
			].filter((entry) => !known.has(entry.key));
			if (unknown.length)
				throw validationFailed(
					unknown.map((entry) => problem(entry.path, 'meeting.unknownPerson', { key: entry.key }))
				);
			for (const [role, chosen] of [
				['moderation', data.moderation],
				['documentation', data.documentedBy]
			] as const) {
				if (!chosen) continue;
				const existing = credits.filter((credit) => credit.role === role);
				await meetingsRepo.replaceCredits(trx, meeting.id, role, creditsFor(chosen, people, existing));
			}
		}
		try {
			await meetingsRepo.updateMeeting(trx, meeting.id, fields, now.toISOString());
		} catch (error) {
			if (isUniqueViolation(error)) throw numberTaken(fields.number);
			throw error;
		}
	});
	const updated = await meetingsRepo.findMeeting(db, series.id, fields.number);
	if (!updated) throw notFound('meeting.notFound');
	return toMeetingView(series, updated, await meetingsRepo.listCredits(db, updated.id));
}

async function setPublished(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	isPublished: boolean,
	now: Date
): Promise<MeetingView> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	// Publishing again keeps the first publication date.
	const publishedAt = isPublished ? (meeting.publishedAt ?? now.toISOString()) : null;
	if (publishedAt !== meeting.publishedAt)
		await meetingsRepo.setMeetingPublishedAt(db, meeting.id, publishedAt, now.toISOString());
	const credits = await meetingsRepo.listCredits(db, meeting.id);
	return toMeetingView(series, { ...meeting, publishedAt }, credits);
}

/** Publishing a meeting of a draft series is allowed; it stays hidden until the series is published. */
export function publishMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	now = new Date()
): Promise<MeetingView> {
	return setPublished(db, actor, slug, number, true, now);
}

export function unpublishMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	now = new Date()
): Promise<MeetingView> {
	return setPublished(db, actor, slug, number, false, now);
}
