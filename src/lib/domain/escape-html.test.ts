import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
	it('escapes the characters that HTML reads as markup, ampersands first', () => {
		expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;'
		);
		expect(escapeHtml('&lt;')).toBe('&amp;lt;');
	});

	it('leaves other text as it is', () => {
		expect(escapeHtml('Grüße aus Münster – 100 %')).toBe('Grüße aus Münster – 100 %');
	});
});
