import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { anonymizeRegistration } from '../../src/lib/server/repositories/registrations-admin';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createRegistration } from '../../src/lib/server/services/registration';
import { confirmRegistration, getConfirmation } from '../../src/lib/server/services/registration-confirm';
import { cancelRegistration } from '../../src/lib/server/services/registration-status';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

const ORIGIN = 'http://netzwerkstatt.test';
const mailOptions = { publicOrigin: ORIGIN };
const self = () => ({
	...mailOptions,
	source: 'self' as const,
	locale: 'de' as const,
	clientAddress: randomUUID()
});

const owner = (email: string) => ({
	name: 'Olga Owner',
	email,
	organization: 'Kulturbüro Hamm',
	municipality: 'Hamm',
	role: 'Leitung',
	consent: { participantList: false, shareEmail: false }
});
const stranger = (email: string) => ({
	name: 'Fritz Fremd',
	email: ` ${email.toUpperCase()} `,
	organization: 'Fremdfirma',
	municipality: 'Bielefeld',
	role: 'Niemand',
	consent: { participantList: true, shareEmail: true }
});

function tokenIn(text: string | undefined): string {
	const match = /\/registrations\/confirm\/([A-Za-z0-9_-]+)/.exec(text ?? '');
	if (!match) throw new Error(`No confirmation link in: ${text}`);
	return match[1]!;
}

/** The person and registration as stored: what the documentation and the lists read. */
async function stored(db: Kysely<Database>, email: string) {
	const rows = await db
		.selectFrom('registrations')
		.innerJoin('people', 'people.id', 'registrations.person_id')
		.select([
			'people.name',
			'people.organization',
			'people.municipality',
			'people.job_role',
			'people.consent_participant_list',
			'people.consent_share_email',
			'people.status as personStatus',
			'registrations.status'
		])
		.where('registrations.email_normalized', '=', email)
		.execute();
	expect(rows).toHaveLength(1);
	return rows[0]!;
}

