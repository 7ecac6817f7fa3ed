import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { buildDocumentationModel, type DocumentationModel } from '../../domain/documentation/model';
import { listsFile, publicMeetingDocument } from '../../domain/documentation/public-document';
import { goodPracticeForDocumentation } from './good-practice';
import { notFound } from '../../domain/errors';
import { MeetingDocument } from '../../domain/exchange-format/schema';
import type { MeetingAddress } from '../../domain/meeting-address';
import { canManageOrganizationContent, isSignedIn, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { buildBundle } from '../documents/bundle';
import { renderDocx } from '../documents/docx';
import { renderHtmlDocument, renderHtmlFragment } from '../documents/html';
import { renderMarkdown } from '../documents/markdown';
import { renderPdf } from '../documents/pdf';
import * as repository from '../repositories/documentation';
import { listStoredFiles } from '../repositories/stored-files';
import { readMeetingDocument } from './meeting-document';
import { findMeetingHandle, type MeetingHandle } from '../repositories/meeting-lookup';
import { mayOnMeeting, requireMeeting } from './meeting-access';
import { readUpload } from '../storage/uploads';

/**
 * One-click documentation: renders the meeting's data in every format, keeps generated versions
 * (frozen snapshots of the meeting document), and publishes one of them.
 *
 * Who sees what: organizers of the meeting's organization render the current data (or any
 * version); everyone else only the published version of a published meeting, reduced to its
 * public exchange document (domain/documentation/public-document.ts) before anything is rendered.
 */
export const documentationFormats = ['pdf', 'docx', 'html', 'md', 'zip'] as const;
export type DocumentationFormat = (typeof documentationFormats)[number];

export const mediaTypes: Record<DocumentationFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html; charset=utf-8',
	md: 'text/markdown; charset=utf-8',
	zip: 'application/zip'
};

export const RenderDocumentation = z.object({
	format: z.enum(documentationFormats),
	lang: z.enum(['de', 'en']).optional(),
	versionId: z.uuid().optional()
});
export type RenderDocumentation = z.infer<typeof RenderDocumentation>;

export interface RenderedDocument {
	bytes: Buffer;
	mediaType: string;
	fileName: string;
}

/** A stored version's meeting document. */
function documentOfSnapshot(snapshot: string): MeetingDocument {
	return MeetingDocument.parse(JSON.parse(snapshot));
}

/** The meeting document to render: live data or a version for organizers, the published version for others. */
async function documentToRender(
	db: Kysely<Database>,
	actor: Actor,
	handle: MeetingHandle,
	versionId: string | undefined
): Promise<{ document: MeetingDocument; versionLang?: Locale }> {
	if (canManageOrganizationContent(actor, handle.organizationId)) {
		if (!versionId) return { document: await readMeetingDocument(db, handle.meetingId) };
		const version = await repository.findVersionSnapshot(db, handle.meetingId, versionId);
		if (!version) throw notFound();
		return {
			document: documentOfSnapshot(version.snapshot),
			versionLang: version.lang as Locale
		};
	}
	const published = handle.isPublished
		? await repository.findPublishedSnapshot(db, handle.meetingId)
		: undefined;
	if (!published || (versionId && versionId !== published.id)) throw notFound();
	return {
		// The public gets only what the documentation shows, also in the ZIP's meeting.json.
		document: publicMeetingDocument(documentOfSnapshot(published.snapshot)),
		versionLang: published.lang as Locale
	};
}

export function documentationBaseName(address: MeetingAddress): string {
	return `${address.seriesId}-${address.number}-dokumentation`;
}

/** Renders one format of the documentation. */
export async function renderDocumentation(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	options: { dataDir: string }
): Promise<RenderedDocument> {
	const { format, lang, versionId } = parseOrThrow(RenderDocumentation, input);
	const handle = await requireMeeting(db, actor, address, 'view');
	const { document, versionLang } = await documentToRender(db, actor, handle, versionId);
	const model = await modelOf(db, handle, document, lang ?? versionLang);
	const baseName = documentationBaseName(address);
	const bytes = await renderFormat(db, handle, document, model, format, {
		dataDir: options.dataDir,
		baseName
	});
	return { bytes, mediaType: mediaTypes[format], fileName: `${baseName}.${format}` };
}

