import { describe, expect, it } from 'vitest';
import { tallyInterval } from './bus';

describe('tallyInterval', () => {
	it('keeps the base interval for ordinary audiences', () => {
		expect(tallyInterval(250, 0)).toBe(250);
		expect(tallyInterval(250, 1000)).toBe(250);
		expect(tallyInterval(250, 2500)).toBe(250);
	});

	it('grows with large audiences, up to twice the base', () => {
		expect(tallyInterval(250, 4000)).toBe(400);
		expect(tallyInterval(250, 5000)).toBe(500);
		expect(tallyInterval(250, 50_000)).toBe(500);
	});

	it('keeps a short test interval short', () => {
		expect(tallyInterval(10, 3)).toBe(10);
	});
});
