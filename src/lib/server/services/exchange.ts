import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	conflict,
	forbidden,
	problem,
	unauthenticated,
	validationFailed,
	type Problem
} from '../../domain/errors';
import { checkMeetingDocument } from '../../domain/exchange-format/checks';
import { LINK_PROTOCOL_PATTERN, MeetingDocument } from '../../domain/exchange-format/schema';
import { seriesDifferences } from '../../domain/exchange-format/series-differences';
import { nulCharacterProblems } from '../../domain/exchange-format/text-characters';
import { formatMeetingAddress } from '../../domain/meeting-address';
import {
	canCreateSeries,
	canManageOrganizationContent,
	managedOrganizationIds,
	type Actor
} from '../../domain/policy';
import { slugify } from '../../domain/slug';
import { toJsonPointer, zodProblems } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { readSeriesBlock } from '../repositories/meeting-document';
import * as writer from '../repositories/meeting-document-writer';
import * as meetingsRepo from '../repositories/meetings';
import * as organizations from '../repositories/organizations';
import * as seriesRepo from '../repositories/series';
import { readMeetingDocument } from './meeting-document';
import { requireMeeting } from './meeting-access';

/** Import and export of meetings in the exchange format netzwerkstatt.meeting/v1. */

/** The options of an import; the document itself is checked by the format's schema. */
export const ImportMeeting = z.object({
	replace: z.boolean().default(false),
	publish: z.boolean().default(false),
	/** Slug of the organization a new series belongs to. */
	organization: z
		.string()
		.trim()
		.transform((value) => value || undefined)
		.optional()
});
export type ImportMeeting = z.input<typeof ImportMeeting>;

export interface ImportResult {
	/** `SERIES-ID/NUMBER` */
	address: string;
	seriesId: string;
	number: number;
	isSeriesCreated: boolean;
	isReplaced: boolean;
	/** The organization created for a new series (command line only), with its slug. */
	createdOrganization?: { slug: string; name: string };
	/**
	 * When the series existed: the fields of the document's `series` block that differ from the
	 * stored series (JSON pointers). The stored series is kept; these were not imported.
	 */
	seriesDifferences: string[];
}

/** Largest document accepted by the upload form and the API (the CLI reads any file). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Parses a document's text; invalid JSON is a problem at the root with the parser's detail. */
export function parseDocumentText(text: string): unknown {
	try {
		return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
	} catch (error) {
		throw validationFailed(
			[
				problem('', 'validation.invalidJson', {
					detail: error instanceof Error ? error.message : String(error)
				})
			],
			{ key: 'exchange.invalidDocument', params: { count: 1 } }
		);
	}
}

/** The format's schema, then the semantic checks; every problem carries its JSON pointer. */
export function validateMeetingDocument(input: unknown): MeetingDocument {
	const parsed = MeetingDocument.safeParse(input, { reportInput: true });
	const problems = [
		...(parsed.success ? checkMeetingDocument(parsed.data) : documentProblems(parsed.error)),
		...nulCharacterProblems(input)
	];
	if (problems.length) {
		throw validationFailed(problems, { key: 'exchange.invalidDocument', params: { count: problems.length } });
	}
	return (parsed as { data: MeetingDocument }).data;
}

/** Zod's problems, with a clear message for an address whose scheme may not become a link. */
function documentProblems(error: z.ZodError): Problem[] {
	const isLinkScheme = (issue: z.core.$ZodIssue) =>
		issue.code === 'invalid_format' &&
		issue.format === 'url' &&
		issue.pattern === LINK_PROTOCOL_PATTERN.source;
	const others = error.issues.filter((issue) => !isLinkScheme(issue));
	return [
		...(others.length ? zodProblems(new z.ZodError(others)) : []),
		...error.issues
			.filter(isLinkScheme)
			.map((issue) => problem(toJsonPointer(issue.path), 'exchange.unsafeUrl'))
	];
}

/** The organizations an actor may import into (for the upload form's choice). */
export async function listImportOrganizations(
	db: Kysely<Database>,
	actor: Actor
): Promise<organizations.OrganizationRef[]> {
	assertMayImport(actor);
	return organizations.listOrganizationRefs(db, managedOrganizationIds(actor));
}

/**
 * Imports a document into the series with its id, all in one transaction: a missing series is
 * created in the chosen organization; an existing meeting number is refused unless `replace`,
 * which swaps all of that meeting's rows (keeping its id and publication state).
 */
export async function importMeeting(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	options: ImportMeeting = {},
	now = new Date()
): Promise<ImportResult> {
	return importMeetingWith(db, actor, input, options, undefined, now);
}

/**
 * The import, with a hook that runs inside the same transaction once the meeting's rows are
 * written (the bundle import stores the attachment files' rows there), so that all or nothing
 * is written.
 */
