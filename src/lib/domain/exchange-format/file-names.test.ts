import { describe, expect, it } from 'vitest';
import { bareFileName, bundlePathProblem } from './file-names';

describe('attachment file names in a bundle', () => {
	it('accepts a bare name and a relative path inside the bundle', () => {
		expect(bundlePathProblem('folien.pdf')).toBeUndefined();
		expect(bundlePathProblem('attachments/stadtkultur-rheine.pdf')).toBeUndefined();
		expect(bundlePathProblem('attachments/Präsentation Müller.pptx')).toBeUndefined();
	});

	it('refuses parent directories, absolute paths and empty segments', () => {
		for (const path of [
			'../secret.pdf',
			'attachments/../../etc/passwd',
			'attachments\\..\\x.pdf',
			'/etc/passwd',
			'\\\\server\\share\\x.pdf',
			'C:\\Windows\\x.pdf',
			'c:x.pdf',
			'attachments//x.pdf',
			'./x.pdf',
			'attachments/',
			''
		])
			expect(bundlePathProblem(path), path).toBe('exchange.fileNameNotRelative');
	});

	it('refuses control characters', () => {
		for (const path of ['a\u0000.pdf', 'a\r\nContent-Type: text/html.pdf', 'a\u007f.pdf', 'a\u0085.pdf'])
			expect(bundlePathProblem(path), JSON.stringify(path)).toBe('exchange.fileNameControlCharacters');
	});

	it('strips the directories from a name', () => {
		expect(bareFileName('attachments/folien.pdf')).toBe('folien.pdf');
		expect(bareFileName('a\\b\\folien.pdf')).toBe('folien.pdf');
		expect(bareFileName('folien.pdf')).toBe('folien.pdf');
	});
});
