import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	conflict,
	forbidden,
	notFound,
	problem,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { SERIES_ID_PATTERN } from '../../domain/meeting-address';
import {
	canCreateSeries,
	canManageOrganizationContent,
	canView,
	managedOrganizationIds,
	type Actor
} from '../../domain/policy';
import { DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from '../../domain/retention';
import { slugify } from '../../domain/slug';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as meetingsRepo from '../repositories/meetings';
import * as seriesRepo from '../repositories/series';
import { toMeetingSummary, toSeriesView, type MeetingSummary, type SeriesView } from './series-views';

/** Series: list, read, create, edit, publish. */

// ---- Input building blocks, shared with the meeting and people services ----

/** Trimmed text; an empty text means "no value". `null` clears a value, a missing key keeps it. */
function blankToNull(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function blankToUndefined(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.preprocess(blankToNull, z.string().max(max).nullish());
export const optionalEmail = z.preprocess(blankToNull, z.email().max(300).nullish());
/** A form's checkbox (`on`) or a JSON boolean. */
export const checkbox = z.preprocess(
	(value) => value === true || value === 'on' || value === 'true',
	z.boolean()
);
export const optionalWebUrl = z.preprocess(
	blankToNull,
	z
		.url({ protocol: /^https?$/ })
		.max(1000)
		.nullish()
);
/** An id (series id, person key): left empty, it is derived from a title or name. */
export const optionalId = z.preprocess(blankToUndefined, z.string().regex(SERIES_ID_PATTERN).optional());
export const paragraphList = z.array(z.string().trim().min(1).max(20000)).max(200);
export const lineList = z.array(z.string().trim().min(1).max(2000)).max(200);

const DEFAULT_MEETING_NOUN = 'Austauschtreffen';
const DEFAULT_MEETING_NOUN_GENITIVE = 'Austauschtreffens';

const seriesFields = {
	/** The public id; derived from the title when left out. Editable only while unpublished. */
	id: optionalId,
	title: requiredText(300),
	meetingNoun: optionalText(100),
	meetingNounGenitive: optionalText(100),
	/** The phrase after the noun in the documentation's title ("für Hauptamtliche in …"). */
	audience: optionalText(500),
	language: z.enum(['de', 'en']).optional(),
	/** The "Format" section, one string per paragraph. */
	formatDescription: paragraphList.optional(),
	/** Printed at the foot of every page of the documentation; `null` removes it. */
	fundingNotice: z
		.strictObject({ lead: requiredText(500), funder: z.array(requiredText(300)).min(1).max(10) })
		.nullable()
		.optional(),
	/** The privacy notice on the registration pages of the series' meetings; `null` removes it. */
	privacyNotice: optionalText(20000),
	/** Months after a meeting until its registrations' personal data is anonymized (default 12). */
	retentionMonths: z.preprocess(
		(value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
		z.int().min(MIN_RETENTION_MONTHS).max(MAX_RETENTION_MONTHS).optional()
	),
	/** Defaults to the organization's name, email and website. */
	organizer: z
		.strictObject({ name: optionalText(300), email: optionalEmail, website: optionalWebUrl })
		.optional()
};

export const CreateSeries = z.strictObject({
	/** Needed only when the actor manages several organizations. */
	organizationId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
	...seriesFields
});
export type CreateSeries = z.infer<typeof CreateSeries>;

/** Every key is optional: a missing key keeps the stored value (PATCH semantics). */
export const UpdateSeries = z.strictObject({ ...seriesFields, title: requiredText(300).optional() });
export type UpdateSeries = z.infer<typeof UpdateSeries>;

// ---- Authorization helpers ----

/**
 * The series for someone who wants to change it. Anonymous: 401. A draft the actor may not
 * see is "not found" (its existence stays hidden); a published one they may not change, 403.
 */
export async function requireManagedSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<seriesRepo.SeriesRecord> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	const series = await seriesRepo.findSeriesBySlug(db, slug);
	if (!series) throw notFound('series.notFound');
	if (!canManageOrganizationContent(actor, series.organizationId)) {
		const isVisible = canView(actor, {
			organizationId: series.organizationId,
			isPublished: series.publishedAt !== null
		});
		throw isVisible ? forbidden() : notFound('series.notFound');
	}
	return series;
}

/** The series for a reader: published, or a draft the reader manages. */
export async function requireVisibleSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<seriesRepo.SeriesRecord> {
	const series = await seriesRepo.findSeriesBySlug(db, slug);
	if (
		!series ||
		!canView(actor, { organizationId: series.organizationId, isPublished: series.publishedAt !== null })
	)
		throw notFound('series.notFound');
	return series;
}

// ---- Use cases ----

/** The home page's list: published series only, whoever asks. */
export async function listPublishedSeries(db: Kysely<Database>): Promise<SeriesView[]> {
	return (await seriesRepo.listPublishedSeries(db)).map(toSeriesView);
}

/** What the actor may see: published series and the drafts of the organizations they manage. */
export async function listVisibleSeries(db: Kysely<Database>, actor: Actor): Promise<SeriesView[]> {
	const rows = await seriesRepo.listSeries(db, { draftsOf: managedOrganizationIds(actor) });
	return rows.map(toSeriesView);
}

/** The series of the organizations the actor manages (admins: all), for /manage. */
export async function listManagedSeries(db: Kysely<Database>, actor: Actor): Promise<SeriesView[]> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canCreateSeries(actor)) throw forbidden();
	const rows = await seriesRepo.listSeries(db, {
		draftsOf: managedOrganizationIds(actor),
		onlyOrganizations: true
	});
	return rows.map(toSeriesView);
}

/** The organizations the actor may create a series for (the form's select). */
export async function listSeriesOrganizations(
	db: Kysely<Database>,
	actor: Actor
): Promise<seriesRepo.OrganizationRecord[]> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canCreateSeries(actor)) throw forbidden();
	return seriesRepo.listOrganizations(db, managedOrganizationIds(actor));
}

