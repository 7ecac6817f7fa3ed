import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './safe-redirect';

const origin = 'https://netzwerkstatt.example';

describe('safeRedirectTarget', () => {
	it('keeps a path on our own origin with its query', () => {
		expect(safeRedirectTarget('/manage/series?saved=1', origin)).toBe('/manage/series?saved=1');
		expect(safeRedirectTarget('/live/123456', origin)).toBe('/live/123456');
		expect(safeRedirectTarget('/', origin)).toBe('/');
	});

	it('drops the fragment', () => {
		expect(safeRedirectTarget('/series/a/1#agenda', origin)).toBe('/series/a/1');
	});

	it('refuses targets on another origin, however they are spelled', () => {
		for (const next of [
			'//evil.example',
			'//evil.example/path',
			'https://evil.example/',
			'http://netzwerkstatt.example/',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'/\u0000/evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'\\\\evil.example',
			'/.//evil.example',
			'/..//evil.example',
			'/%2e//evil.example',
			'javascript:alert(1)',
			' /evil',
			'evil.example'
		])
			expect(safeRedirectTarget(next, origin), JSON.stringify(next)).toBe('/');
	});

	it('answers the fallback for no target', () => {
		expect(safeRedirectTarget(null, origin)).toBe('/');
		expect(safeRedirectTarget(undefined, origin, '/my/meetings')).toBe('/my/meetings');
		expect(safeRedirectTarget('', origin, '/login')).toBe('/login');
	});

	it('normalizes dot segments to a path on our origin', () => {
		expect(safeRedirectTarget('/a/../manage', origin)).toBe('/manage');
	});
});
