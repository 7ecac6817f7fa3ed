import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { buildParticipants } from '../../domain/documentation/model';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import { translate, type Locale, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { toCsv, toXlsx, type ExportTable } from '../exports/table-files';
import * as repo from '../repositories/registrations-admin';
import { insertAuditEntry } from '../repositories/registrations-audit';
import { readMeetingDocument } from './meeting-document';
import { requireManagedMeeting } from './meetings';

/**
 * The participant list as a file (CSV or XLSX): internal (every field, organizers only, recorded
 * in the audit log) or publishable (the documentation's consent rule).
 */

export const ExportParticipants = z.strictObject({
	kind: z.enum(['internal', 'publishable']),
	format: z.enum(['csv', 'xlsx'])
});
export type ExportParticipants = z.infer<typeof ExportParticipants>;

export interface ExportFile {
	fileName: string;
	contentType: string;
	body: Buffer;
}

function actorLabel(actor: Actor): string {
	if (actor.kind === 'user') return `${actor.displayName} <${actor.email}>`;
	return actor.kind;
}

function internalTable(locale: Locale, registrations: repo.RegistrationListRow[]): ExportTable {
	const t = (key: MessageKey) => translate(locale, key);
	const yesNo = (flag: boolean) => t(flag ? 'registrationsAdmin.yes' : 'registrationsAdmin.no');
	return {
		sheetName: t('registrationsAdmin.export.sheetInternal'),
		columns: [
			{ header: t('registrationsAdmin.column.name'), width: 28 },
			{ header: t('registrationsAdmin.column.organization'), width: 30 },
			{ header: t('registrationsAdmin.column.municipality'), width: 20 },
			{ header: t('registrationsAdmin.column.ags'), width: 11 },
			{ header: t('registrationsAdmin.column.role'), width: 22 },
			{ header: t('registrationsAdmin.column.email'), width: 30 },
			{ header: t('registrationsAdmin.column.status'), width: 20 },
			{ header: t('registrationsAdmin.column.attended'), width: 12 },
			{ header: t('registrationsAdmin.column.consentList'), width: 16 },
			{ header: t('registrationsAdmin.column.consentEmail'), width: 16 },
			{ header: t('registrationsAdmin.column.source'), width: 14 },
			{ header: t('registrationsAdmin.column.created'), width: 22 },
			{ header: t('registrationsAdmin.column.confirmed'), width: 22 },
			{ header: t('registrationsAdmin.column.cancelled'), width: 22 }
		],
		rows: registrations.map((registration) => [
			registration.name,
			registration.organization ?? '',
			registration.municipality ?? '',
			registration.ags ?? '',
			registration.jobRole ?? '',
			registration.email ?? '',
			t(`registrationsAdmin.status.${registration.status}`),
			yesNo(registration.hasAttended),
			yesNo(registration.consentParticipantList),
			yesNo(registration.consentShareEmail),
			registration.source,
			registration.createdAt,
			registration.confirmedAt ?? '',
			registration.cancelledAt ?? ''
		])
	};
}

function publishableTable(locale: Locale, rows: ReturnType<typeof buildParticipants>): ExportTable {
	const t = (key: MessageKey) => translate(locale, key);
	return {
		sheetName: t('registrationsAdmin.export.sheetPublishable'),
		columns: [
			{ header: t('registrationsAdmin.column.name'), width: 28 },
			{ header: t('registrationsAdmin.column.organization'), width: 30 },
			{ header: t('registrationsAdmin.column.municipality'), width: 20 },
			{ header: t('registrationsAdmin.column.email'), width: 30 }
		],
		rows: rows.map((row) => [row.name, row.organization, row.municipality, row.email])
	};
}

/**
 * The participant list as a file. Internal: every registration with every field (organizers
 * only, recorded in the audit log). Publishable: the documentation's rule, from the meeting's
 * exchange-format document (registered or attended, with list consent; email only with its own).
 */
export async function exportParticipantList(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	locale: Locale,
	now = new Date()
): Promise<ExportFile> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(ExportParticipants, input);
	const table =
		data.kind === 'internal'
			? internalTable(locale, await repo.listRegistrations(db, meeting.id))
			: publishableTable(locale, buildParticipants(await readMeetingDocument(db, meeting.id)));
	await insertAuditEntry(db, {
		id: randomUUID(),
		at: now.toISOString(),
		actorUserId: actor.kind === 'user' ? actor.userId : null,
		actorLabel: actorLabel(actor),
		action: 'participants.export',
		meetingId: meeting.id,
		details: { kind: data.kind, format: data.format, rows: table.rows.length }
	});
	const kindName = translate(locale, `registrationsAdmin.export.fileKind.${data.kind}`);
	const fileName = `${series.slug}-${meeting.number}-${kindName}.${data.format}`;
	return data.format === 'csv'
		? { fileName, contentType: 'text/csv; charset=utf-8', body: toCsv(table) }
		: {
				fileName,
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				body: await toXlsx(table)
			};
}
