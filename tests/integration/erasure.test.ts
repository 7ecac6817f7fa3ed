import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeetingAddress } from '../../src/lib/domain/meeting-address';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { applyRetention } from '../../src/lib/server/jobs/retention';
import {
	createMailer,
	outboxDir,
	sendAndLog,
	type Mailer,
	type OutgoingMail
} from '../../src/lib/server/mail/mailer';
import {
	createDocumentationVersion,
	getDocumentationPage,
	listDocumentationVersions,
	publishDocumentation
} from '../../src/lib/server/services/documentation';
import { createMeeting, publishMeeting, updateMeeting } from '../../src/lib/server/services/meetings';
import { deleteOwnDataByManageToken } from '../../src/lib/server/services/my-data';
import { createRegistration } from '../../src/lib/server/services/registration';
import { confirmRegistration } from '../../src/lib/server/services/registration-confirm';
import { saveAttendance } from '../../src/lib/server/services/attendance';
import { addRegistration } from '../../src/lib/server/services/registrations-admin';
import { createSeries, publishSeries, updateSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { outputsFor } from '../helpers/public-outputs';
import { hasTool } from '../helpers/tools';
import type { Kysely } from 'kysely';

const dataDir = mkdtempSync(join(tmpdir(), 'nws-erasure-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const hasPoppler = hasTool('pdftotext', 'PDF erasure') && hasTool('pdfinfo', 'PDF erasure');
const ORIGIN = 'http://netzwerkstatt.test';

/** The real mailer (writing .eml files to the outbox under dataDir) that also remembers what it sent. */
function outboxMailer(): Mailer & { sent: OutgoingMail[] } {
	const mailer = createMailer({ smtpUrl: undefined, from: 'Netzwerkstatt <n@example.org>', dataDir });
	const sent: OutgoingMail[] = [];
	return {
		sent,
		async send(mail) {
			sent.push(mail);
			return mailer.send(mail);
		}
	};
}

function outboxTexts(): string[] {
	try {
		return readdirSync(outboxDir(dataDir)).map((name) =>
			readFileSync(join(outboxDir(dataDir), name), 'utf8')
		);
	} catch {
		return [];
	}
}

async function mailLogTo(db: Kysely<Database>, email: string): Promise<number> {
	const rows = await db.selectFrom('mail_log').select('recipient').execute();
	return rows.filter((row) => row.recipient.toLowerCase() === email.toLowerCase()).length;
}

/** Every output of every version, for the public and for the organizers: where may a name still hide? */
async function everyOutput(db: Kysely<Database>, organizer: Actor, address: MeetingAddress) {
	const outputs = new Map<string, string>();
	const add = (prefix: string, map: Map<string, string>) => {
		for (const [name, text] of map) outputs.set(`${prefix}: ${name}`, text);
	};
	// One language per output keeps this quick; the names are the same in both.
	const langs = ['de'] as const;
	add('public', await outputsFor(db, anonymous, address, { dataDir, hasPoppler, langs }));
	add('organizer, current data', await outputsFor(db, organizer, address, { dataDir, hasPoppler, langs }));
	for (const version of await listDocumentationVersions(db, organizer, address)) {
		add(
			`organizer, version ${version.version}`,
			await outputsFor(db, organizer, address, { dataDir, hasPoppler, langs, versionId: version.id })
		);
	}
	return outputs;
}

function expectNowhere(outputs: Map<string, string>, texts: string[]) {
	for (const [name, output] of outputs)
		for (const text of texts) expect(output, `${name} names ${text}`).not.toContain(text);
}

for (const database of testDatabases()) {
	describe(`${database.name}: erasure reaches the documentation`, () => {
		afterAll(() => database.close());

		it(
			'a person who deletes their data vanishes from every documentation version, the mail log and the outbox',
			{ timeout: 300_000 },
			async () => {
				const db = await database.open();
				const { actor: organizer } = await factories(db).organizer();
				const series = await createSeries(db, organizer, { title: `Löschen ${randomUUID().slice(0, 8)}` });
				const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
				const meeting = await createMeeting(db, organizer, series.id, {
					date,
					start: '14:00',
					end: '16:00',
					venue: { mode: 'online' }
				});
				await publishSeries(db, organizer, series.id);
				await publishMeeting(db, organizer, series.id, meeting.number);
				const address = { seriesId: series.id, number: meeting.number };

				const mailer = outboxMailer();
				const unique = randomUUID().slice(0, 6);
				const dora = { name: 'Dora Daten', email: `dora.daten-${unique}@example.org` };
				const rita = { name: 'Rita Rest', email: `rita.rest-${unique}@example.org` };
				for (const person of [dora, rita]) {
					await createRegistration(
						db,
						mailer,
						anonymous,
						address,
						{ ...person, consent: { participantList: true, shareEmail: true } },
						{ publicOrigin: ORIGIN, source: 'self', locale: 'de', clientAddress: randomUUID() }
					);
					const confirmToken = /\/registrations\/confirm\/([A-Za-z0-9_-]+)/.exec(
						mailer.sent.at(-1)!.text
					)![1]!;
					await confirmRegistration(db, mailer, confirmToken, { publicOrigin: ORIGIN });
				}
				const doraManageToken = /\/registrations\/manage\/([A-Za-z0-9_-]+)/.exec(
					mailer.sent.filter((mail) => mail.to === dora.email).at(-1)!.text
				)![1]!;

				// She also wrote the documentation: a credit that names her.
				const doraKey = (
					await db
						.selectFrom('people')
						.select('person_key')
						.where('email', '=', dora.email)
						.executeTakeFirstOrThrow()
				).person_key;
				await updateMeeting(db, organizer, series.id, meeting.number, { documentedBy: [doraKey] });
				const published = await createDocumentationVersion(db, organizer, address, {});
				await publishDocumentation(db, organizer, address, { versionId: published.id });
				await createDocumentationVersion(db, organizer, address, { lang: 'en' });
				// Before: both are named with consent, and their mails are logged and in the outbox.
				const before = (await getDocumentationPage(db, anonymous, address)).html;
				expect(before).toContain(dora.name);
				expect(before).toContain(dora.email);
				expect(await mailLogTo(db, dora.email)).toBe(2);
				expect(outboxTexts().filter((text) => text.includes(dora.email))).toHaveLength(2);

				await deleteOwnDataByManageToken(db, mailer, doraManageToken, { publicOrigin: ORIGIN, dataDir });

				const outputs = await everyOutput(db, organizer, address);
				expect(outputs.size).toBe(9 * 4);
				expectNowhere(outputs, [dora.name, dora.email]);
				// The published version is still published, re-derived without her; the others stay named.
				const after = await getDocumentationPage(db, anonymous, address);
				expect(after.versionId).toBe(published.id);
				expect(after.html).toContain(rita.name);
				expect(after.html).toContain(rita.email);
				expect(await mailLogTo(db, dora.email)).toBe(0);
				expect(outboxTexts().filter((text) => text.includes(dora.email))).toEqual([]);
				expect(await mailLogTo(db, rita.email)).toBe(2);
				expect(outboxTexts().filter((text) => text.includes(rita.email))).toHaveLength(2);
			}
		);

		it(
			'the retention period anonymizes a person in every documentation version, the mail log and the outbox',
			{ timeout: 300_000 },
			async () => {
				const db = await database.open();
				const { actor: organizer } = await factories(db).organizer();
				const series = await createSeries(db, organizer, { title: `Frist ${randomUUID().slice(0, 8)}` });
				await updateSeries(db, organizer, series.id, { retentionMonths: 12 });
				const meeting = await createMeeting(db, organizer, series.id, {
					date: '2023-01-10',
					start: '14:00',
					end: '16:00',
					venue: { mode: 'online' }
				});
				await publishSeries(db, organizer, series.id);
				await publishMeeting(db, organizer, series.id, meeting.number);
				const address = { seriesId: series.id, number: meeting.number };
				const anna = {
					name: 'Anna Altdaten',
					email: `anna.altdaten-${randomUUID().slice(0, 6)}@example.org`
				};
				const registration = await addRegistration(db, organizer, series.id, meeting.number, {
					...anna,
					organization: 'Kulturbüro Altstadt',
					consent: { participantList: true, shareEmail: true }
				});
				await saveAttendance(db, organizer, series.id, meeting.number, {
					shown: [registration.id],
					attended: [registration.id]
				});
				// A mail sent to her back then, in the log and the outbox.
				await sendAndLog(db, outboxMailer(), {
					to: anna.email,
					subject: 'Erinnerung',
					text: `Hallo ${anna.name}`,
					html: `<p>Hallo ${anna.name}</p>`,
					kind: 'reminder-day',
					meetingId: (
						await db
							.selectFrom('registrations')
							.select('meeting_id')
							.where('id', '=', registration.id)
							.executeTakeFirstOrThrow()
					).meeting_id
				});
				const published = await createDocumentationVersion(db, organizer, address, {});
				await publishDocumentation(db, organizer, address, { versionId: published.id });
				await createDocumentationVersion(db, organizer, address, { lang: 'en' });
				expect((await getDocumentationPage(db, anonymous, address)).html).toContain(anna.name);
				expect(await mailLogTo(db, anna.email)).toBe(1);

				const { anonymized } = await applyRetention(db, new Date('2026-01-15T03:00:00Z'), { dataDir });
				expect(anonymized).toBeGreaterThanOrEqual(1);

				const outputs = await everyOutput(db, organizer, address);
				expect(outputs.size).toBe(9 * 4);
				expectNowhere(outputs, [anna.name, anna.email, 'Kulturbüro Altstadt']);
				expect((await getDocumentationPage(db, anonymous, address)).versionId).toBe(published.id);
				expect(await mailLogTo(db, anna.email)).toBe(0);
				expect(outboxTexts().filter((text) => text.includes(anna.email))).toEqual([]);
			}
		);
	});
}
