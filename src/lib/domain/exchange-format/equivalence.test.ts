import { describe, expect, it } from 'vitest';
import { areEquivalent, normalizeDocument } from './equivalence';
import { fictionalDocument } from './test-documents';

describe('equivalence of meeting documents', () => {
	it('drops null, false, empty strings, arrays and objects, inner ones first', () => {
		expect(
			normalizeDocument({
				a: null,
				b: false,
				c: '',
				d: [],
				e: {},
				f: { g: { h: false } },
				i: 0,
				j: true,
				k: 'x'
			})
		).toEqual({ i: 0, j: true, k: 'x' });
	});

	it('drops the schema defaults only where they are defaults', () => {
		expect(
			normalizeDocument({
				series: { language: 'de', id: 's' },
				meeting: {
					polls: [{ anonymous: true, id: 'p' }],
					breakoutRounds: [{ rooms: [{ cards: [{ text: 't', votes: 0 }] }] }]
				},
				language: 'de'
			})
		).toEqual({
			language: 'de',
			meeting: { breakoutRounds: [{ rooms: [{ cards: [{ text: 't' }] }] }], polls: [{ id: 'p' }] },
			series: { id: 's' }
		});
		expect(normalizeDocument({ series: { language: 'en' } })).toEqual({ series: { language: 'en' } });
	});

	it('keeps array entries in place even when they become empty', () => {
		expect(normalizeDocument({ list: [{ a: null }, 'x'] })).toEqual({ list: [{}, 'x'] });
	});

	it('ignores key order but not array order', () => {
		expect(areEquivalent({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
		expect(areEquivalent({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
	});

	it('tells a changed value apart', () => {
		const changed = fictionalDocument();
		changed.meeting.agenda[0].title = 'Anders';
		expect(areEquivalent(fictionalDocument(), changed)).toBe(false);
		expect(areEquivalent(fictionalDocument(), fictionalDocument())).toBe(true);
	});

	it('treats an absent key and its empty or default value alike', () => {
		const a = { meeting: { findings: [], topic: { title: 'T', summary: [] } }, series: { language: 'de' } };
		const b = { meeting: { topic: { title: 'T' } }, series: {} };
		expect(areEquivalent(a, b)).toBe(true);
	});
});
