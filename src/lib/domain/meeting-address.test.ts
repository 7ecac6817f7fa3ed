import { describe, expect, it } from 'vitest';
import {
	formatMeetingAddress,
	meetingAddressFromParams,
	parseMeetingAddress,
	parseMeetingNumber
} from './meeting-address';

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

describe('meeting number and route parameters', () => {
	it('reads a meeting number only in its one spelling', () => {
		expect(parseMeetingNumber('2')).toBe(2);
		expect(parseMeetingNumber('999999999')).toBe(999_999_999);
		for (const text of ['', '0', '02', '2a', '-1', ' 2', '1e3', '2.0', '1000000000']) {
			expect(parseMeetingNumber(text), text).toBeUndefined();
		}
	});

	it('turns route parameters into a meeting address', () => {
		expect(meetingAddressFromParams({ series: 'reihe', number: '7' })).toEqual({
			seriesId: 'reihe',
			number: 7
		});
	});

	it('answers not found for parameters that name no meeting', () => {
		for (const params of [{ series: 'reihe', number: 'x' }, { series: 'reihe' }, { number: '1' }, {}]) {
			expect(() => meetingAddressFromParams(params), JSON.stringify(params)).toThrow(
				expect.objectContaining({ kind: 'not-found' })
			);
		}
	});
});
