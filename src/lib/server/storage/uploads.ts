import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/**
 * Uploaded files on disk under DATA_DIR/uploads, named by a random key (never by the user's
 * file name). What a file is, is decided by its content, never by its name or the browser.
 */
export const ACCEPTED_MEDIA_TYPES: Record<string, string> = {
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.oasis.opendocument.presentation': 'odp',
	'application/vnd.oasis.opendocument.text': 'odt',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp'
};

export interface DetectedFile {
	mediaType: string;
	extension: string;
}

/** The file's type from its content, or undefined when it is none of the accepted types. */
export async function detectAcceptedType(bytes: Uint8Array): Promise<DetectedFile | undefined> {
	const detected = await fileTypeFromBuffer(bytes);
	if (!detected) return undefined;
	const extension = ACCEPTED_MEDIA_TYPES[detected.mime];
	return extension ? { mediaType: detected.mime, extension } : undefined;
}

function uploadsDir(dataDir: string): string {
	return resolve(dataDir, 'uploads');
}

/** A storage key always resolves inside the uploads folder. */
function pathOf(dataDir: string, storageKey: string): string {
	const root = uploadsDir(dataDir);
	const path = resolve(root, storageKey);
	if (!path.startsWith(root + sep)) throw new Error(`Storage key outside the uploads folder: ${storageKey}`);
	return path;
}

export async function saveUpload(
	dataDir: string,
	bytes: Uint8Array,
	extension: string
): Promise<{ storageKey: string; sha256: string }> {
	const key = randomUUID();
	const storageKey = join(key.slice(0, 2), `${key}.${extension}`);
	const path = pathOf(dataDir, storageKey);
	await mkdir(resolve(path, '..'), { recursive: true });
	await writeFile(path, bytes, { flag: 'wx' });
	return { storageKey, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function readUpload(dataDir: string, storageKey: string): Promise<Buffer> {
	return readFile(pathOf(dataDir, storageKey));
}

export async function deleteUpload(dataDir: string, storageKey: string): Promise<void> {
	await rm(pathOf(dataDir, storageKey), { force: true });
}

/** A file name safe in a ZIP bundle and a Content-Disposition header: ASCII letters, digits, dots, hyphens. */
export function safeFileName(name: string, fallbackExtension: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ß/g, 'ss')
		.replace(/\.[^.]*$/, '')
		.replace(/[^A-Za-z0-9-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.toLowerCase();
	return `${base || 'datei'}.${fallbackExtension}`;
}
