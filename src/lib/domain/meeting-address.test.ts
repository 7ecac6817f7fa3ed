import { describe, expect, it } from 'vitest';
import { formatMeetingAddress, parseMeetingAddress } from './meeting-address';

describe('meeting address', () => {
	it('parses SERIES-ID/NUMBER', () => {
		expect(parseMeetingAddress('austausch-kulturbueros-engagement/2')).toEqual({
			seriesId: 'austausch-kulturbueros-engagement',
			number: 2
		});
		expect(formatMeetingAddress({ seriesId: 'a', number: 12 })).toBe('a/12');
	});

	it('refuses malformed addresses', () => {
		for (const text of ['', 'series', 'series/0', 'series/x', 'Series/1', '/1', 'a/1/2', 'a/-1']) {
			expect(parseMeetingAddress(text), text).toBeUndefined();
		}
	});
});
