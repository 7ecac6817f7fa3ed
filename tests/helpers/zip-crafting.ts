import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Writes ZIP files byte by byte, including ones no honest tool makes: declared sizes that lie,
 * entries sharing bytes, repeated names. For the tests of the guarded ZIP reader only.
 */
export interface CraftedEntry {
	name: string;
	/** The bytes as stored in the archive (already deflated when `method` is 8). */
	stored: Uint8Array;
	method?: 0 | 8;
	/** The declared uncompressed size (default: the real one for stored data). */
	size?: number;
	crc?: number;
	/** The declared compressed size (default: the stored bytes' length). */
	compressedSize?: number;
}

/** A deflated entry with honest sizes and checksum. */
export function deflatedEntry(name: string, content: Uint8Array | string): CraftedEntry {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return { name, stored: deflateRawSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes) >>> 0 };
}

export function craftZip(entries: CraftedEntry[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const size = entry.size ?? entry.stored.length;
		const crc = entry.crc ?? crc32(entry.stored) >>> 0;
		const compressedSize = entry.compressedSize ?? entry.stored.length;
		const method = entry.method ?? 0;
		const local = Buffer.alloc(30 + name.length);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(compressedSize, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		name.copy(local, 30);
		const central = Buffer.alloc(46 + name.length);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x800, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(compressedSize, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		name.copy(central, 46);
		locals.push(local, Buffer.from(entry.stored));
		centrals.push(central);
		offset += local.length + entry.stored.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
