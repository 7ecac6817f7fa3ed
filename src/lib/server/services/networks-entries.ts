import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed } from '../../domain/errors';
import { directoryKinds, parseTopics, type EntryStatus } from '../../domain/networks/entry';
import { slugify } from '../../domain/slug';
import { zodProblems } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/networks';
import { EmailAddress } from './accounts';
import { placeByAgs, placeByName } from './networks-places';

/** One directory entry as typed (form, import row, JSON body), its place resolved, and how a new one enters the directory. */

export const blankToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;
export const optionalText = (max: number) =>
	z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** One entry as typed in a form, an import row or a JSON body. */
export const EntryInput = z.strictObject({
	name: z.string().trim().min(1).max(300),
	kind: z.enum(directoryKinds),
	description: optionalText(5000),
	topics: z.preprocess(
		(value) => (Array.isArray(value) ? value.join(', ') : value),
		z.string().max(2000).optional()
	),
	/** AGS (8 digits: municipality, 5: district) or the name of a municipality or district. */
	place: z.string().trim().min(1).max(200),
	address: optionalText(500),
	website: z.preprocess(
		blankToUndefined,
		z
			.url({ protocol: /^https?$/ })
			.max(2000)
			.optional()
	),
	contactEmail: z.preprocess(blankToUndefined, EmailAddress.optional()),
	contactName: optionalText(200),
	contactNameConsent: z.preprocess(
		(value) => value === true || value === 'on' || value === 'true' || value === '1' || value === 'ja',
		z.boolean()
	),
	contactPhone: optionalText(50),
	founded: z.preprocess(blankToUndefined, z.coerce.number().int().min(1800).max(2100).optional()),
	lastChecked: z.preprocess(blankToUndefined, z.iso.date().optional())
});
export type EntryInput = z.input<typeof EntryInput>;

function findPlace(text: string) {
	return /^\d{5}(\d{3})?$/.test(text) ? placeByAgs(text) : placeByName(text);
}

function resolveFields(input: z.infer<typeof EntryInput>): repo.EntryFields {
	const place = findPlace(input.place);
	if (!place)
		throw validationFailed([problem('/place', 'networks.error.unknownPlace', { place: input.place })]);
	return {
		name: input.name,
		kind: input.kind,
		description: input.description ?? null,
		topics: parseTopics(input.topics ?? ''),
		municipality: place.municipality,
		ags: place.ags,
		district: place.district,
		district_ags: place.districtAgs,
		address: input.address ?? null,
		website: input.website ?? null,
		contact_name: input.contactName ?? null,
		contact_name_consent: input.contactName && input.contactNameConsent ? 1 : 0,
		contact_email: input.contactEmail ?? null,
		contact_phone: input.contactPhone ?? null,
		founded: input.founded ?? null,
		last_checked: input.lastChecked ?? null
	};
}

/**
 * Validates one entry and resolves its place; throws a validation error naming every wrong
 * field (an unknown place too, even when other fields are wrong).
 */
export function parseEntryInput(input: unknown): repo.EntryFields {
	const parsed = EntryInput.safeParse(input, { reportInput: true });
	if (parsed.success) return resolveFields(parsed.data);
	const problems = zodProblems(parsed.error);
	const placeText =
		input && typeof input === 'object' && typeof (input as { place?: unknown }).place === 'string'
			? (input as { place: string }).place.trim()
			: '';
	if (placeText && !findPlace(placeText) && !problems.some((found) => found.path === '/place'))
		problems.push(problem('/place', 'networks.error.unknownPlace', { place: placeText }));
	throw validationFailed(problems);
}

export async function uniqueKey(db: Kysely<Database>, organizationId: string, name: string): Promise<string> {
	const base = (slugify(name) || 'netzwerk').slice(0, 70);
	for (let attempt = 0; ; attempt++) {
		const key = attempt === 0 ? base : `${base}-${attempt + 1}`;
		if (!(await repo.networkKeyTaken(db, organizationId, key))) return key;
	}
}

export function now(): string {
	return new Date().toISOString();
}

/**
 * A new entry of the directory's organization, with a unique network key and its first line of
 * history, in the caller's transaction (an organizer's entry and a public suggestion alike).
 */
export async function insertNewEntry(
	trx: Kysely<Database>,
	fields: repo.EntryFields,
	entry: { status: EntryStatus; suggesterEmail?: string | null },
	change: { userId: string | null; actorLabel: string; action: string; details: unknown }
): Promise<string> {
	const organizationId = await repo.directoryOrganizationId(trx);
	if (!organizationId) throw notFound('networks.suggest.noDirectory');
	const at = now();
	const id = await repo.insertEntry(
		trx,
		{
			...fields,
			organization_id: organizationId,
			network_key: await uniqueKey(trx, organizationId, fields.name),
			status: entry.status,
			suggester_email: entry.suggesterEmail ?? null
		},
		at
	);
	await repo.recordChange(trx, { networkId: id, ...change }, at);
	return id;
}
