import { afterAll } from 'vitest';
import { closeBrowser } from './browser';

// Runs in every e2e test file (setupFiles): its one browser is closed after the file.
afterAll(async () => {
	await closeBrowser();
});
