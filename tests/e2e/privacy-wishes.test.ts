import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { importMeeting } from '../../src/lib/server/services/exchange';
import {
	createGoodPractice,
	listGoodPracticeSources
} from '../../src/lib/server/services/good-practice-create';
import { commentOnWish, submitWish } from '../../src/lib/server/services/wishes-contributions';
import { followWish, voteForWish } from '../../src/lib/server/services/wishes-votes';
import { foundingDocument } from '../helpers/founding-document';
import { memoryMailer } from '../helpers/test-doubles';
import { asE2eOrganizer, e2e, isE2eAvailable } from './browser';

/**
 * Topic wishes and good practice over HTTP, as the public gets them: a person who gave a name
 * and an email but no consent (wish author, voter, follower, commenter, good practice contact)
 * appears in no page (with SvelteKit's page data) and no API answer. Axe and the two modes are
 * covered by wishes.test.ts and good-practice.test.ts; here only what the server sends counts.
 */
describe.skipIf(!isE2eAvailable)('privacy of topic wishes and good practice', () => {
	const suffix = randomUUID().slice(0, 8);
	const seriesId = `privat-${suffix}`;
	const secretName = `Hanna Heimlich${suffix}`;
	const secretEmail = `hanna.${suffix}@example.org`;
	const wishTitle = `Stadtteilkultur ${suffix}`;
	const entryTitle = `Kulturlotsen ${suffix}`;
	let wishId = '';
	let entryId = '';
	let number = 0;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		const document = foundingDocument();
		number = document.meeting.number;
		const mailer = memoryMailer();
		const options = () => ({ locale: 'de' as const, publicOrigin: e2e.baseUrl, clientAddress: randomUUID() });
		await asE2eOrganizer(async (db, actor) => {
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{
					publish: true
				}
			);
			const submitted = await submitWish(
				db,
				mailer,
				anonymous,
				seriesId,
				{ title: wishTitle, body: 'Wie fördern wir sie?', name: secretName, email: secretEmail },
				options()
			);
			wishId = submitted.wishId ?? '';
			await voteForWish(db, mailer, anonymous, seriesId, wishId, { email: secretEmail }, options());
			await followWish(db, mailer, anonymous, seriesId, wishId, { email: secretEmail }, options());
			await commentOnWish(db, anonymous, seriesId, wishId, { body: 'Sehr gut', name: secretName }, options());
			const talk = (await listGoodPracticeSources(db, actor, seriesId, number)).talks[0];
			if (!talk) throw new Error('no talk in the founding meeting');
			entryId = (
				await createGoodPractice(db, actor, seriesId, number, {
					source: talk.ref,
					title: entryTitle,
					what: 'Lotsen begleiten Vereine.',
					contactName: secretName,
					contactEmail: secretEmail,
					publish: 'on'
				})
			).id;
		});
	});

	it('names the person without consent in no page and no API answer', async () => {
		const outputs: [path: string, mustShow: string][] = [
			[`/series/${seriesId}`, wishTitle],
			[`/series/${seriesId}?q=${encodeURIComponent(suffix)}`, entryTitle],
			[`/series/${seriesId}/${number}`, seriesId],
			[`/series/${seriesId}/wuensche`, wishTitle],
			[`/series/${seriesId}/wuensche/${wishId}`, 'Sehr gut'],
			[`/gute-praxis?q=${encodeURIComponent(entryTitle)}`, entryTitle],
			[`/gute-praxis/${entryId}`, 'Lotsen begleiten Vereine.'],
			[`/api/v1/series/${seriesId}/wishes`, wishTitle],
			[`/api/v1/good-practice?q=${encodeURIComponent(entryTitle)}`, entryTitle],
			[`/api/v1/good-practice/${entryId}`, entryTitle]
		];
		for (const [path, mustShow] of outputs) {
			const response = await fetch(`${e2e.baseUrl}${path}`);
			expect(response.status, path).toBe(200);
			const text = await response.text();
			expect(text, `${path} shows what it is about`).toContain(mustShow);
			for (const secret of [secretName, 'Heimlich', secretEmail])
				expect(text, `${path} names ${secret}`).not.toContain(secret);
		}
	});
});
