import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
	it('defaults to SQLite in ./data with demo data', () => {
		const config = loadConfig({});
		expect(config.dataDir).toBe(resolve('./data'));
		expect(config.databaseUrl).toBe(`sqlite:${resolve('./data/netzwerkstatt.sqlite')}`);
		expect(config.isDemoDataEnabled).toBe(true);
	});

	it('turns demo data off by default on PostgreSQL, and on when asked', () => {
		expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).isDemoDataEnabled).toBe(false);
		expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO_DATA: 'on' }).isDemoDataEnabled).toBe(true);
		expect(loadConfig({ DEMO_DATA: 'off' }).isDemoDataEnabled).toBe(false);
	});

	it('names the variable that is wrong', () => {
		expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
		expect(() => loadConfig({ SESSION_DAYS: '0' })).toThrow(/SESSION_DAYS/);
	});
});