/** A series with its meetings: drafts only for those who manage it. */
export async function getSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<{ series: SeriesView; meetings: MeetingSummary[]; canManage: boolean }> {
	const series = await requireVisibleSeries(db, actor, slug);
	const canManage = canManageOrganizationContent(actor, series.organizationId);
	const meetings = await meetingsRepo.listMeetings(db, series.id, { publishedOnly: !canManage });
	return {
		series: toSeriesView(series),
		meetings: meetings.map((meeting) => toMeetingSummary(series, meeting)),
		canManage
	};
}

function idTaken(slug: string) {
	return conflict('series.idTaken', { id: slug }, [problem('/id', 'series.idTaken', { id: slug })]);
}

/**
 * Writes a series under its id and returns it as stored. Two people taking the same id at once:
 * the unique index decides, and the loser's id is taken.
 */
async function writeSeries(
	db: Kysely<Database>,
	slug: string,
	write: () => Promise<void>
): Promise<SeriesView> {
	try {
		await write();
	} catch (error) {
		if (isUniqueViolation(error)) throw idTaken(slug);
		throw error;
	}
	const written = await seriesRepo.findSeriesBySlug(db, slug);
	if (!written) throw notFound('series.notFound');
	return toSeriesView(written);
}

export async function createSeries(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<SeriesView> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canCreateSeries(actor)) throw forbidden();
	const data = parseOrThrow(CreateSeries, input);

	const managed = managedOrganizationIds(actor);
	const organizationId =
		data.organizationId ?? (managed !== 'all' && managed.length === 1 ? managed[0] : undefined);
	if (!organizationId) throw validationFailed([problem('/organizationId', 'series.organizationRequired')]);
	if (!canManageOrganizationContent(actor, organizationId)) throw forbidden();
	const [organization] = await seriesRepo.listOrganizations(db, [organizationId]);
	if (!organization) throw validationFailed([problem('/organizationId', 'series.organizationUnknown')]);

	const slug = data.id ?? slugify(data.title);
	if (!slug) throw validationFailed([problem('/id', 'series.idNotDerivable')]);
	if (await seriesRepo.isSlugTaken(db, slug)) throw idTaken(slug);

	const fields: seriesRepo.SeriesFields = {
		slug,
		title: data.title,
		meetingNoun: data.meetingNoun ?? DEFAULT_MEETING_NOUN,
		meetingNounGenitive: data.meetingNounGenitive ?? DEFAULT_MEETING_NOUN_GENITIVE,
		audience: data.audience ?? '',
		language: data.language ?? 'de',
		organizerName: data.organizer?.name ?? organization.name,
		// Left empty, the organizer is the organization itself.
		organizerEmail: data.organizer?.email ?? organization.email,
		organizerWebsite: data.organizer?.website ?? organization.website,
		formatDescription: data.formatDescription ?? [],
		fundingLead: data.fundingNotice?.lead ?? null,
		fundingFunder: data.fundingNotice?.funder ?? [],
		privacyNotice: data.privacyNotice ?? null,
		retentionMonths: data.retentionMonths ?? DEFAULT_RETENTION_MONTHS
	};
	return writeSeries(db, slug, () =>
		seriesRepo.insertSeries(db, { id: randomUUID(), organizationId, now: now.toISOString(), fields })
	);
}

