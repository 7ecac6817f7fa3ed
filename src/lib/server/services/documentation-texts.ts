import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repository from '../repositories/documentation';
import { requireMeeting } from './meeting-access';

/**
 * The documentation's free texts (topic summary, outlook, findings, the breakout syntheses): what
 * organizers write before they generate and publish a version.
 */

const paragraphsFromText = z
	.string()
	.max(100_000)
	.transform((text) =>
		text
			.split(/\n\s*\n/)
			.map((paragraph) => paragraph.trim())
			.filter((paragraph) => paragraph !== '')
	);

/** The free texts an organizer edits before publishing; paragraphs are separated by blank lines. */
export const UpdateDocumentationTexts = z.object({
	topicSummary: paragraphsFromText,
	outlook: paragraphsFromText,
	findings: paragraphsFromText,
	syntheses: z.array(z.object({ roundId: z.uuid(), text: paragraphsFromText })).max(100)
});

export async function getDocumentationTexts(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<repository.FreeTexts> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	return repository.readFreeTexts(db, handle.meetingId);
}

export async function updateDocumentationTexts(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	now = new Date()
): Promise<void> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	const texts = parseOrThrow(UpdateDocumentationTexts, input);
	await db.transaction().execute((trx) =>
		repository.updateFreeTexts(
			trx,
			handle.meetingId,
			{
				topicSummary: texts.topicSummary,
				outlook: texts.outlook,
				findings: texts.findings,
				syntheses: texts.syntheses.map((entry) => ({ roundId: entry.roundId, synthesis: entry.text }))
			},
			now.toISOString()
		)
	);
}
