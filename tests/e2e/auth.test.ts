import { expect, it } from 'vitest';
import { e2e, expectAccessible, inBothModes } from './browser';

inBothModes('sign-in and sign-out', (session) => {
	it('sends anonymous visitors of admin and token pages to the sign-in page', async () => {
		const page = session.page;
		for (const path of ['/admin', '/account/tokens']) {
			await page.goto(path);
			const url = new URL(page.url());
			expect(url.pathname).toBe('/login');
			expect(url.searchParams.get('next')).toBe(path);
		}
		await expectAccessible(page);
	});

	it('shows the error summary and the field error for a wrong password, with status 400', async () => {
		const page = await session.visit('/login');
		await page.getByLabel('E-Mail-Adresse').fill(e2e.organizer.email);
		await page.getByLabel('Passwort').fill('definitely the wrong password');
		const [response] = await Promise.all([
			session.hasJavaScript
				? page.waitForResponse((r) => r.request().method() === 'POST')
				: page.waitForNavigation(),
			page.getByRole('button', { name: 'Anmelden' }).click()
		]);
		expect(response?.status()).toBe(session.hasJavaScript ? 200 : 400);
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain('E-Mail-Adresse oder Passwort sind falsch.');
		// The summary links to the email field, which carries the error too.
		expect(await summary.getByRole('link').getAttribute('href')).toBe('#email');
		const emailField = page.getByRole('textbox', { name: 'E-Mail-Adresse' });
		expect(await emailField.getAttribute('aria-invalid')).toBe('true');
		expect(await emailField.inputValue()).toBe(e2e.organizer.email);
		// The password is never sent back: without JavaScript the page comes back with it empty.
		if (!session.hasJavaScript)
			expect(await page.getByLabel('Passwort', { exact: true }).inputValue()).toBe('');
		await expectAccessible(page);
	});

	it('signs the organizer in and returns to the page named by ?next=', async () => {
		const page = await session.visit('/login?next=%2Faccount%2Ftokens');
		await page.getByLabel('E-Mail-Adresse').fill(e2e.organizer.email);
		await page.getByLabel('Passwort').fill(e2e.organizer.password);
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await page.waitForURL('**/account/tokens');
		const cookie = (await session.context.cookies()).find((c) => c.name === 'nws_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 24 * 60 * 60);
		expect(await page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);
	});

	it('sends a signed-in user on from /login, and refuses the admin area with 403', async () => {
		const page = await session.visit('/login?next=%2Faccount%2Ftokens');
		expect(new URL(page.url()).pathname).toBe('/account/tokens');
		const response = await page.goto('/admin');
		expect(response?.status()).toBe(403);
		await expectAccessible(page);
	});

	it('offers sign-out on its own page, and signs out', async () => {
		const page = await session.visit('/logout');
		await page.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await expect.poll(() => page.getByRole('link', { name: 'Anmelden' }).count()).toBe(1);
		expect((await session.context.cookies()).some((c) => c.name === 'nws_session')).toBe(false);
		await session.visit('/logout');
		expect(await page.getByText('Sie sind nicht angemeldet.').count()).toBe(1);
	});
});
