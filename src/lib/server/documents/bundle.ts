import { strToU8, zipSync, type Zippable } from 'fflate';

/** The ZIP bundle: documentation files, meeting.json (the exchange format) and the uploaded files. */
export interface BundleContent {
	baseName: string;
	pdf: Buffer;
	docx: Buffer;
	/** The exchange document as JSON: the full one for organizers, the consent-filtered one for the public. */
	meetingJson: string;
	/** Extra generated files, e.g. the one-page agenda ("Ablaufplan.pdf"). */
	extras: { path: string; bytes: Buffer }[];
	/** Uploaded files under their bundle path (attachments/…), as meeting.json names them. */
	attachments: { path: string; bytes: Buffer }[];
}

/**
 * Whether a name may stand in the ZIP: relative, with no empty, "." or ".." segment, so that
 * unpacking the bundle can never write outside the folder it is unpacked into ("zip slip").
 * Backslashes count as separators too, as Windows unpackers treat them.
 */
export function isSafeEntryName(name: string): boolean {
	if (name === '' || name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return false;
	return name.split(/[/\\]/).every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function buildBundle(content: BundleContent): Buffer {
	const entries: Zippable = {};
	const add = (name: string, value: Zippable[string]) => {
		if (!isSafeEntryName(name)) throw new Error(`Refusing the ZIP entry name ${JSON.stringify(name)}`);
		entries[name] = value;
	};
	add('meeting.json', strToU8(content.meetingJson));
	add(`${content.baseName}.pdf`, new Uint8Array(content.pdf));
	add(`${content.baseName}.docx`, new Uint8Array(content.docx));
	for (const extra of content.extras) add(extra.path, new Uint8Array(extra.bytes));
	for (const attachment of content.attachments) {
		// Already-compressed formats (PDF, Office, images) gain nothing from deflate.
		add(attachment.path, [new Uint8Array(attachment.bytes), { level: 0 }]);
	}
	return Buffer.from(zipSync(entries, { level: 6 }));
}