for (const database of testDatabases()) {
	describe(`${database.name}: registration for an address that is registered already`, () => {
		afterAll(() => database.close());

		async function publishedMeeting() {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${randomUUID().slice(0, 8)}` });
			const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
			const meeting = await createMeeting(db, organizer.actor, series.id, {
				date,
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', platform: 'Zoom' }
			});
			await publishSeries(db, organizer.actor, series.id);
			await publishMeeting(db, organizer.actor, series.id, meeting.number);
			return { db, organizer, address: { seriesId: series.id, number: meeting.number } };
		}

		/** The owner's registration in the given status, made the way it happens in the app. */
		async function ownerIn(status: 'invited' | 'confirmed' | 'cancelled') {
			const setup = await publishedMeeting();
			const { db, organizer, address } = setup;
			const email = `olga-${randomUUID().slice(0, 8)}@example.org`;
			const mailer = memoryMailer();
			if (status === 'invited') {
				await createRegistration(db, mailer, organizer.actor, address, owner(email), {
					...mailOptions,
					source: 'invitation',
					locale: 'de'
				});
			} else {
				await createRegistration(db, mailer, anonymous, address, owner(email), self());
				await confirmRegistration(db, mailer, tokenIn(mailer.sent[0]?.text), mailOptions);
				if (status === 'cancelled') {
					const { id } = await db
						.selectFrom('registrations')
						.select('id')
						.where('email_normalized', '=', email)
						.executeTakeFirstOrThrow();
					await cancelRegistration(db, mailer, { registrationId: id, actor: organizer.actor }, mailOptions);
				}
			}
			const before = await stored(db, email);
			expect(before.status).toBe(status);
			return { ...setup, email, before };
		}

		for (const status of ['invited', 'cancelled', 'confirmed'] as const) {
			it(`a stranger's registration for a ${status} address changes nothing until the owner confirms from the mail`, async () => {
				const { db, address, email, before } = await ownerIn(status);
				const mailer = memoryMailer();
				const outcome = await createRegistration(db, mailer, anonymous, address, stranger(email), self());
				// The answer is the one a new registration gets: it does not tell whether the address is known.
				expect(outcome).toMatchObject({ status: 'pending', isFull: false });
				expect(await stored(db, email)).toEqual(before);

				// Only the owner's mailbox hears of it, with the proposed details and consents.
				expect(mailer.sent).toHaveLength(1);
				const [mail] = mailer.sent;
				expect(mail?.to).toBe(email);
				expect(mail?.subject).toMatch(/^Bitte bestätigen Sie Ihre Angaben/);
				expect(mail?.text).toContain('Name: Fritz Fremd');
				expect(mail?.text).toContain('Organisation: Fremdfirma');
				expect(mail?.text).toContain('Nennung auf der Teilnehmendenliste: ja, eingewilligt');
				expect(mail?.text).toContain('E-Mail-Adresse für andere Teilnehmende sichtbar: ja, eingewilligt');
				expect(mail?.text).not.toContain('/registrations/manage/');
				expect(mail?.html).toContain('<dd>ja, eingewilligt</dd>');
				const token = tokenIn(mail?.text);

				// The confirmation page shows the same details, and looking changes nothing.
				const view = await getConfirmation(db, token);
				expect(view.isChange).toBe(true);
				expect(view.details).toMatchObject({
					name: 'Fritz Fremd',
					organization: 'Fremdfirma',
					consent: { participantList: true, shareEmail: true }
				});
				expect(await stored(db, email)).toEqual(before);

				const confirmed = await confirmRegistration(db, mailer, token, mailOptions);
				expect(confirmed.status).toBe('confirmed');
				expect(await stored(db, email)).toEqual({
					name: 'Fritz Fremd',
					organization: 'Fremdfirma',
					municipality: 'Bielefeld',
					job_role: 'Niemand',
					consent_participant_list: 1,
					consent_share_email: 1,
					personStatus: 'confirmed',
					status: 'confirmed'
				});
				// The link is spent.
				expect((await rejection(confirmRegistration(db, mailer, token, mailOptions))).summary.key).toBe(
					'registration.confirmLinkInvalid'
				);
			});
		}

		it('an ignored proposal leaves the invitation link working with the stored details', async () => {
			const { db, address, email, before } = await ownerIn('invited');
			const invitationToken = await db
				.selectFrom('registrations')
				.select('confirm_token_hash')
				.where('email_normalized', '=', email)
				.executeTakeFirstOrThrow();
			expect(invitationToken.confirm_token_hash).not.toBeNull();
			const mailer = memoryMailer();
			await createRegistration(db, mailer, anonymous, address, stranger(email), self());
			const after = await db
				.selectFrom('registrations')
				.select('confirm_token_hash')
				.where('email_normalized', '=', email)
				.executeTakeFirstOrThrow();
			// The stranger did not replace the owner's own link.
			expect(after.confirm_token_hash).toBe(invitationToken.confirm_token_hash);
			expect(await stored(db, email)).toEqual(before);
		});

		it('cancelling drops a proposal: its link no longer applies anything', async () => {
			const { db, organizer, address, email } = await ownerIn('confirmed');
			const mailer = memoryMailer();
			await createRegistration(db, mailer, anonymous, address, stranger(email), self());
			const token = tokenIn(mailer.sent[0]?.text);
			const { id } = await db
				.selectFrom('registrations')
				.select('id')
				.where('email_normalized', '=', email)
				.executeTakeFirstOrThrow();
			await cancelRegistration(db, mailer, { registrationId: id, actor: organizer.actor }, mailOptions);
			const cancelled = await stored(db, email);
			expect((await rejection(confirmRegistration(db, mailer, token, mailOptions))).summary.key).toBe(
				'registration.confirmLinkInvalid'
			);
			expect(await stored(db, email)).toEqual(cancelled);
			expect(cancelled).toMatchObject({
				name: 'Olga Owner',
				consent_participant_list: 0,
				status: 'cancelled'
			});
		});

		it('anonymizing a registration (retention) removes a proposal too', async () => {
			const { db, address, email } = await ownerIn('confirmed');
			const mailer = memoryMailer();
			await createRegistration(db, mailer, anonymous, address, stranger(email), self());
			const row = await db
				.selectFrom('registrations')
				.select(['id', 'person_id', 'pending_changes'])
				.where('email_normalized', '=', email)
				.executeTakeFirstOrThrow();
			expect(row.pending_changes).toContain('Fritz Fremd');
			await anonymizeRegistration(
				db,
				{ id: row.id, personId: row.person_id },
				{ name: 'Anonym', emailNormalized: `anonym-${row.id}`, now: new Date().toISOString() }
			);
			const after = await db
				.selectFrom('registrations')
				.select(['pending_changes', 'change_token_hash', 'change_expires_at'])
				.where('id', '=', row.id)
				.executeTakeFirstOrThrow();
			expect(after).toEqual({ pending_changes: null, change_token_hash: null, change_expires_at: null });
			expect(
				(await rejection(confirmRegistration(db, mailer, tokenIn(mailer.sent[0]?.text), mailOptions))).kind
			).toBe('not-found');
		});

		it('the first confirmation mail and page show the consents being confirmed', async () => {
			const { db, address } = await publishedMeeting();
			const email = `neu-${randomUUID().slice(0, 8)}@example.org`;
			const mailer = memoryMailer();
			await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				{ ...owner(email), consent: { participantList: true, shareEmail: false } },
				self()
			);
			const text = mailer.sent[0]?.text ?? '';
			expect(text).toContain('Nennung auf der Teilnehmendenliste: ja, eingewilligt');
			expect(text).toContain('E-Mail-Adresse für andere Teilnehmende sichtbar: nein, nicht eingewilligt');
			const view = await getConfirmation(db, tokenIn(text));
			expect(view).toMatchObject({
				isChange: false,
				details: { name: 'Olga Owner', consent: { participantList: true, shareEmail: false } }
			});
		});
	});
}
