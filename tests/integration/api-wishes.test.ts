import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import { problemFromError } from '../../src/lib/server/http/problems';
import { importMeeting } from '../../src/lib/server/services/exchange';
import {
	getGoodPractice,
	goodPracticeForDocumentation,
	listGoodPractice,
	listGoodPracticeOfMeeting
} from '../../src/lib/server/services/good-practice';
import {
	createGoodPractice,
	listGoodPracticeSources
} from '../../src/lib/server/services/good-practice-create';
import { getSeriesWithMemory } from '../../src/lib/server/services/series-memory';
import { getWish, listWishes } from '../../src/lib/server/services/wishes';
import { commentOnWish, submitWish } from '../../src/lib/server/services/wishes-contributions';
import { triageWish } from '../../src/lib/server/services/wishes-triage';
import { followWish, voteForWish } from '../../src/lib/server/services/wishes-votes';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { richMeeting } from '../helpers/rich-meeting';
import { memoryMailer } from '../helpers/test-doubles';

const ORIGIN = 'http://netzwerkstatt.test';

/** What the API answers for a thrown error: the problem document. */
async function problemOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		const response = problemFromError(error, 'en');
		return { status: response.status, body: await response.json() };
	}
	throw new Error('expected a rejection');
}

/** The JSON an API route answers, as text: what a client would see. */
const asJson = (value: unknown) => JSON.stringify(value);

for (const database of testDatabases()) {
	describe(`${database.name}: wishes and good practice API, and who is named in them`, () => {
		afterAll(() => database.close());

		/** The rich meeting imported and published: a series with a meeting, talks, cards and networks. */
		async function setup() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const document = richMeeting();
			const seriesId = `api-wunsch-${make.unique()}`;
			await importMeeting(
				db,
				organizer.actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{
					publish: true
				}
			);
			const options = () => ({ locale: 'en' as const, publicOrigin: ORIGIN, clientAddress: randomUUID() });
			return {
				db,
				make,
				organizer,
				seriesId,
				number: document.meeting.number,
				mailer: memoryMailer(),
				options
			};
		}

		it('lists the wish and good practice operations in the OpenAPI document', () => {
			const document = buildOpenApiDocument('http://localhost') as {
				paths: Record<string, Record<string, { tags: string[]; requestBody?: unknown }>>;
			};
			expect(Object.keys(document.paths['/series/{series}/wishes'] ?? {})).toEqual(['get', 'post']);
			expect(document.paths['/series/{series}/wishes']?.post?.requestBody).toBeDefined();
			expect(JSON.stringify(document.paths['/series/{series}/wishes']?.post)).not.toContain('website');
			expect(Object.keys(document.paths['/series/{series}/wishes/{wish}/status'] ?? {})).toEqual(['post']);
			expect(Object.keys(document.paths['/good-practice'] ?? {})).toEqual(['get']);
			expect(document.paths['/good-practice/{id}']?.get?.tags).toEqual(['good-practice']);
		});

		it('submits by JSON as the form does, names the field of bad input, and lets only organizers triage', async () => {
			const { db, make, organizer, seriesId, mailer, options } = await setup();
			const bad = await problemOf(
				submitWish(db, mailer, anonymous, seriesId, { title: '', body: 'x' }, options())
			);
			expect(bad.status).toBe(400);
			expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(['/title']);
			const unknown = await problemOf(
				submitWish(db, mailer, anonymous, seriesId, { title: 't', body: 'b', extra: 1 }, options())
			);
			expect(unknown.status).toBe(400);

			const { wishId } = await submitWish(
				db,
				mailer,
				anonymous,
				seriesId,
				{ title: 'Per API', body: 'Text' },
				options()
			);
			if (!wishId) throw new Error('no wish');
			expect((await listWishes(db, anonymous, seriesId)).wishes.map((wish) => wish.title)).toContain(
				'Per API'
			);

			const triage = { status: 'declined', reason: 'Schon behandelt' };
			expect(
				(await problemOf(triageWish(db, mailer, anonymous, seriesId, wishId, triage, options()))).status
			).toBe(401);
			const stranger = await make.organizer();
			const refused = await problemOf(
				triageWish(db, mailer, stranger.actor, seriesId, wishId, triage, options())
			);
			expect([403, 404]).toContain(refused.status);
			const noReason = await problemOf(
				triageWish(db, mailer, organizer.actor, seriesId, wishId, { status: 'declined' }, options())
			);
			expect(noReason.body.errors.map((error: { path: string }) => error.path)).toEqual(['/reason']);
			expect(await triageWish(db, mailer, organizer.actor, seriesId, wishId, triage, options())).toEqual({
				status: 'declined',
				notified: 0
			});
		});

		it('names nobody without consent in any public output of wishes and good practice', async () => {
			const { db, organizer, seriesId, number, mailer, options } = await setup();
			const secretName = 'Nina Niemals';
			const secretEmail = 'nina.niemals@example.org';
			const { wishId } = await submitWish(
				db,
				mailer,
				anonymous,
				seriesId,
				{ title: 'Offene Bibliotheken', body: 'Wie geht das?', name: secretName, email: secretEmail },
				options()
			);
			if (!wishId) throw new Error('no wish');
			await voteForWish(db, mailer, anonymous, seriesId, wishId, { email: secretEmail }, options());
			await followWish(db, mailer, anonymous, seriesId, wishId, { email: secretEmail }, options());
			await commentOnWish(db, anonymous, seriesId, wishId, { body: 'Dafür!', name: secretName }, options());

			const sources = await listGoodPracticeSources(db, organizer.actor, seriesId, number);
			const talk = sources.talks[0];
			if (!talk) throw new Error('no talk');
			const entry = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: talk.ref,
				title: 'Bibliothek der Dinge',
				what: 'Ausleihen statt kaufen.',
				contactName: secretName,
				contactEmail: secretEmail,
				publish: 'on'
			});

			const outputs: [string, unknown][] = [
				['GET /series/{series}/wishes', await listWishes(db, anonymous, seriesId)],
				['wish page', await getWish(db, anonymous, seriesId, wishId)],
				['series page with its memory', await getSeriesWithMemory(db, anonymous, seriesId, {})],
				['series page searched', await getSeriesWithMemory(db, anonymous, seriesId, { query: 'Bibliothek' })],
				['GET /good-practice', await listGoodPractice(db, anonymous, { query: '' })],
				['GET /good-practice?q=', await listGoodPractice(db, anonymous, { query: 'Bibliothek' })],
				['GET /good-practice/{id}', await getGoodPractice(db, anonymous, entry.id)]
			];
			const meetingRow = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', seriesId)
				.executeTakeFirstOrThrow();
			outputs.push(['meeting page', await listGoodPracticeOfMeeting(db, meetingRow.id)]);
			outputs.push(['documentation', await goodPracticeForDocumentation(db, meetingRow.id)]);

			// Each output really carries the wish or the entry, so the absence below means something.
			expect(asJson(outputs[0]?.[1])).toContain('Offene Bibliotheken');
			expect(asJson(outputs[4]?.[1])).toContain('Bibliothek der Dinge');
			expect(asJson(outputs[8]?.[1])).toContain('Bibliothek der Dinge');
			for (const [name, output] of outputs) {
				const text = asJson(output);
				expect(text, name).not.toContain(secretName);
				expect(text, name).not.toContain('Niemals');
				expect(text, name).not.toContain(secretEmail);
			}
		});
	});
}
