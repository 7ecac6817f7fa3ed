import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	matchAttendance,
	MAX_REPORT_BYTES,
	parseAttendanceReport,
	type ReportPerson
} from '../../domain/attendance';
import { problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/registrations-admin';
import { requireManagedMeeting } from './meetings';
import type { UploadedText } from './registrations-admin';

/** Attendance, kept by organizers: by hand, or from the video platform's attendance report. */

export const SaveAttendance = z.strictObject({
	/** The registrations that were on the page (a filtered list changes only those). */
	shown: z.array(z.uuid()).max(10_000),
	attended: z.array(z.uuid()).max(10_000)
});
export type SaveAttendance = z.infer<typeof SaveAttendance>;

export const MatchAttendance = z.strictObject({ registrationIds: z.array(z.uuid()).max(10_000) });

export async function saveAttendance(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<void> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(SaveAttendance, input);
	const attended = new Set(data.attended);
	await db.transaction().execute(async (trx) => {
		await repo.setAttended(trx, meeting.id, [...attended], true);
		await repo.setAttended(
			trx,
			meeting.id,
			data.shown.filter((id) => !attended.has(id)),
			false
		);
	});
}

export interface AttendanceImportResult {
	matched: number;
	unmatched: ReportPerson[];
	/** The registrations to choose from for the unmatched rows. */
	options: { id: string; label: string }[];
}

/**
 * Imports the video platform's attendance report: the matched registrations are marked as
 * attended; the unmatched report people come back for matching by hand.
 */
export async function importAttendanceReport(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	file: UploadedText | null
): Promise<AttendanceImportResult> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	if (!file || file.size === 0) throw validationFailed([problem('report', 'registrationsAdmin.reportEmpty')]);
	if (file.size > MAX_REPORT_BYTES)
		throw validationFailed([problem('report', 'registrationsAdmin.reportTooLarge', { maximum: '2 MB' })]);
	const rows = parseAttendanceReport(await file.text());
	return db.transaction().execute(async (trx) => {
		const registrations = (await repo.listRegistrations(trx, meeting.id)).filter(
			(registration) => registration.anonymizedAt === null
		);
		const result = matchAttendance(
			rows,
			registrations.map((registration) => ({
				id: registration.id,
				name: registration.name,
				email: registration.email
			}))
		);
		await repo.setAttended(trx, meeting.id, result.matchedIds, true);
		return {
			matched: result.matchedIds.length,
			unmatched: result.unmatched,
			options: registrations.map((registration) => ({
				id: registration.id,
				label: registration.email ? `${registration.name} <${registration.email}>` : registration.name
			}))
		};
	});
}

/** The organizer's choices for unmatched report rows: those registrations attended. */
export async function markAttendedByHand(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<number> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(MatchAttendance, input);
	const ids = [...new Set(data.registrationIds)];
	return db.transaction().execute((trx) => repo.setAttended(trx, meeting.id, ids, true));
}
