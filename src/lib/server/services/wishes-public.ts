import { z } from 'zod';
import { notFound, rateLimited } from '../../domain/errors';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import type { Locale } from '../../i18n/translate';
import { RateLimiter } from '../rate-limit';
import type { SeriesRecord } from '../repositories/series';

/** What every public write on topic wishes passes: the rate limit per client address, the honeypot, a series open for wishes. */

/** The field `website`: people leave it empty; a filled one answers like success and stores nothing. */
export const honeypot = z.string().max(2000).optional();

const PUBLIC_LIMIT = 20;
const publicLimiter = new RateLimiter(PUBLIC_LIMIT, 10 * 60 * 1000);

export function checkRateLimit(clientAddress: string | undefined): void {
	if (!clientAddress) return;
	const key = `wishes:${clientAddress}`;
	if (!publicLimiter.hit(key)) {
		throw rateLimited('wishes.tooManyAttempts', {
			minutes: Math.ceil(publicLimiter.retryAfterSeconds(key) / 60)
		});
	}
}

export interface PublicWriteOptions {
	locale: Locale;
	publicOrigin: string;
	clientAddress?: string;
	now?: Date;
}

/** Public writes need a published series; its organizers may also write to a draft. */
export function requireOpenForWishes(series: SeriesRecord, actor: Actor): void {
	if (series.publishedAt === null && !canManageOrganizationContent(actor, series.organizationId))
		throw notFound('series.notFound');
}
