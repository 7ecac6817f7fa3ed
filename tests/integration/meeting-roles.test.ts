import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import { LiveBus } from '../../src/lib/server/live/bus';
import { actorForUser, actorFromSession } from '../../src/lib/server/services/auth';
import { getDocumentationTexts } from '../../src/lib/server/services/documentation-texts';
import { getAgendaEditor } from '../../src/lib/server/services/agenda';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { exportLiveResults } from '../../src/lib/server/services/live-results-export';
import { getCockpit, moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { requestMagicLink, signInWithMagicLink } from '../../src/lib/server/services/magic-link';
import { grantModerator, listModerators, revokeModerator } from '../../src/lib/server/services/meeting-roles';
import { getMeetingForEditing, publishMeeting, updateMeeting } from '../../src/lib/server/services/meetings';
import { listMyLiveSessions, listMyModeratedMeetings } from '../../src/lib/server/services/my-data';
import { addPerson, listPeople } from '../../src/lib/server/services/people';
import { listOutbox } from '../../src/lib/server/services/outbox';
import {
	addRegistration,
	getRegistrationMeeting,
	listRegistrationsOfMeeting
} from '../../src/lib/server/services/registrations-admin';
import { getManagedSeries, listManagedSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';
import { importLiveMeeting } from './live-fixtures';

const ORIGIN = 'http://netzwerkstatt.test';

/** The kind of the AppError and its first problem's (or else its summary's) message key. */
async function failure(promise: Promise<unknown>): Promise<string> {
	const error = await rejection(promise);
	return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
}

for (const database of testDatabases()) {
	describe(`${database.name}: meeting moderators`, () => {
		afterAll(() => database.close());

		/** An organizer's imported meeting (a draft, with a poll), a memory mailer and a grant helper. */
		async function setup() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const meeting = await importLiveMeeting(db, organizer.actor);
			const mailer = memoryMailer();
			const grant = (actor: Actor, input: unknown, number = meeting.number, slug = meeting.seriesSlug) =>
				grantModerator(db, { mailer, origin: ORIGIN }, actor, slug, number, input, { locale: 'de' });
			const revoke = (actor: Actor, userId: string) =>
				revokeModerator(db, actor, meeting.seriesSlug, meeting.number, { userId });
			const list = (actor: Actor) => listModerators(db, actor, meeting.seriesSlug, meeting.number);
			const cockpitUrl = `${ORIGIN}/manage/series/${meeting.seriesSlug}/meetings/${meeting.number}/live`;
			return { db, make, organizer, meeting, mailer, grant, revoke, list, cockpitUrl };
		}

		it('keeps the grant when the mail cannot be sent, and says so', async () => {
			const { db, make, organizer, meeting } = await setup();
			const person = await make.user({ email: `mod-${make.unique()}@example.org` });
			const brokenMailer = {
				send: () => Promise.reject(new Error('SMTP server unreachable'))
			} as unknown as Parameters<typeof grantModerator>[1]['mailer'];
			const granted = await grantModerator(
				db,
				{ mailer: brokenMailer, origin: ORIGIN },
				organizer.actor,
				meeting.seriesSlug,
				meeting.number,
				{ email: person.email },
				{ locale: 'de' }
			);
			expect(granted).toMatchObject({ userId: person.id, isMailSent: false });
			const view = await listModerators(db, organizer.actor, meeting.seriesSlug, meeting.number);
			expect(view.moderators.map((m) => m.userId)).toEqual([person.id]);
		});

		it('grants an existing account by email, lists it, mails it, and puts the grant on its actor', async () => {
			const { db, make, organizer, meeting, mailer, grant, list, cockpitUrl } = await setup();
			const person = await make.user({ email: `mod-${make.unique()}@example.org` });

			const granted = await grant(organizer.actor, { email: `  ${person.email.toUpperCase()} ` });
			expect(granted).toEqual({
				userId: person.id,
				email: person.email,
				isNewAccount: false,
				isMailSent: true
			});

			const view = await list(organizer.actor);
			expect(view.meeting).toMatchObject({ seriesSlug: meeting.seriesSlug, number: meeting.number });
			expect(view.moderators.map((m) => [m.userId, m.email, m.hasPassword, m.grantedByName])).toEqual([
				[person.id, person.email, true, organizer.email.split('@')[0]]
			]);

			expect(mailer.sent).toHaveLength(1);
			const mail = mailer.sent[0]!;
			expect(mail.to).toBe(person.email);
			expect(mail.kind).toBe('moderator-granted');
			expect(mail.subject).toContain(`${meeting.number}. `);
			expect(mail.text).toContain(cockpitUrl);
			expect(mail.text).toContain(`${ORIGIN}/login/link`);
			expect(mail.html).toContain(`href="${cockpitUrl}"`);
			const logged = await db
				.selectFrom('mail_log')
				.select(['kind', 'meeting_id'])
				.where('recipient', '=', person.email)
				.execute();
			expect(logged).toEqual([{ kind: 'moderator-granted', meeting_id: expect.any(String) }]);

			const actor = await actorForUser(db, person.id);
			expect(actor).toMatchObject({ kind: 'user', organizations: [] });
			expect(actor.kind === 'user' && actor.meetings).toEqual([
				{ meetingId: logged[0]!.meeting_id, role: 'moderator' }
			]);
		});

		it('makes a passwordless account for an unknown email, which signs in by link and holds the grant', async () => {
			const { db, make, organizer, mailer, grant, list } = await setup();
			const email = `neu-${make.unique()}@example.org`;
			const named = `benannt-${make.unique()}@example.org`;

			const granted = await grant(organizer.actor, { email, displayName: '' });
			expect(granted).toMatchObject({ email, isNewAccount: true });
			await grant(organizer.actor, { email: named, displayName: '  Kai Beispiel ' });

			const accounts = await db
				.selectFrom('users')
				.select(['email', 'display_name', 'password_hash', 'is_admin'])
				.where('email', 'in', [email, named])
				.orderBy('email')
				.execute();
			expect(accounts).toEqual([
				{ email: named, display_name: 'Kai Beispiel', password_hash: null, is_admin: 0 },
				{ email, display_name: email.split('@')[0], password_hash: null, is_admin: 0 }
			]);
			expect((await list(organizer.actor)).moderators.map((m) => [m.email, m.hasPassword])).toEqual([
				[named, false],
				[email, false]
			]);

			// The moderator signs in by a link sent to the address, and the session carries the grant.
			await requestMagicLink(db, mailer, { email }, { publicOrigin: ORIGIN, locale: 'de' });
			const linkMail = mailer.sent.at(-1)!;
			const token = /\/login\/link\/([A-Za-z0-9_-]+)/.exec(linkMail.text)![1]!;
			const session = await signInWithMagicLink(db, token, { sessionDays: 1 });
			const actor = await actorFromSession(db, session.token);
			expect(actor).toMatchObject({ kind: 'user', userId: granted.userId, email });
			expect(actor.kind === 'user' && actor.meetings.map((grantOf) => grantOf.role)).toEqual(['moderator']);
		});

		it('refuses a second grant to the same person with a message on the email field', async () => {
			const { db, make, organizer, mailer, grant, list } = await setup();
			const email = `doppelt-${make.unique()}@example.org`;
			await grant(organizer.actor, { email });
			expect(await failure(grant(organizer.actor, { email: email.toUpperCase() }))).toBe(
				'validation: moderators.alreadyGranted'
			);
			const error = await rejection(grant(organizer.actor, { email }));
			expect(error.problems.map((p) => p.path)).toEqual(['email']);
			expect((await list(organizer.actor)).moderators).toHaveLength(1);
			expect(mailer.sent).toHaveLength(1);
			const rows = await db.selectFrom('users').select('id').where('email', '=', email).execute();
			expect(rows).toHaveLength(1);
		});

		it('names invalid input by its field and refuses a disabled account', async () => {
			const { db, make, organizer, grant } = await setup();
			expect(await failure(grant(organizer.actor, { email: 'keine-adresse' }))).toBe(
				'validation: validation.invalidEmail'
			);
			expect((await rejection(grant(organizer.actor, { email: '' }))).problems[0]?.path).toBe('/email');
			expect(await failure(grant(organizer.actor, { email: 'a@example.org', extra: 1 }))).toBe(
				'validation: validation.unknownKey'
			);
			const disabled = await make.user();
			await db
				.updateTable('users')
				.set({ disabled_at: new Date().toISOString() })
				.where('id', '=', disabled.id)
				.execute();
			expect(await failure(grant(organizer.actor, { email: disabled.email }))).toBe(
				'validation: moderators.accountDisabled'
			);
		});

		it('revokes a grant; revoking it again is not found', async () => {
			const { db, make, organizer, grant, revoke, list } = await setup();
			const person = await make.user();
			await grant(organizer.actor, { email: person.email });
			await revoke(organizer.actor, person.id);
			expect((await list(organizer.actor)).moderators).toEqual([]);
			const actor = await actorForUser(db, person.id);
			expect(actor.kind === 'user' && actor.meetings).toEqual([]);
			expect(await failure(revoke(organizer.actor, person.id))).toBe('not-found: moderators.notGranted');
			expect(await failure(revoke(organizer.actor, ''))).toBe('validation: validation.required');
		});

		it('lets only the meeting’s organizers and admins grant, list and revoke', async () => {
			const { db, make, organizer, meeting, grant, revoke, list } = await setup();
			const admin = await make.admin();
			const moderatorAccount = await make.user();
			await grant(admin.actor, { email: moderatorAccount.email });
			const moderator = await actorForUser(db, moderatorAccount.id);
			const stranger = await actorForUser(db, (await make.user()).id);
			const otherOrganizer = await make.organizer();
			const newcomer = `fremd-${make.unique()}@example.org`;

			expect(await failure(grant(moderator, { email: newcomer }))).toBe('forbidden: error.forbidden');
			expect(await failure(list(moderator))).toBe('forbidden: error.forbidden');
			expect(await failure(revoke(moderator, moderatorAccount.id))).toBe('forbidden: error.forbidden');
			// The meeting is a draft: those who may not see it learn nothing about it.
			expect(await failure(grant(stranger, { email: newcomer }))).toBe('not-found: meeting.notFound');
			expect(await failure(grant(otherOrganizer.actor, { email: newcomer }))).toBe(
				'not-found: meeting.notFound'
			);
			expect(await failure(grant(anonymous, { email: newcomer }))).toBe(
				'unauthenticated: error.unauthenticated'
			);
			await publishMeeting(db, organizer.actor, meeting.seriesSlug, meeting.number);
			await db
				.updateTable('series')
				.set({ published_at: new Date().toISOString() })
				.where('slug', '=', meeting.seriesSlug)
				.execute();
			expect(await failure(grant(stranger, { email: newcomer }))).toBe('forbidden: error.forbidden');
			expect(await failure(grant(organizer.actor, { email: newcomer }, 999))).toBe(
				'not-found: meeting.notFound'
			);

			// Nothing was made for the refused grants.
			const made = await db.selectFrom('users').select('id').where('email', '=', newcomer).execute();
			expect(made).toEqual([]);
			expect((await list(organizer.actor)).moderators.map((m) => m.userId)).toEqual([moderatorAccount.id]);
		});

		it('lets a moderator run the live session of their meeting, and of no other', async () => {
			const { db, make, organizer, meeting, grant, revoke } = await setup();
			const other = await importLiveMeeting(db, organizer.actor);
			const account = await make.user();
			await grant(organizer.actor, { email: account.email });
			const moderator = await actorForUser(db, account.id);
			const bus = new LiveBus(db, 10);
			try {
				const { code } = await startLiveSession(db, bus, moderator, meeting.seriesSlug, meeting.number, {});
				expect(code).toMatch(/^\d{6}$/);
				const cockpit = await getCockpit(db, moderator, meeting.seriesSlug, meeting.number);
				expect(cockpit.session).toMatchObject({ digits: code, isActive: true });
				await moderateLive(db, bus, moderator, meeting.seriesSlug, meeting.number, { action: 'next' });
				const moved = await getCockpit(db, moderator, meeting.seriesSlug, meeting.number);
				expect(moved.agenda.some((item) => item.isCurrent)).toBe(true);
				const table = await exportLiveResults(db, moderator, meeting.seriesSlug, meeting.number, 'de');
				expect(table.rows.length).toBeGreaterThan(0);

				// The other meeting is a draft they do not moderate: not found (requireMeeting), as for
				// any stranger.
				expect(await failure(getCockpit(db, moderator, other.seriesSlug, other.number))).toBe(
					'not-found: meeting.notFound'
				);
				expect(await failure(startLiveSession(db, bus, moderator, other.seriesSlug, other.number, {}))).toBe(
					'not-found: meeting.notFound'
				);
				expect(
					await failure(moderateLive(db, bus, moderator, other.seriesSlug, other.number, { action: 'next' }))
				).toBe('not-found: meeting.notFound');
				expect(await failure(exportLiveResults(db, moderator, other.seriesSlug, other.number, 'de'))).toBe(
					'not-found: meeting.notFound'
				);

				await moderateLive(db, bus, moderator, meeting.seriesSlug, meeting.number, { action: 'stop' });
				await revoke(organizer.actor, account.id);
				const revoked = await actorForUser(db, account.id);
				// Revoked, the draft is hidden from them again.
				expect(await failure(getCockpit(db, revoked, meeting.seriesSlug, meeting.number))).toBe(
					'not-found: meeting.notFound'
				);
			} finally {
				await bus.close();
			}
		});

		it('refuses a moderator everything else about the meeting, its series and the organization', async () => {
			const { db, make, organizer, meeting, grant } = await setup();
			const account = await make.user();
			await grant(organizer.actor, { email: account.email });
			const moderator = await actorForUser(db, account.id);
			const slug = meeting.seriesSlug;
			const number = meeting.number;
			// Published, so that a refusal is about rights and not about a draft being hidden.
			await publishMeeting(db, organizer.actor, slug, number);
			await db
				.updateTable('series')
				.set({ published_at: new Date().toISOString() })
				.where('slug', '=', slug)
				.execute();
			const address = { seriesId: slug, number };
			const refusals = {
				meeting: () => getMeetingForEditing(db, moderator, slug, number),
				editMeeting: () => updateMeeting(db, moderator, slug, number, { topic: { title: 'Übernommen' } }),
				publish: () => publishMeeting(db, moderator, slug, number),
				people: () => listPeople(db, moderator, slug, number),
				addPerson: () => addPerson(db, moderator, slug, number, { name: 'Eingeschleust' }),
				agenda: () => getAgendaEditor(db, moderator, { seriesId: slug, number }),
				registrations: () => listRegistrationsOfMeeting(db, moderator, slug, number, {}),
				registrationMeeting: () => getRegistrationMeeting(db, moderator, slug, number),
				addRegistration: () =>
					addRegistration(db, moderator, slug, number, {
						name: 'Eingeschleust',
						email: `x-${make.unique()}@example.org`
					}),
				documentation: () => getDocumentationTexts(db, moderator, address),
				exchangeExport: () => exportMeeting(db, moderator, slug, number),
				series: () => getManagedSeries(db, moderator, slug),
				seriesList: () => listManagedSeries(db, moderator),
				outbox: () => listOutbox(db, moderator)
			};
			const kinds: Record<string, string> = {};
			for (const [name, attempt] of Object.entries(refusals)) kinds[name] = (await rejection(attempt())).kind;
			expect(kinds).toEqual(Object.fromEntries(Object.keys(refusals).map((name) => [name, 'forbidden'])));
			// Nothing changed behind the refusals.
			const people = await db
				.selectFrom('people')
				.select('name')
				.where('name', '=', 'Eingeschleust')
				.execute();
			expect(people).toEqual([]);
		});

		it('shows a person the meetings they moderate and the running sessions they are confirmed for', async () => {
			const { db, make, organizer, meeting, grant } = await setup();
			const account = await make.user({ email: `teil-${make.unique()}@example.org` });
			const person = await actorForUser(db, account.id);
			const invitedAccount = await make.user({ email: `eingeladen-${make.unique()}@example.org` });
			const invited = await actorForUser(db, invitedAccount.id);
			await addRegistration(db, organizer.actor, meeting.seriesSlug, meeting.number, {
				name: 'Teilnehmerin',
				email: account.email.toUpperCase()
			});
			await addRegistration(db, organizer.actor, meeting.seriesSlug, meeting.number, {
				name: 'Eingeladen',
				email: invitedAccount.email,
				status: 'invited'
			});
			expect(await listMyModeratedMeetings(db, person)).toEqual([]);
			expect(await listMyLiveSessions(db, person)).toEqual([]);

			const bus = new LiveBus(db, 10);
			try {
				const { code } = await startLiveSession(
					db,
					bus,
					organizer.actor,
					meeting.seriesSlug,
					meeting.number,
					{}
				);
				const running = await listMyLiveSessions(db, person);
				expect(running).toEqual([
					expect.objectContaining({
						livePath: `/live/${code}`,
						code: `${code.slice(0, 3)} ${code.slice(3)}`,
						title: `${meeting.number}. ${meeting.doc.series.meetingNoun}`
					})
				]);
				// Only confirmed registrations lead into the session.
				expect(await listMyLiveSessions(db, invited)).toEqual([]);
				await moderateLive(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, { action: 'stop' });
				expect(await listMyLiveSessions(db, person)).toEqual([]);
			} finally {
				await bus.close();
			}

			await grant(organizer.actor, { email: account.email });
			const moderating = await actorForUser(db, account.id);
			expect(await listMyModeratedMeetings(db, moderating)).toEqual([
				expect.objectContaining({
					seriesSlug: meeting.seriesSlug,
					number: meeting.number,
					cockpitPath: `/manage/series/${meeting.seriesSlug}/meetings/${meeting.number}/live`
				})
			]);
			expect(await failure(listMyModeratedMeetings(db, anonymous))).toBe(
				'unauthenticated: error.unauthenticated'
			);
			expect(await failure(listMyLiveSessions(db, anonymous))).toBe('unauthenticated: error.unauthenticated');
		});

		it('drops the grants with their meeting', async () => {
			const { db, make, organizer, meeting, grant } = await setup();
			const account = await make.user();
			await grant(organizer.actor, { email: account.email });
			await db
				.deleteFrom('meetings')
				.where('series_id', 'in', db.selectFrom('series').select('id').where('slug', '=', meeting.seriesSlug))
				.execute();
			const actor = await actorForUser(db, account.id);
			expect(actor.kind === 'user' && actor.meetings).toEqual([]);
		});
	});
}
