import { availableParallelism, totalmem } from 'node:os';
import { defineConfig } from 'vitest/config';

const cores = availableParallelism();
// PGlite (PostgreSQL in process, without TEST_POSTGRES_URL) peaks at ~770 MB per test file: run no
// more integration files at once than the memory holds, at ~2 GB each with headroom.
const integrationWorkers = process.env.TEST_POSTGRES_URL
	? Math.max(1, cores - 1)
	: Math.max(1, Math.min(cores - 1, Math.floor(totalmem() / 2 ** 31)));

// Tests run without the SvelteKit plugin: server code imports relatively, so services,
// repositories and the domain load as plain TypeScript. End-to-end tests drive the built app.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/helpers/postgres-global-setup.ts'],
					maxWorkers: integrationWorkers,
					// Its own group (after the unit tests): Vitest runs projects with different worker
					// counts only in different groups. The e2e files, one at a time, always run last.
					sequence: { groupOrder: 1 },
					// PGlite starts (compiles its WebAssembly, migrates) inside the first test of each file:
					// 2–6 s alone, over 20 s on a loaded machine with several files starting at once.
					testTimeout: process.env.TEST_POSTGRES_URL ? 30_000 : 120_000,
					hookTimeout: process.env.TEST_POSTGRES_URL ? 60_000 : 180_000
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					// Closes each file's one browser after the file.
					setupFiles: ['tests/e2e/per-file.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					// expect.poll waits for what the app shows after an action (a live event, a form's
					// answer). Its default of 1 s is short for a machine busy with the other tiers (CI runs
					// them at once); a poll that passes returns as soon as it does, so only a failure waits.
					expect: { poll: { timeout: 15_000, interval: 100 } },
					// One server, one list of the page types axe checked: the files run one after another.
					fileParallelism: false,
					// In one module context: the helpers (Playwright, the app's services for seeding) load
					// once, not once per file. A file's state lives in its browser contexts, closed after it.
					isolate: false
				}
			}
		]
	}
});
