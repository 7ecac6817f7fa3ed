import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

inBothModes('administration', (session) => {
	const suffix = randomUUID().slice(0, 8);
	const organizationName = `Kulturbüro Teststadt ${suffix}`;
	const slug = `kulturbuero-${suffix}`;
	const organizerEmail = `neu-${suffix}@example.org`;
	let generatedPassword = '';

	it('lets the admin create an organization, and names a taken id', async () => {
		await signIn(session.page, e2e.admin.email, e2e.admin.password);
		const page = await session.visit('/admin');
		await page.getByRole('link', { name: 'Neue Organisation anlegen' }).click();
		await page.waitForURL('**/admin/organizations/new');
		await expectAccessible(page);
		await page.getByRole('textbox', { name: 'Name' }).fill(organizationName);
		await page.getByRole('textbox', { name: 'Kennung' }).fill(slug);
		await page.getByRole('button', { name: 'Organisation anlegen' }).click();
		await page.waitForURL('**/admin?saved=organization');
		await expect.poll(() => page.getByRole('row', { name: new RegExp(slug) }).count()).toBe(1);
		await expectAccessible(page);

		await session.visit('/admin/organizations/new');
		await page.getByRole('textbox', { name: 'Name' }).fill('Noch eine');
		await page.getByRole('textbox', { name: 'Kennung' }).fill(slug);
		await page.getByRole('button', { name: 'Organisation anlegen' }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		expect(await summary.textContent()).toContain('Diese Kennung ist bereits vergeben.');
		expect(await page.getByRole('textbox', { name: 'Kennung' }).getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page);
	});

	it('lets the admin create an organizer with a generated password shown once', async () => {
		const page = await session.visit('/admin/accounts/new');
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(organizerEmail);
		await page.getByRole('textbox', { name: 'Anzeigename' }).fill('Neue Organisatorin');
		await page.getByRole('checkbox', { name: organizationName }).check();
		await page.getByRole('button', { name: 'Konto anlegen' }).click();
		const shown = page.locator('#generated-password');
		await shown.waitFor();
		generatedPassword = (await shown.textContent()) ?? '';
		expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
		await expectAccessible(page);

		await page.getByRole('link', { name: `Konto ${organizerEmail} öffnen` }).click();
		// Not '**/admin/accounts/*': that matches the form's own address before the link is followed.
		await page.waitForURL((url) => /^\/admin\/accounts\/[0-9a-f-]{36}$/.test(url.pathname));
		await expectAccessible(page);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Konto ${organizerEmail}`);
		expect(await page.getByRole('checkbox', { name: organizationName }).isChecked()).toBe(true);
		expect(await page.content()).not.toContain(generatedPassword);
	});

	it('refuses to let the admin remove their own admin right', async () => {
		const page = await session.visit('/admin');
		await page.getByRole('link', { name: e2e.admin.email }).click();
		await page.waitForURL('**/admin/accounts/*');
		await page.getByRole('button', { name: 'Administrationsrecht entziehen' }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		expect(await summary.textContent()).toContain(
			'Sie können sich das Administrationsrecht nicht selbst entziehen.'
		);
		await expectAccessible(page);
	});

	it('the new organizer signs in and may manage', async () => {
		const page = session.page;
		await page.getByRole('navigation').getByRole('button', { name: 'Abmelden' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await signIn(page, organizerEmail, generatedPassword);
		await session.visit('/');
		expect(await page.getByRole('link', { name: 'Verwaltung' }).count()).toBe(1);
		expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
	});
});