export async function importMeetingWith(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	options: ImportMeeting,
	afterImport?: (trx: Kysely<Database>, meetingId: string, document: MeetingDocument) => Promise<void>,
	now = new Date()
): Promise<ImportResult> {
	assertMayImport(actor);
	const { replace, publish, organization } = ImportMeeting.parse(options);
	const document = validateMeetingDocument(input);
	const address = formatMeetingAddress({ seriesId: document.series.id, number: document.meeting.number });
	try {
		return await db.transaction().execute(async (trx) => {
			const timestamp = now.toISOString();
			let series: { id: string; organizationId: string; publishedAt: string | null } | undefined =
				await seriesRepo.findSeriesBySlug(trx, document.series.id);
			let isSeriesCreated = false;
			let createdOrganization: ImportResult['createdOrganization'];
			let differences: string[] = [];
			if (series) {
				// An existing series stays as it is; only its organization's organizers may add to it.
				if (!canManageOrganizationContent(actor, series.organizationId))
					throw forbidden('exchange.seriesOfOtherOrganization', { series: document.series.id });
				// What the document says otherwise about the series is not taken over, but reported.
				differences = seriesDifferences(await readSeriesBlock(trx, series.id), document.series);
			} else {
				const chosen = await chooseOrganization(trx, actor, organization, document, timestamp);
				createdOrganization = chosen.created;
				const seriesId = await writer.insertSeries(trx, chosen.id, document.series, timestamp);
				series = { id: seriesId, organizationId: chosen.id, publishedAt: null };
				isSeriesCreated = true;
			}
			const existing = await meetingsRepo.findMeeting(trx, series.id, document.meeting.number);
			if (existing && !replace) throw conflict('exchange.meetingExists', { address });
			if (existing) await meetingsRepo.deleteMeeting(trx, existing.id);
			const meetingId = await writer.insertMeeting(
				trx,
				{
					meetingId: existing?.id,
					seriesId: series.id,
					organizationId: series.organizationId,
					publishedAt: existing?.publishedAt ?? null
				},
				document.meeting,
				document.networks ?? [],
				timestamp
			);
			if (afterImport) await afterImport(trx, meetingId, document);
			if (publish) {
				// Publishing again keeps the first publication dates.
				if (series.publishedAt === null)
					await seriesRepo.setSeriesPublishedAt(trx, series.id, timestamp, timestamp);
				if (!existing?.publishedAt)
					await meetingsRepo.setMeetingPublishedAt(trx, meetingId, timestamp, timestamp);
			}
			return {
				address,
				seriesId: document.series.id,
				number: document.meeting.number,
				isSeriesCreated,
				isReplaced: existing !== undefined,
				...(createdOrganization ? { createdOrganization } : {}),
				seriesDifferences: differences
			};
		});
	} catch (error) {
		// Two imports of the same new series or meeting at once: the second one loses cleanly.
		if (isUniqueViolation(error)) throw conflict('exchange.meetingExists', { address });
		throw error;
	}
}

/**
 * Importing needs an organizer (or admin); an anonymous caller is asked to sign in. Routes call
 * this before they read an uploaded or posted body, so nobody else makes the server parse one.
 */
export function assertMayImport(actor: Actor): void {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canCreateSeries(actor)) throw forbidden();
}

/**
 * The organization a new series goes to: the one named, or the actor's only one. The command
 * line (the operator, with every right) without a named one takes the document's organizer:
 * the organization of that name, created when there is none yet, so that an empty installation
 * can import its first meeting.
 */
async function chooseOrganization(
	db: Kysely<Database>,
	actor: Actor,
	slug: string | undefined,
	document: MeetingDocument,
	timestamp: string
): Promise<{ id: string; created?: { slug: string; name: string } }> {
	const seriesId = document.series.id;
	if (slug === undefined) {
		const managed = managedOrganizationIds(actor);
		if (managed !== 'all' && managed.length === 1) return { id: managed[0]! };
		if (actor.kind === 'system') return organizationOfDocument(db, document, timestamp);
		throw validationFailed([problem('organization', 'exchange.organizationRequired', { series: seriesId })]);
	}
	const organization = await organizations.findOrganizationBySlug(db, slug);
	if (!organization)
		throw validationFailed([problem('organization', 'exchange.unknownOrganization', { organization: slug })]);
	if (!canManageOrganizationContent(actor, organization.id))
		throw forbidden('exchange.notOrganizerOf', { organization: organization.name });
	return { id: organization.id };
}

async function organizationOfDocument(
	db: Kysely<Database>,
	document: MeetingDocument,
	timestamp: string
): Promise<{ id: string; created?: { slug: string; name: string } }> {
	const name = document.series.organizer.name.trim();
	const byName = await organizations.findOrganizationByName(db, name);
	if (byName) return { id: byName.id };
	const slug = slugify(name);
	if (!slug)
		throw validationFailed([
			problem('/series/organizer/name', 'exchange.organizerNameWithoutSlug', { name })
		]);
	const bySlug = await organizations.findOrganizationBySlug(db, slug);
	if (bySlug) return { id: bySlug.id };
	const id = randomUUID();
	await organizations.insertOrganization(db, { id, slug, name, createdAt: timestamp });
	return { id, created: { slug, name } };
}

/** The document of one meeting, built from its rows. Organizers only: it holds personal data. */
export async function exportMeeting(
	db: Kysely<Database>,
	actor: Actor,
	seriesId: string,
	number: number
): Promise<MeetingDocument> {
	const handle = await requireMeeting(db, actor, { seriesId, number }, 'manage');
	return readMeetingDocument(db, handle.meetingId);
}