export async function updateSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	input: unknown,
	now = new Date()
): Promise<SeriesView> {
	const series = await requireManagedSeries(db, actor, slug);
	const data = parseOrThrow(UpdateSeries, input);

	const newSlug = data.id ?? series.slug;
	if (newSlug !== series.slug) {
		// Published addresses are in links, calendars and documents: they must not break.
		if (series.publishedAt !== null)
			throw validationFailed([problem('/id', 'series.idLockedPublished')], {
				key: 'series.idLockedPublished'
			});
		if (await seriesRepo.isSlugTaken(db, newSlug, series.id)) throw idTaken(newSlug);
	}
	const keep = <T>(value: T | undefined, stored: T): T => (value === undefined ? stored : value);
	const fields: seriesRepo.SeriesFields = {
		slug: newSlug,
		title: data.title ?? series.title,
		meetingNoun: data.meetingNoun ?? (data.meetingNoun === null ? DEFAULT_MEETING_NOUN : series.meetingNoun),
		meetingNounGenitive:
			data.meetingNounGenitive ??
			(data.meetingNounGenitive === null ? DEFAULT_MEETING_NOUN_GENITIVE : series.meetingNounGenitive),
		audience: keep(data.audience, series.audience) ?? '',
		language: data.language ?? series.language,
		organizerName: data.organizer?.name ?? series.organizerName,
		organizerEmail: keep(data.organizer?.email, series.organizerEmail),
		organizerWebsite: keep(data.organizer?.website, series.organizerWebsite),
		formatDescription: data.formatDescription ?? series.formatDescription,
		fundingLead: data.fundingNotice === undefined ? series.fundingLead : (data.fundingNotice?.lead ?? null),
		fundingFunder:
			data.fundingNotice === undefined ? series.fundingFunder : (data.fundingNotice?.funder ?? []),
		privacyNotice: keep(data.privacyNotice, series.privacyNotice) ?? null,
		retentionMonths: data.retentionMonths ?? series.retentionMonths
	};
	return writeSeries(db, newSlug, () => seriesRepo.updateSeries(db, series.id, fields, now.toISOString()));
}

export async function publishSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	now = new Date()
): Promise<SeriesView> {
	const series = await requireManagedSeries(db, actor, slug);
	// Publishing again keeps the first publication date.
	if (series.publishedAt === null)
		await seriesRepo.setSeriesPublishedAt(db, series.id, now.toISOString(), now.toISOString());
	return toSeriesView({ ...series, publishedAt: series.publishedAt ?? now.toISOString() });
}

export async function unpublishSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	now = new Date()
): Promise<SeriesView> {
	const series = await requireManagedSeries(db, actor, slug);
	if (series.publishedAt !== null)
		await seriesRepo.setSeriesPublishedAt(db, series.id, null, now.toISOString());
	return toSeriesView({ ...series, publishedAt: null });
}

/** A series with all its meetings (drafts too), for those who manage it. */
export async function getManagedSeries(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<{ series: SeriesView; meetings: MeetingSummary[] }> {
	const series = await requireManagedSeries(db, actor, slug);
	const meetings = await meetingsRepo.listMeetings(db, series.id, { publishedOnly: false });
	return {
		series: toSeriesView(series),
		meetings: meetings.map((meeting) => toMeetingSummary(series, meeting))
	};
}
