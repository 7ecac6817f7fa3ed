import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, isSafeEntryName, type BundleContent } from './bundle';

function content(attachmentPath: string, extraPath = 'Ablaufplan.pdf'): BundleContent {
	return {
		baseName: 'reihe-2-dokumentation',
		pdf: Buffer.from('%PDF-1.4'),
		docx: Buffer.from('PK'),
		meetingJson: '{}\n',
		extras: [{ path: extraPath, bytes: Buffer.from('%PDF-1.4') }],
		attachments: [{ path: attachmentPath, bytes: Buffer.from('folien') }]
	};
}

describe('the ZIP bundle', () => {
	it('writes every file under its relative name', () => {
		const zip = unzipSync(new Uint8Array(buildBundle(content('attachments/folien.pdf'))));
		expect(Object.keys(zip).sort()).toEqual([
			'Ablaufplan.pdf',
			'attachments/folien.pdf',
			'meeting.json',
			'reihe-2-dokumentation.docx',
			'reihe-2-dokumentation.pdf'
		]);
		expect(strFromU8(zip['attachments/folien.pdf']!)).toBe('folien');
	});

	it.each([
		'../folien.pdf',
		'attachments/../../folien.pdf',
		'attachments/..',
		'attachments\\..\\..\\folien.pdf',
		'/etc/passwd',
		'\\windows\\folien.pdf',
		'C:/folien.pdf',
		'c:folien.pdf',
		'attachments//folien.pdf',
		'./folien.pdf',
		''
	])('refuses the entry name %j', (name) => {
		expect(isSafeEntryName(name)).toBe(false);
		expect(() => buildBundle(content(name))).toThrow(/Refusing the ZIP entry name/);
		expect(() => buildBundle(content('attachments/folien.pdf', name))).toThrow(/Refusing the ZIP entry name/);
	});

	it('refuses a base name that climbs out of the folder', () => {
		expect(() => buildBundle({ ...content('attachments/folien.pdf'), baseName: '../reihe' })).toThrow(
			/Refusing the ZIP entry name/
		);
	});

	it('accepts names with dots inside a segment', () => {
		expect(isSafeEntryName('attachments/folien..v2.pdf')).toBe(true);
		expect(isSafeEntryName('attachments/.hidden')).toBe(true);
	});
});
