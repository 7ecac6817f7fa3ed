import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { systemActor } from '../../src/lib/domain/policy';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createOrganizer } from '../../src/lib/server/services/accounts';
import { actorForUser, createApiToken } from '../../src/lib/server/services/auth';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

/**
 * Issue 9: the import page, the import API and the attachment upload check the caller's rights
 * before they read the body. Garbage from an anonymous caller or a participant gets 401/403 (or,
 * for a page without a session, the way to sign in), never a validation error about the body.
 */
const garbage = () => {
	const form = new FormData();
	form.set('title', '');
	form.set('file', new Blob([new TextEncoder().encode('PK\u0003\u0004 this is no zip at all')]), 'x.zip');
	return form;
};

/** Posts like an enhanced form (SvelteKit answers the action's result as JSON). */
async function postAction(
	path: string,
	token?: string
): Promise<{ type: string; status: number; text: string }> {
	const response = await fetch(`${e2e.baseUrl}${path}`, {
		method: 'POST',
		body: garbage(),
		headers: {
			origin: e2e.baseUrl,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			...(token ? { authorization: `Bearer ${token}` } : {})
		}
	});
	const text = await response.text();
	const answer = JSON.parse(text) as { type: string; status: number };
	return { type: answer.type, status: answer.status, text };
}

/** A signed-in account that organizes nothing (as a participant's), with an API token. */
async function participantToken(): Promise<string> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const { userId } = await createOrganizer(handle.db, systemActor, {
			email: `teilnehmerin-${randomUUID().slice(0, 8)}@example.org`,
			displayName: 'Teilnehmerin',
			organizationIds: []
		});
		return (await createApiToken(handle.db, await actorForUser(handle.db, userId), { name: 'Test' })).token;
	} finally {
		await handle.close();
	}
}

describe.skipIf(!isE2eAvailable)('uploads are not read before the rights are checked', () => {
	it('the import page refuses garbage from anonymous callers and participants without reading it', async () => {
		const anonymous = await postAction('/manage/import');
		expect([anonymous.type, anonymous.status]).toEqual(['failure', 401]);
		expect(anonymous.text).not.toMatch(/ZIP|JSON|meeting\.json/);
		const participant = await postAction('/manage/import', await participantToken());
		expect([participant.type, participant.status]).toEqual(['failure', 403]);
		expect(participant.text).not.toMatch(/ZIP|JSON|meeting\.json/);
	});

	it('the import API answers 401 and 403 to garbage, and never a validation problem', async () => {
		const post = (headers: Record<string, string>) =>
			fetch(`${e2e.baseUrl}/api/v1/import`, {
				method: 'POST',
				body: '{"this is": not json',
				headers: { 'content-type': 'application/json', origin: e2e.baseUrl, ...headers }
			});
		expect((await post({})).status).toBe(401);
		const participant = await post({ authorization: `Bearer ${await participantToken()}` });
		expect(participant.status).toBe(403);
		expect(await participant.text()).not.toMatch(/JSON/);
	});

	it('the attachment upload refuses garbage from anonymous callers and participants without reading it', async () => {
		const seriesId = `e2e-rights-${randomUUID().slice(0, 8)}`;
		await asE2eOrganizer(async (db, actor) => {
			const document = fictionalDocument();
			document.series.id = seriesId;
			await importMeeting(db, actor, document, { publish: true });
		});
		const path = `/manage/series/${seriesId}/meetings/1/attachments?/upload`;
		// Before the fix, the empty title was the first thing refused (400): the body had been read.
		const anonymous = await postAction(path);
		expect([anonymous.type, anonymous.status]).toEqual(['failure', 401]);
		const participant = await postAction(path, await participantToken());
		expect([participant.type, participant.status]).toEqual(['failure', 403]);
	});
});

inBothModes('an import into an existing series names what it kept', (session) => {
	it('the page lists the series fields of the document that differ from the stored series', async () => {
		const seriesId = `e2e-kept-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
		await asE2eOrganizer(async (db, actor) => {
			const document = fictionalDocument();
			document.series.id = seriesId;
			await importMeeting(db, actor, document);
		});
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = session.page;
		await page.goto('/manage/import');
		const document = fictionalDocument();
		document.series.id = seriesId;
		document.series.title = 'Ein anderer Titel';
		document.meeting.number = 2;
		await page.getByLabel(/^Datei \(JSON/).setInputFiles({
			name: 'treffen.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(document))
		});
		await page.getByRole('button', { name: 'Importieren' }).click();
		await page.waitForURL((url) => url.searchParams.get('imported') === `${seriesId}/2`);
		const notice = page.getByRole('status');
		await expect.poll(() => notice.textContent()).toContain(`Die Reihe ${seriesId} gab es schon`);
		expect(await notice.getByRole('listitem').allTextContents()).toEqual(['/series/title']);
		if (session.hasJavaScript) await expectAccessible(page);
	});
});
