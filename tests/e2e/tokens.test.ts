import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { e2e, inBothModes, signIn } from './browser';

/** Requests a page with the token instead of a session, as a program would. */
function fetchWithToken(token: string): Promise<Response> {
	return fetch(`${e2e.baseUrl}/account/tokens`, {
		headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
		redirect: 'manual'
	});
}

inBothModes('personal API tokens', (session) => {
	const name = `Skript ${randomUUID().slice(0, 6)}`;
	let secret = '';

	it('creates a token and shows its secret once', async () => {
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = await session.visit('/account/tokens');
		await page.getByRole('textbox', { name: 'Name' }).fill(name);
		await page.getByRole('button', { name: 'Token erstellen' }).click();
		const shown = page.locator('#new-token');
		await shown.waitFor();
		secret = (await shown.textContent()) ?? '';
		expect(secret).toMatch(/^nws_[A-Za-z0-9_-]{40,}$/);
		expect(await page.getByRole('status').textContent()).toContain('nur dieses eine Mal angezeigt');
		const newRow = page.getByRole('row', { name: new RegExp(name) });
		expect(await newRow.textContent()).toContain('noch nie');

		// The token works for a program …
		const response = await fetchWithToken(secret);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(name);

		// … and the page never shows the secret again.
		await session.visit('/account/tokens');
		expect(await page.locator('#new-token').count()).toBe(0);
		expect(await page.content()).not.toContain(secret);
		const row = page.getByRole('row', { name: new RegExp(name) });
		expect(await row.textContent()).toContain(secret.slice(0, 10));
		// Its use by the program above shows as the last use.
		expect(await row.textContent()).not.toContain('noch nie');
	});

	it('revokes the token, after which it is refused', async () => {
		const page = await session.visit('/account/tokens');
		await page.getByRole('button', { name: `Token „${name}“ widerrufen` }).click();
		await page.waitForURL('**/account/tokens?revoked=1');
		await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
		expect(await page.getByRole('status').textContent()).toContain('Das Token wurde widerrufen.');
		await session.visit('/account/tokens?revoked=1');
		const response = await fetchWithToken(secret);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?next=%2Faccount%2Ftokens');
	});
});
