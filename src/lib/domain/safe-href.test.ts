import { describe, expect, it } from 'vitest';
import { isLinkUrl, safeHref } from './safe-href';

describe('safeHref', () => {
	it('keeps web and mail addresses', () => {
		expect(safeHref('https://www.lwl.org/kultur')).toBe('https://www.lwl.org/kultur');
		expect(safeHref('HTTP://example.org')).toBe('HTTP://example.org');
		expect(safeHref(' mailto:kultur@example.org ')).toBe('mailto:kultur@example.org');
	});

	it('drops addresses that could run code or reach local files, and non-addresses', () => {
		for (const url of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'java\tscript:alert(1)',
			'\u0001javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'file:///etc/passwd',
			'ftp://example.org',
			'/relative/path',
			'www.example.org',
			''
		])
			expect(safeHref(url), url).toBeUndefined();
		expect(safeHref(null)).toBeUndefined();
		expect(safeHref(undefined)).toBeUndefined();
	});

	it('agrees with isLinkUrl', () => {
		expect(isLinkUrl('https://example.org')).toBe(true);
		expect(isLinkUrl('javascript:alert(1)')).toBe(false);
	});
});