async function renderFormat(
	db: Kysely<Database>,
	handle: MeetingHandle,
	document: MeetingDocument,
	model: DocumentationModel,
	format: DocumentationFormat,
	options: { dataDir: string; baseName: string }
): Promise<Buffer> {
	const author = document.meeting.documentedBy?.map((person) => person.name).join(', ');
	switch (format) {
		case 'pdf':
			return renderPdf(model, { author });
		case 'docx':
			return renderDocx(model, { author });
		case 'html':
			return Buffer.from(renderHtmlDocument(model));
		case 'md':
			return Buffer.from(renderMarkdown(model));
		case 'zip': {
			const [pdf, docx] = await Promise.all([renderPdf(model, { author }), renderDocx(model, { author })]);
			const agendaAttachment = document.meeting.attachments?.find(
				(attachment) => attachment.kind === 'agenda'
			);
			const extras =
				agendaAttachment && model.agenda
					? [
							{
								path: `${fileSafe(agendaAttachment.title)}.pdf`,
								bytes: await renderPdf(agendaOnly(model, agendaAttachment.title), { author })
							}
						]
					: [];
			const stored = await listStoredFiles(db, handle.meetingId);
			const namedInDocument = new Set(
				(document.meeting.attachments ?? []).map((attachment) => attachment.file)
			);
			const attachments = await Promise.all(
				stored
					.filter((file) => file.filePath && namedInDocument.has(file.filePath))
					.map(async (file) => ({
						path: file.filePath!,
						bytes: await readUpload(options.dataDir, file.storageKey)
					}))
			);
			return buildBundle({
				baseName: options.baseName,
				pdf,
				docx,
				meetingJson: `${JSON.stringify(document, null, 2)}\n`,
				extras,
				attachments
			});
		}
		default: {
			const exhaustive: never = format;
			throw new Error(`Unknown format ${String(exhaustive)}`);
		}
	}
}

/** The one-page agenda file: the title and the agenda, nothing else. */
function agendaOnly(model: DocumentationModel, title: string): DocumentationModel {
	return {
		...model,
		title,
		moderation: null,
		createdBy: null,
		format: null,
		topic: null,
		outlook: null,
		attachments: null,
		sections: []
	};
}

function fileSafe(title: string): string {
	return (
		title
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9-]+/g, '-')
			.replace(/^-|-$/g, '') || 'Ablaufplan'
	);
}

export const CreateDocumentationVersion = z.object({ lang: z.enum(['de', 'en']).optional() });

/** "Dokumentation erzeugen": freezes the meeting's current data as a new dated version. */
export async function createDocumentationVersion(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	now = new Date()
): Promise<repository.VersionRecord> {
	// Rights before the input: a stranger learns nothing from validation messages.
	const handle = await requireMeeting(db, actor, address, 'manage');
	const { lang } = parseOrThrow(CreateDocumentationVersion, input);
	return db.transaction().execute(async (trx) => {
		const document = await readMeetingDocument(trx, handle.meetingId);
		const version = {
			id: randomUUID(),
			meetingId: handle.meetingId,
			version: await repository.nextVersionNumber(trx, handle.meetingId),
			lang: lang ?? document.series.language ?? 'de',
			snapshot: JSON.stringify(document),
			createdAt: now.toISOString(),
			createdBy: isSignedIn(actor) ? actor.userId : null
		};
		await repository.insertVersion(trx, version);
		return {
			id: version.id,
			version: version.version,
			lang: version.lang,
			createdAt: version.createdAt,
			createdBy: version.createdBy,
			publishedAt: null
		};
	});
}

export async function listDocumentationVersions(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<repository.VersionRecord[]> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	return repository.listVersions(db, handle.meetingId);
}

