import { describe, expect, it } from 'vitest';
import { match } from './meetingnumber';

describe('meetingnumber route matcher', () => {
	it('accepts meeting numbers', () => {
		for (const value of ['1', '2', '42', '999999999']) expect(match(value), value).toBe(true);
	});

	it('refuses anything else, so that the router answers 404', () => {
		for (const value of ['', '0', '01', 'x', '2a', '-3', '1.5', '1000000000', 'new']) {
			expect(match(value), value).toBe(false);
		}
	});
});
