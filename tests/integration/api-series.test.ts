import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { readJsonAs } from '../../src/lib/server/http/api';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import { problemFromError } from '../../src/lib/server/http/problems';
import {
	CreateMeeting,
	createMeeting,
	getMeeting,
	UpdateMeeting,
	updateMeeting
} from '../../src/lib/server/services/meetings';
import {
	CreateSeries,
	createSeries,
	listVisibleSeries,
	publishSeries
} from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** A JSON request as an API client sends it. */
function jsonRequest(body: unknown): Request {
	return new Request('http://localhost/api/v1/x', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

/** What the API answers for a thrown error: the problem document. */
async function problemOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		const response = problemFromError(error, 'en');
		return {
			status: response.status,
			type: response.headers.get('content-type'),
			body: await response.json()
		};
	}
	throw new Error('expected a rejection');
}

for (const database of testDatabases()) {
	describe(`${database.name}: series and meetings API`, () => {
		afterAll(() => database.close());

		it('creates a series and a meeting from JSON bodies and reads them back', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const seriesBody = await readJsonAs(
				jsonRequest({ title: `API-Reihe ${Date.now()}`, language: 'en' }),
				CreateSeries
			);
			const series = await createSeries(db, organizer.actor, seriesBody);
			const meetingBody = await readJsonAs(
				jsonRequest({
					date: '2025-02-03',
					start: '10:00',
					end: '11:30',
					venue: { mode: 'in-person', address: 'Münster' }
				}),
				CreateMeeting
			);
			const meeting = await createMeeting(db, organizer.actor, series.id, meetingBody);
			expect(meeting).toMatchObject({
				series: series.id,
				number: 1,
				venue: { mode: 'in-person', address: 'Münster' }
			});
			const patch = await readJsonAs(jsonRequest({ topic: { title: 'Neu' } }), UpdateMeeting);
			await updateMeeting(db, organizer.actor, series.id, 1, patch);
			await publishSeries(db, organizer.actor, series.id);
			expect((await listVisibleSeries(db, anonymous)).map((s) => s.id)).toContain(series.id);
			// Meeting 1 is still a draft: the public does not see it.
			expect((await problemOf(getMeeting(db, anonymous, series.id, 1))).status).toBe(404);
			expect((await getMeeting(db, organizer.actor, series.id, 1)).meeting.topic.title).toBe('Neu');
		});

		it('answers bad input with a problem document naming the JSON pointers', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const unknownKey = await problemOf(
				readJsonAs(jsonRequest({ title: 'x', colour: 'red' }), CreateSeries)
			);
			expect(unknownKey.status).toBe(400);
			expect(unknownKey.type).toContain('application/problem+json');
			expect(unknownKey.body.errors).toEqual([{ path: '/colour', message: 'Unknown key "colour".' }]);

			const series = await createSeries(db, organizer.actor, { title: `Problem ${Date.now()}` });
			const times = await problemOf(
				createMeeting(db, organizer.actor, series.id, {
					date: '2025-02-03',
					start: '12:00',
					end: '11:00',
					venue: { mode: 'online' }
				})
			);
			expect(times.status).toBe(400);
			expect(times.body.errors).toEqual([
				{ path: '/end', message: 'The end (11:00) must come after the start (12:00).' }
			]);
			const taken = await problemOf(createSeries(db, organizer.actor, { id: series.id, title: 'Dasselbe' }));
			expect(taken.status).toBe(409);
			expect(taken.body.title).toBe(`The id "${series.id}" is already taken. Please choose another one.`);
			const anon = await problemOf(createSeries(db, anonymous, { title: 'x' }));
			expect(anon.status).toBe(401);
		});

		it('lists every series and meeting operation in the OpenAPI document', () => {
			const document = buildOpenApiDocument('http://localhost') as {
				paths: Record<string, Record<string, unknown>>;
			};
			expect(Object.keys(document.paths['/series'] ?? {})).toEqual(['get', 'post']);
			expect(Object.keys(document.paths['/series/{series}'] ?? {})).toEqual(['get', 'patch']);
			expect(document.paths['/series/{series}/publish']).toHaveProperty('post');
			expect(document.paths['/series/{series}/meetings']).toHaveProperty('post');
			expect(Object.keys(document.paths['/meetings/{series}/{number}'] ?? {})).toEqual(['get', 'patch']);
			expect(document.paths['/meetings/{series}/{number}/unpublish']).toHaveProperty('post');
		});
	});
}
