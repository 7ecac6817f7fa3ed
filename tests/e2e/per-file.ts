import { afterAll } from 'vitest';
import { closeBrowser } from './browser';

// Runs in every e2e test file (setupFiles): its connection to the browser (and every context it
// left open) is closed after the file.
afterAll(async () => {
	await closeBrowser();
});
