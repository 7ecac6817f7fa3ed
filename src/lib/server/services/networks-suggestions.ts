import type { Kysely } from 'kysely';
import { z } from 'zod';
import { rateLimited } from '../../domain/errors';
import { isSignedIn, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { RateLimiter } from '../rate-limit';
import { EmailAddress } from './accounts';
import { blankToUndefined, EntryInput, insertNewEntry, parseEntryInput } from './networks-entries';

/** Suggestions for the network directory from anyone: the honeypot, the rate limit per address, stored for review. */

export const SuggestionInput = EntryInput.omit({ lastChecked: true }).extend({
	/** Only for questions back; never shown. */
	suggesterEmail: z.preprocess(blankToUndefined, EmailAddress.optional()),
	/** The honeypot: people leave it empty. */
	companyFax: z.string().max(2000).optional()
});
export type SuggestionInput = z.input<typeof SuggestionInput>;

/** Generous: many offices share one address behind their administration's proxy. */
export const SUGGESTION_LIMIT = 10;
const SUGGESTION_WINDOW_MS = 60 * 60 * 1000;
const suggestionLimiter = new RateLimiter(SUGGESTION_LIMIT, SUGGESTION_WINDOW_MS);

/**
 * A suggestion from anyone (no account needed): stored as `suggested` for the organizers to
 * review. A filled honeypot answers like success and stores nothing; at most ten suggestions
 * per client address and hour.
 */
export async function suggestEntry(
	db: Kysely<Database>,
	actor: Actor,
	input: SuggestionInput,
	options: { clientAddress?: string } = {}
): Promise<{ stored: boolean }> {
	if (typeof input.companyFax === 'string' && input.companyFax.trim()) return { stored: false };
	if (options.clientAddress) {
		const key = `network-suggestion:${options.clientAddress}`;
		if (!suggestionLimiter.hit(key))
			throw rateLimited('networks.suggest.tooMany', {
				minutes: Math.ceil(suggestionLimiter.retryAfterSeconds(key) / 60)
			});
	}
	const parsed = parseOrThrow(SuggestionInput.pick({ suggesterEmail: true, companyFax: true }), {
		suggesterEmail: input.suggesterEmail,
		companyFax: input.companyFax
	});
	const { suggesterEmail: _email, companyFax: _fax, ...entryInput } = input;
	const fields = parseEntryInput({ ...entryInput, lastChecked: undefined });
	await db.transaction().execute((trx) =>
		insertNewEntry(
			trx,
			fields,
			{ status: 'suggested', suggesterEmail: parsed.suggesterEmail ?? null },
			{
				userId: isSignedIn(actor) ? actor.userId : null,
				actorLabel: 'public',
				action: 'suggested',
				details: {}
			}
		)
	);
	return { stored: true };
}