export const PublishDocumentation = z.object({ versionId: z.uuid() });

/** "Veröffentlichen": makes one version the public documentation (separate from the meeting's own publication). */
export async function publishDocumentation(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	now = new Date()
): Promise<void> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	const { versionId } = parseOrThrow(PublishDocumentation, input);
	await db.transaction().execute(async (trx) => {
		const version = await repository.findVersionSnapshot(trx, handle.meetingId, versionId);
		if (!version) throw notFound();
		await repository.setPublishedVersion(trx, handle.meetingId, versionId, now.toISOString());
	});
}

export async function unpublishDocumentation(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<void> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	await repository.setPublishedVersion(db, handle.meetingId, null, new Date().toISOString());
}

export interface DocumentationPage {
	title: string;
	lang: Locale;
	/** Escaped HTML of the documentation (from the renderer), its title as an h1. */
	html: string;
	publishedAt: string | null;
	versionId: string | null;
	isPreview: boolean;
}

/** The documentation model of a meeting document (with the meeting's good practice) in a language. */
async function modelOf(
	db: Kysely<Database>,
	handle: MeetingHandle,
	document: MeetingDocument,
	lang: Locale | undefined
): Promise<DocumentationModel> {
	return buildDocumentationModel(document, lang, {
		goodPractice: await goodPracticeForDocumentation(db, handle.meetingId)
	});
}

/** The page's title, language and HTML of a meeting document. */
async function pageOf(
	db: Kysely<Database>,
	handle: MeetingHandle,
	document: MeetingDocument,
	lang: Locale | undefined
): Promise<Pick<DocumentationPage, 'title' | 'lang' | 'html'>> {
	const model = await modelOf(db, handle, document, lang);
	return { title: model.title, lang: model.lang, html: renderHtmlFragment(model) };
}

/**
 * The documentation as an HTML page: the published version for everyone; organizers may ask for
 * a preview of the current data or of one version.
 */
export async function getDocumentationPage(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	options: { preview?: boolean; versionId?: string; lang?: Locale } = {}
): Promise<DocumentationPage> {
	const handle = await requireMeeting(db, actor, address, 'view');
	const isManager = canManageOrganizationContent(actor, handle.organizationId);
	if (isManager && (options.preview || options.versionId)) {
		const { document, versionLang } = await documentToRender(db, actor, handle, options.versionId);
		return {
			...(await pageOf(db, handle, document, options.lang ?? versionLang)),
			publishedAt: null,
			versionId: options.versionId ?? null,
			isPreview: true
		};
	}
	const published = handle.isPublished
		? await repository.findPublishedSnapshot(db, handle.meetingId)
		: undefined;
	if (!published) throw notFound();
	return {
		...(await pageOf(
			db,
			handle,
			publicMeetingDocument(documentOfSnapshot(published.snapshot)),
			published.lang as Locale
		)),
		publishedAt: published.publishedAt,
		versionId: published.id,
		isPreview: false
	};
}

/**
 * Whether the meeting's documentation page is open to the actor, for a link to it: a version is
 * published and the meeting (with its series) is public. Nothing is revealed about drafts.
 */
export async function hasPublishedDocumentation(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<boolean> {
	const handle = await findMeetingHandle(db, address.seriesId, address.number);
	if (!handle || !mayOnMeeting(actor, handle, 'view')) return false;
	return handle.isPublished && (await repository.hasPublishedVersion(db, handle.meetingId));
}

/**
 * Whether the meeting's published documentation version lists the uploaded file (by its bundle
 * path): only then may the public download it. A file uploaded later, or left out of the
 * published version, stays with the organizers.
 */
export async function isFileInPublishedDocumentation(
	db: Kysely<Database>,
	meetingId: string,
	filePath: string | null
): Promise<boolean> {
	if (!filePath) return false;
	const published = await repository.findPublishedSnapshot(db, meetingId);
	return published !== undefined && listsFile(documentOfSnapshot(published.snapshot), filePath);
}
