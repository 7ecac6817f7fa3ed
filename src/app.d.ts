import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from '$lib/domain/policy';
import type { Locale } from '$lib/i18n/translate';
import type { Database } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			log: Logger;
			db: Kysely<Database>;
			actor: Actor;
			locale: Locale;
			/** How the actor was recognized: the session cookie, an API token, or not at all. */
			authenticatedBy: 'session' | 'token' | 'none';
		}
		interface Error {
			message: string;
			requestId?: string;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
