import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { anonymous } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createRegistration, registrationFormInput } from '../../src/lib/server/services/registration';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer } from '../helpers/test-doubles';

/**
 * Property tests of the public registration (issue 9): random and mutated bodies, as the API
 * and the form pass them to the service, never crash (an AppError, never anything that would
 * become a 500), never write half (nothing changes after a refusal), and a refusal names the
 * field or JSON path of every problem.
 */

const RUNS = 100;
const FIELDS = [
	'name',
	'email',
	'organization',
	'municipality',
	'ags',
	'role',
	'consent',
	'website'
] as const;

/** Text as people and programs send it: also control characters, NUL, emoji, long and blank. */
const text = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom('', '   ', '\u0000', 'a\u0000b', '=1+1', 'Müller, Anna', '\r\n', '😀', 'x'.repeat(5000))
);

const validBody = fc.record(
	{
		name: fc.string({ minLength: 1, maxLength: 60 }).filter((name) => name.trim() !== ''),
		organization: fc.string({ maxLength: 60 }),
		municipality: fc.constantFrom('Bielefeld', 'Hamm', 'Nirgendwo', ''),
		ags: fc.stringMatching(/^[0-9]{8}$/),
		role: fc.string({ maxLength: 60 }),
		consent: fc.record({ participantList: fc.boolean(), shareEmail: fc.boolean() }, { requiredKeys: [] })
	},
	{ requiredKeys: ['name'] }
);

type Body = Record<string, unknown>;

/** One change to a valid body: a key removed, a value of another type, an unknown key, odd text. */
const mutation: fc.Arbitrary<(body: Body) => unknown> = fc.oneof(
	fc.constantFrom(...FIELDS).map((key) => (body: Body) => {
		const copy = { ...body };
		delete copy[key];
		return copy;
	}),
	fc
		.tuple(fc.constantFrom(...FIELDS), fc.anything())
		.map(([key, value]) => (body: Body) => ({ ...body, [key]: value })),
	fc
		.tuple(fc.constantFrom(...FIELDS), text)
		.map(([key, value]) => (body: Body) => ({ ...body, [key]: value })),
	fc
		.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
		.filter(([key]) => !(FIELDS as readonly string[]).includes(key))
		.map(([key, value]) => (body: Body) => ({ ...body, [key]: value })),
	fc
		.tuple(fc.constantFrom('participantList', 'shareEmail', 'extra'), fc.anything())
		.map(([key, value]) => (body: Body) => ({
			...body,
			consent: { ...(body.consent as object), [key]: value }
		})),
	fc.anything().map((value) => () => value)
);

/** A whole API body: valid, valid with one to three changes, or anything at all. */
const apiBody = fc.oneof(
	validBody.map((body) => () => body),
	fc.tuple(validBody, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(
		([body, changes]) =>
			() =>
				changes.reduce<unknown>(
					(current, change) =>
						change(typeof current === 'object' && current !== null ? (current as Body) : {}),
					body
				)
	),
	fc.anything().map((value) => () => value)
);

/** What a browser posts: any subset of the form's fields, each any text (the checkboxes as "on" or anything). */
const formValues = fc.record(
	{
		name: text,
		email: fc.oneof(text, fc.constant('')),
		organization: text,
		municipality: text,
		role: text,
		consentParticipantList: fc.oneof(fc.constant('on'), text),
		consentShareEmail: fc.oneof(fc.constant('on'), text),
		website: fc.oneof(fc.constant(''), text)
	},
	{ requiredKeys: [] }
);

async function countOf(
	db: Kysely<Database>,
	table: 'registrations' | 'people' | 'mail_log'
): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

async function counts(db: Kysely<Database>) {
	return {
		registrations: await countOf(db, 'registrations'),
		people: await countOf(db, 'people'),
		mails: await countOf(db, 'mail_log')
	};
}

/** Gives each body a fresh address where it has a usable slot for one, so valid bodies register anew. */
function withFreshEmail(body: unknown): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	if (!('email' in body)) return { ...body, email: `p-${randomUUID()}@example.org` };
	return body;
}

for (const database of testDatabases()) {
	describe(`${database.name}: public registration, random and mutated bodies`, () => {
		afterAll(() => database.close());

		async function openMeeting() {
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
			return { db, address: { seriesId: series.id, number: meeting.number } };
		}

		/**
		 * Sends one body; returns the problems' paths of a refusal (checking nothing changed), or
		 * null for an acceptance (checking whole rows were written: both or none).
		 */
		async function attempt(
			db: Kysely<Database>,
			address: { seriesId: string; number: number },
			body: unknown
		) {
			const before = await counts(db);
			try {
				await createRegistration(db, memoryMailer(), anonymous, address, body, {
					publicOrigin: 'http://netzwerkstatt.test',
					source: 'api',
					locale: 'de',
					clientAddress: randomUUID()
				});
			} catch (error) {
				// Anything but an AppError would be a 500.
				if (!isAppError(error)) throw error;
				expect(error.kind).toBe('validation');
				expect(error.problems.length).toBeGreaterThan(0);
				expect(await counts(db)).toEqual(before);
				return error.problems.map((problem) => problem.path);
			}
			const after = await counts(db);
			// A new registration is a person and a registration together (or nothing: the honeypot).
			expect(after.registrations - before.registrations).toBe(after.people - before.people);
			expect(after.registrations - before.registrations).toBeLessThanOrEqual(1);
			return null;
		}

		it('API bodies: a clean acceptance or a refusal naming each problem by its JSON pointer', async () => {
			const { db, address } = await openMeeting();
			const seen = { accepted: 0, refused: 0 };
			await fc.assert(
				fc.asyncProperty(apiBody, async (makeBody) => {
					const body = withFreshEmail(makeBody());
					const paths = await attempt(db, address, body);
					seen[paths === null ? 'accepted' : 'refused'] += 1;
					if (paths === null) return;
					const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
					for (const path of paths) {
						// A JSON pointer (RFC 6901); the empty one names the whole body when it is no object.
						expect(path).toMatch(/^(\/[^/]*)*$/);
						if (isObject) {
							expect(path).not.toBe('');
							// The first segment names a field of the schema or the body's own (unknown) key.
							const first = path.split('/')[1]!.replaceAll('~1', '/').replaceAll('~0', '~');
							expect([...FIELDS, ...Object.keys(body)]).toContain(first);
						}
					}
				}),
				{ numRuns: RUNS }
			);
			// The generators reach both outcomes, so both halves of the property were checked.
			expect(seen.accepted).toBeGreaterThan(0);
			expect(seen.refused).toBeGreaterThan(0);
		});

		it('form posts: a clean acceptance or a refusal that names a field of the form', async () => {
			const { db, address } = await openMeeting();
			const formFields = ['name', 'email', 'organization', 'municipality', 'role', 'website', 'ags'];
			const seen = { accepted: 0, refused: 0 };
			await fc.assert(
				fc.asyncProperty(formValues, fc.boolean(), async (values, freshEmail) => {
					const posted = freshEmail ? { ...values, email: `f-${randomUUID()}@example.org` } : values;
					const paths = await attempt(db, address, registrationFormInput(posted));
					seen[paths === null ? 'accepted' : 'refused'] += 1;
					if (paths === null) return;
					// The form shows each problem at its field: the path without its slash.
					for (const path of paths) expect(formFields).toContain(path.replace(/^\//, ''));
				}),
				{ numRuns: RUNS }
			);
			// The generators reach both outcomes, so both halves of the property were checked.
			expect(seen.accepted).toBeGreaterThan(0);
			expect(seen.refused).toBeGreaterThan(0);
		});
	});
}
