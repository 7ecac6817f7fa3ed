import { defineConfig } from 'vitest/config';

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
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					// One browser, one server: the files share them, so they run one after another.
					fileParallelism: false
				}
			}
		]
	}
});
