import { strToU8, zipSync, type Zippable } from 'fflate';

/** The ZIP bundle: documentation files, meeting.json (the exchange format) and the uploaded files. */
export interface BundleContent {
	baseName: string;
	pdf: Buffer;
	docx: Buffer;
	meetingJson: string;
	/** Extra generated files, e.g. the one-page agenda ("Ablaufplan.pdf"). */
	extras: { path: string; bytes: Buffer }[];
	/** Uploaded files under their bundle path (attachments/…), as meeting.json names them. */
	attachments: { path: string; bytes: Buffer }[];
}

export function buildBundle(content: BundleContent): Buffer {
	const entries: Zippable = {
		'meeting.json': strToU8(content.meetingJson),
		[`${content.baseName}.pdf`]: new Uint8Array(content.pdf),
		[`${content.baseName}.docx`]: new Uint8Array(content.docx)
	};
	for (const extra of content.extras) entries[extra.path] = new Uint8Array(extra.bytes);
	for (const attachment of content.attachments) {
		// Already-compressed formats (PDF, Office, images) gain nothing from deflate.
		entries[attachment.path] = [new Uint8Array(attachment.bytes), { level: 0 }];
	}
	return Buffer.from(zipSync(entries, { level: 6 }));
}
