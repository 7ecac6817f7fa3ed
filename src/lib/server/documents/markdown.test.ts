import { describe, expect, it } from 'vitest';
import {
	expectLinesInOrder,
	foundingDocument,
	foundingLines
} from '../../../../tests/helpers/founding-document';
import { buildDocumentationModel } from '../../domain/documentation/model';
import { escapeMarkdown, renderMarkdown } from './markdown';

/** What a reader sees of the Markdown: markup and escapes removed. */
function visibleText(markdown: string): string {
	return markdown
		.replace(/\\([\\`*_{}[\]<>#|!.+-])/g, '$1')
		.replace(/&amp;/g, '&')
		.replace(/\*\*/g, '')
		.replace(/^#+ /gm, '')
		.replace(/^- /gm, '');
}

describe('Markdown documentation', () => {
	it('holds every line of the founding document in order, with the funding notice at the end', () => {
		const markdown = renderMarkdown(buildDocumentationModel(foundingDocument()));
		expectLinesInOrder(visibleText(markdown), foundingLines());
		expect(markdown.trimEnd().endsWith('des Landes Nordrhein-Westfalen')).toBe(true);
		expect(markdown).toContain('„Kultur in Westfalen“ wird gefördert vom:');
	});

	it('escapes markup in meeting texts', () => {
		expect(escapeMarkdown('<script>alert("x")</script> & *bold* # [link](x)')).toBe(
			'\\<script\\>alert("x")\\</script\\> &amp; \\*bold\\* \\# \\[link\\](x)'
		);
		const document = foundingDocument();
		document.meeting.topic = { title: 'A <b>bold</b> & "quoted" topic' };
		const markdown = renderMarkdown(buildDocumentationModel(document));
		expect(markdown).not.toContain('<b>');
		expect(visibleText(markdown)).toContain('A <b>bold</b> & "quoted" topic');
	});
});
