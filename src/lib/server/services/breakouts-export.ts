import type { Kysely } from 'kysely';
import { zoomPreassignment, type AssignedPerson } from '../../domain/breakouts/zoom-csv';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { toCsv, toXlsx, type ExportTable } from '../exports/table-files';
import * as repo from '../repositories/breakouts';
import type { MeetingAddress } from '../../domain/meeting-address';
import { ExportAssignment } from './breakouts-schemas';
import { meetingToManage, roundOf } from './breakouts-access';

/** Breakout rounds: the assignment as Zoom CSV, CSV or XLSX. */

export interface AssignmentFile {
	fileName: string;
	contentType: string;
	body: Buffer;
	/** Zoom: people without an email, for the moderator to move in Zoom by hand. */
	withoutEmail: { name: string; roomName: string }[];
}

/**
 * The assignment as a file: Zoom's pre-assignment CSV (comma, header exactly as Zoom expects,
 * no byte order mark), or the participant-list style CSV (semicolon) and XLSX with room, name,
 * organization and email. For organizers and moderators only: it holds email addresses.
 */
export async function exportAssignment(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	headers: { room: string; name: string; organization: string; email: string }
): Promise<AssignmentFile> {
	const handle = await meetingToManage(db, actor, address);
	const { round: key, format } = parseOrThrow(ExportAssignment, input);
	const round = await roundOf(db, handle, key);
	const rooms = await repo.listRooms(db, round.id);
	const members = await repo.listMembers(db, round.id);
	const people = new Map((await repo.listMeetingPeople(db, handle.meetingId)).map((p) => [p.id, p]));
	const assigned: AssignedPerson[] = members.flatMap((member) => {
		const person = people.get(member.personId);
		const room = rooms.find((entry) => entry.id === member.roomId);
		return person && room
			? [{ name: person.name, organization: person.organization, email: person.email, roomName: room.name }]
			: [];
	});
	const base = `breakout-${round.key}`;
	if (format === 'zoom') {
		const { csv, withoutEmail } = zoomPreassignment(assigned);
		return {
			fileName: `${base}-zoom.csv`,
			contentType: 'text/csv; charset=utf-8',
			body: Buffer.from(csv, 'utf8'),
			withoutEmail: withoutEmail.map((person) => ({ name: person.name, roomName: person.roomName }))
		};
	}
	const table: ExportTable = {
		sheetName: round.title,
		columns: [
			{ header: headers.room, width: 24 },
			{ header: headers.name, width: 28 },
			{ header: headers.organization, width: 32 },
			{ header: headers.email, width: 32 }
		],
		rows: assigned.map((person) => [
			person.roomName,
			person.name,
			person.organization ?? '',
			person.email ?? ''
		])
	};
	return format === 'csv'
		? {
				fileName: `${base}.csv`,
				contentType: 'text/csv; charset=utf-8',
				body: toCsv(table),
				withoutEmail: []
			}
		: {
				fileName: `${base}.xlsx`,
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				body: await toXlsx(table),
				withoutEmail: []
			};
}
