/**
 * The network directory's rules, without I/O: kinds and statuses, the text the search indexes,
 * which contact details the public sees (consent), topics and website checks, and the shading
 * classes of the map.
 */
import { isAdmin, managedOrganizationIds, type Actor } from '../policy';
import { normalizeForSearch } from '../search/german';

/** The exchange format's kinds plus the two the directory adds (Ehrenamtsbörse, Kulturrat). */
export const directoryKinds = [
	'volunteer-agency',
	'culture-network',
	'engagement-network',
	'volunteer-exchange',
	'culture-council',
	'administration-network',
	'association',
	'other'
] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

export const entryStatuses = ['suggested', 'published', 'rejected'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

export const directorySorts = ['relevance', 'name', 'newest', 'founded'] as const;
export type DirectorySort = (typeof directorySorts)[number];

export const PAGE_SIZE = 20;

export function isDirectoryKind(value: string): value is DirectoryKind {
	return (directoryKinds as readonly string[]).includes(value);
}

/** Topics as typed ("Ehrenamt, Kultur; Jugend"): trimmed, without repeats (ignoring case), at most 20. */
export function parseTopics(text: string): string[] {
	const seen = new Set<string>();
	const topics: string[] = [];
	for (const raw of text.split(/[,;\n]/)) {
		const topic = raw.trim().replace(/\s+/g, ' ').slice(0, 60);
		const key = topic.toLocaleLowerCase('de');
		if (topic && !seen.has(key)) {
			seen.add(key);
			topics.push(topic);
		}
	}
	return topics.slice(0, 20);
}

/** Only http and https addresses are links; anything else (javascript:, data:, ftp:) is refused. */
export function isWebAddress(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
	} catch {
		return false;
	}
}

export interface SearchableEntry {
	name: string;
	kindLabel: string;
	description: string | null;
	topics: readonly string[];
	municipality: string | null;
	district: string | null;
}

/**
 * The text the full-text search indexes for an entry. The name comes twice, so that a match in
 * the name ranks above a match in the description alone.
 */
export function searchableText(entry: SearchableEntry): string {
	return normalizeForSearch(
		[
			entry.name,
			entry.name,
			entry.kindLabel,
			entry.topics.join(' '),
			entry.municipality ?? '',
			entry.district ?? '',
			entry.description ?? ''
		].join(' ')
	);
}

export interface ContactFields {
	contact_name: string | null;
	contact_name_consent: number;
	contact_email: string | null;
	contact_phone: string | null;
}

export interface PublicContact {
	/** Present only when the person agreed to be named. */
	name?: string;
	email?: string;
	phone?: string;
}

/** What anyone may see of an entry's contact: a person's name only with their consent. */
export function publicContact(entry: ContactFields): PublicContact | undefined {
	const contact: PublicContact = {};
	if (entry.contact_name && entry.contact_name_consent === 1) contact.name = entry.contact_name;
	if (entry.contact_email) contact.email = entry.contact_email;
	if (entry.contact_phone) contact.phone = entry.contact_phone;
	return Object.keys(contact).length ? contact : undefined;
}

/** One class of the map's shading: entries from `from` to `to` (inclusive). */
export interface ShadeClass {
	from: number;
	to: number;
	/** 0 (no entry) to 4 (most). */
	level: number;
}

/**
 * Up to five classes for counts from 0 to `max`: "none" and four equal steps (fewer when `max`
 * is small, so that no class is empty by construction).
 */
export function shadeClasses(max: number): ShadeClass[] {
	const classes: ShadeClass[] = [{ from: 0, to: 0, level: 0 }];
	if (max <= 0) return classes;
	const steps = Math.min(4, max);
	let from = 1;
	for (let level = 1; level <= steps; level++) {
		const to = level === steps ? max : Math.max(from, Math.round((max * level) / steps));
		classes.push({ from, to, level });
		from = to + 1;
	}
	return classes.filter((shade) => shade.from <= shade.to);
}

export function shadeLevel(count: number, classes: readonly ShadeClass[]): number {
	return classes.find((shade) => count >= shade.from && count <= shade.to)?.level ?? 0;
}

/**
 * Who manages the directory: admins and every organizer of some organization (the directory is
 * one for the whole installation, shared by all series).
 */
export function canManageDirectory(actor: Actor): boolean {
	return isAdmin(actor) || managedOrganizationIds(actor).length > 0;
}

/**
 * The licence of the directory's open data (page, API, exports). One setting for the whole
 * installation; change it here.
 */
export const DIRECTORY_LICENCE = {
	name: 'CC BY 4.0',
	url: 'https://creativecommons.org/licenses/by/4.0/deed.de'
} as const;

/** The query string of a directory query (empty values left out), for links that keep the filters. */
export function directoryQueryString(query: Record<string, string | number | undefined>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query))
		if (value !== undefined && value !== '') params.set(key, String(value));
	const text = params.toString();
	return text ? `?${text}` : '';
}
