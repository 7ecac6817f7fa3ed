import { describe, expect, it } from 'vitest';
import { redactPath } from './logger';

describe('redactPath', () => {
	it('replaces the token segment of registration and sign-in links', () => {
		expect(redactPath('/registrations/confirm/Zq3k9_abcDEF-123')).toBe('/registrations/confirm/[redacted]');
		expect(redactPath('/registrations/manage/Zq3k9_abcDEF-123')).toBe('/registrations/manage/[redacted]');
		expect(redactPath('/registrations/manage/Zq3k9_abcDEF-123/data.json')).toBe(
			'/registrations/manage/[redacted]/data.json'
		);
		expect(redactPath('/login/link/Zq3k9_abcDEF-123')).toBe('/login/link/[redacted]');
	});

	it('replaces live join codes on pages, streams and the API', () => {
		expect(redactPath('/live/123456')).toBe('/live/[redacted]');
		expect(redactPath('/live/123456/events')).toBe('/live/[redacted]/events');
		expect(redactPath('/live/123456/projector')).toBe('/live/[redacted]/projector');
		expect(redactPath('/api/v1/live/123456/votes')).toBe('/api/v1/live/[redacted]/votes');
	});

	it('replaces secret query values and keeps the others', () => {
		expect(redactPath('/x?token=abc&page=2')).toBe('/x?token=[redacted]&page=2');
		expect(redactPath('/live/123456?saved=q1&code=654321')).toBe('/live/[redacted]?saved=q1&code=[redacted]');
		expect(redactPath('/x?TOKEN=abc')).toBe('/x?TOKEN=[redacted]');
	});

	it('leaves addresses without secrets as they are', () => {
		for (const path of [
			'/',
			'/live',
			'/live/',
			'/series/abc/3',
			'/manage/series?saved=1',
			'/registrations/confirmed'
		])
			expect(redactPath(path)).toBe(path);
	});
});
