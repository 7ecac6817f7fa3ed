import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email';

describe('normalizeEmail', () => {
	it('ignores case and surrounding spaces', () => {
		expect(normalizeEmail('  Anna.Muster@Example.ORG ')).toBe('anna.muster@example.org');
		expect(normalizeEmail('anna@example.org')).toBe(normalizeEmail('ANNA@EXAMPLE.ORG'));
	});
});
