import { crc32, inflateRawSync } from 'node:zlib';
import { problem, validationFailed, type AppError } from '../../domain/errors';

/**
 * A guarded reader of uploaded ZIP files. It reads the central directory only, checks it against
 * limits before anything is inflated (number of entries, each entry's and the total declared
 * size), refuses entries that overlap or repeat a name (a file that reads differently in
 * different tools), and inflates only the entries asked for, never past their declared size.
 * So a small ZIP that declares or inflates to huge sizes costs no memory.
 */

export interface ZipLimits {
	maxEntries: number;
	/** Largest declared uncompressed size of one entry. */
	maxEntryBytes: number;
	/** Largest sum of all entries' declared uncompressed sizes. */
	maxTotalBytes: number;
}

export interface ZipEntry {
	name: string;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
	dataStart: number;
	dataEnd: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const megabytes = (bytes: number) => Math.max(1, Math.round(bytes / 1024 / 1024));

function unreadable(detail: string): AppError {
	return validationFailed([problem('', 'exchange.bundleUnreadable', { detail })]);
}

/** Lists a ZIP's entries (directories left out) after checking its structure and limits. */
export function listZipEntries(zip: Uint8Array, limits: ZipLimits): Map<string, ZipEntry> {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const u16 = (at: number) => view.getUint16(at, true);
	const u32 = (at: number) => view.getUint32(at, true);

	// The end record sits at the very end, after an optional comment of up to 65,535 bytes.
	let end = -1;
	for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
		if (u32(at) === END_OF_CENTRAL_DIRECTORY && at + 22 + u16(at + 20) === zip.length) {
			end = at;
			break;
		}
	}
	if (end < 0) throw unreadable('no end of central directory');
	const entryCount = u16(end + 10);
	const directorySize = u32(end + 12);
	const directoryOffset = u32(end + 16);
	if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== entryCount)
		throw unreadable('multi-part archives are not supported');
	if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff)
		throw unreadable('ZIP64 archives are not supported');
	if (entryCount > limits.maxEntries)
		throw validationFailed([problem('', 'exchange.bundleTooManyFiles', { maximum: limits.maxEntries })]);
	if (directoryOffset + directorySize > end) throw unreadable('central directory out of bounds');

	const entries = new Map<string, ZipEntry>();
	const all: ZipEntry[] = [];
	let totalBytes = 0;
	let at = directoryOffset;
	const decoder = new TextDecoder('utf-8');
	for (let index = 0; index < entryCount; index++) {
		if (at + 46 > end || u32(at) !== CENTRAL_HEADER) throw unreadable('broken central directory');
		const flags = u16(at + 8);
		const nameLength = u16(at + 28);
		const headerLength = 46 + nameLength + u16(at + 30) + u16(at + 32);
		if (at + headerLength > end) throw unreadable('broken central directory');
		const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
		const compressedSize = u32(at + 20);
		const size = u32(at + 24);
		const localOffset = u32(at + 42);
		if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
			throw unreadable('ZIP64 archives are not supported');
		if (flags & 0x1) throw unreadable(`encrypted entry ${name}`);
		if (size > limits.maxEntryBytes)
			throw validationFailed([
				problem('', 'exchange.bundleEntryTooLarge', {
					file: name,
					megabytes: megabytes(limits.maxEntryBytes)
				})
			]);
		totalBytes += size;
		if (totalBytes > limits.maxTotalBytes)
			throw validationFailed([
				problem('', 'exchange.bundleTooLarge', { megabytes: megabytes(limits.maxTotalBytes) })
			]);
		if (entries.has(name))
			throw validationFailed([problem('', 'exchange.bundleDuplicateName', { file: name })]);

		// The local header repeats the name; the data follows it and must end before the directory.
		if (localOffset + 30 > directoryOffset || u32(localOffset) !== LOCAL_HEADER)
			throw unreadable(`broken local header of ${name}`);
		const localNameLength = u16(localOffset + 26);
		const dataStart = localOffset + 30 + localNameLength + u16(localOffset + 28);
		const dataEnd = dataStart + compressedSize;
		if (dataEnd > directoryOffset) throw unreadable(`entry ${name} out of bounds`);
		if (decoder.decode(zip.subarray(localOffset + 30, localOffset + 30 + localNameLength)) !== name)
			throw unreadable(`the local header of ${name} names another file`);

		const entry: ZipEntry = {
			name,
			method: u16(at + 10),
			crc: u32(at + 16),
			compressedSize,
			size,
			localOffset,
			dataStart,
			dataEnd
		};
		all.push(entry);
		if (!name.endsWith('/')) entries.set(name, entry);
		at += headerLength;
	}

	// Each entry owns its bytes: two entries sharing a range (a classic ZIP bomb) are refused.
	all.sort((a, b) => a.localOffset - b.localOffset);
	for (let index = 1; index < all.length; index++) {
		if (all[index]!.localOffset < all[index - 1]!.dataEnd)
			throw validationFailed([problem('', 'exchange.bundleOverlappingEntries', { file: all[index]!.name })]);
	}
	return entries;
}

/** Inflates one entry, never past its declared size, and checks its length and checksum. */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry): Uint8Array {
	const data = zip.subarray(entry.dataStart, entry.dataEnd);
	let bytes: Uint8Array;
	if (entry.method === STORED) {
		bytes = data;
	} else if (entry.method === DEFLATED) {
		try {
			bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
		} catch (error) {
			if (error instanceof RangeError)
				throw validationFailed([problem('', 'exchange.bundleEntrySizeMismatch', { file: entry.name })]);
			throw unreadable(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
		}
	} else {
		throw unreadable(`${entry.name}: unsupported compression method ${entry.method}`);
	}
	if (bytes.length !== entry.size)
		throw validationFailed([problem('', 'exchange.bundleEntrySizeMismatch', { file: entry.name })]);
	if (crc32(bytes) >>> 0 !== entry.crc) throw unreadable(`${entry.name}: checksum mismatch`);
	return bytes;
}
