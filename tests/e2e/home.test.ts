import { expect, it } from 'vitest';
import { inBothModes } from './browser';

inBothModes('home page', (session) => {
	it('shows the app in German, with a skip link, and switches to English', async () => {
		const page = await session.visit('/');
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
		expect(await page.getByRole('link', { name: 'Zum Inhalt springen' }).count()).toBe(1);
		await page.getByRole('link', { name: 'English' }).click();
		await page.waitForURL('**/');
		// The address is '/' before and after the switch: wait for the page in the new language.
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
		await session.visit('/');
		await page.getByRole('link', { name: 'Deutsch' }).click();
		await page.waitForURL('**/');
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de');
	});
});
