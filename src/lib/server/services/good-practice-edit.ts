import type { Kysely } from 'kysely';
import { z } from 'zod';
import { forbidden, notFound, problem, unauthenticated, validationFailed } from '../../domain/errors';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/good-practice';
import { fieldsOf, UpdateGoodPractice } from './good-practice-create';
import { checkbox } from './series';

/** A good practice entry after its creation: editing, publishing and deleting, by the organizers of its organization. */

async function requireManagedEntry(db: Kysely<Database>, actor: Actor, id: string) {
	if (actor.kind === 'anonymous') throw unauthenticated();
	const entry = z.uuid().safeParse(id).success ? await repo.findGoodPractice(db, id) : undefined;
	if (!entry) throw notFound('goodPractice.notFound');
	if (!canManageOrganizationContent(actor, entry.organizationId)) {
		// A published entry is known to everyone; a draft of another organization is not.
		throw entry.publishedAt !== null ? forbidden() : notFound('goodPractice.notFound');
	}
	return entry;
}

export interface GoodPracticeForEdit {
	id: string;
	isPublished: boolean;
	/** The form's values, as the create form names them. */
	values: {
		title: string;
		what: string;
		how: string;
		municipality: string;
		contactName: string;
		contactEmail: string;
		contactConsent: boolean;
		topics: string;
	};
}

export async function getGoodPracticeForEdit(
	db: Kysely<Database>,
	actor: Actor,
	id: string
): Promise<GoodPracticeForEdit> {
	const entry = await requireManagedEntry(db, actor, id);
	return {
		id: entry.id,
		isPublished: entry.publishedAt !== null,
		values: {
			title: entry.title,
			what: entry.what,
			how: entry.how,
			municipality: entry.municipality ?? '',
			contactName: entry.contactName ?? '',
			contactEmail: entry.contactEmail ?? '',
			contactConsent: entry.contactConsent,
			topics: entry.topics.join(', ')
		}
	};
}

/** Changes the texts, the municipality, the contact (and its consent) and the topics. */
export async function updateGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: unknown,
	now = new Date()
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	const data = parseOrThrow(UpdateGoodPractice, input);
	await repo.updateGoodPractice(db, entry.id, now.toISOString(), fieldsOf(data, entry.publishedAt));
}

/** Publishes (keeping the first publication's time when already published) or takes back to draft. */
export async function setGoodPracticePublished(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	isPublished: boolean,
	now = new Date()
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	const publishedAt = isPublished ? (entry.publishedAt ?? now.toISOString()) : null;
	await repo.setGoodPracticePublishedAt(db, entry.id, publishedAt, now.toISOString());
}

export const DeleteGoodPractice = z.strictObject({ confirm: checkbox.default(false) });

/** Deletes the entry with its links, in one transaction, once the organizer confirmed it. */
export async function deleteGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: unknown
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	if (!parseOrThrow(DeleteGoodPractice, input).confirm)
		throw validationFailed([problem('/confirm', 'goodPractice.edit.deleteNotConfirmed')]);
	await db.transaction().execute((trx) => repo.deleteGoodPractice(trx, entry.id));
}
