import { createInterface } from 'node:readline';
import { loadConfig } from '../lib/server/config';
import { openDatabase, type DatabaseHandle } from '../lib/server/db/connect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { isAppError } from '../lib/domain/errors';
import { translateMessage, type Locale } from '../lib/i18n/translate';

/** What every command gets: the database (migrated) and the language for messages. */
export interface CliContext {
	database: DatabaseHandle;
	locale: Locale;
}

/** The CLI speaks German when the environment asks for it (NETZWERKSTATT_LANG or LANG), else English. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
	const wanted = env.NETZWERKSTATT_LANG ?? env.LC_ALL ?? env.LANG ?? '';
	return wanted.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Opens the database named by DATABASE_URL (as the server does), migrates it, runs the work, closes it. */
export async function withDatabase<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
	const config = loadConfig();
	const database = await openDatabase(config.databaseUrl);
	try {
		await migrateToLatest(database.db);
		return await work({ database, locale: cliLocale() });
	} finally {
		await database.close();
	}
}

/** A CLI error: a translated summary with one line per problem (path: message). */
export function describeError(error: unknown, locale: Locale): string {
	if (isAppError(error)) {
		// "This page does not exist" speaks of pages; the command line speaks of meetings.
		const summary = error.kind === 'not-found' ? { key: 'cli.notFound' as const } : error.summary;
		const lines = [translateMessage(locale, summary)];
		for (const problem of error.problems) {
			lines.push(`  ${problem.path || '/'}: ${translateMessage(locale, problem.message)}`);
		}
		return lines.join('\n');
	}
	return error instanceof Error ? error.message : String(error);
}

/** Thrown by a command to end with a message and an exit code without a stack trace. */
export class CliExit extends Error {
	constructor(
		message: string,
		readonly exitCode: number
	) {
		super(message);
	}
}

/** The first line of a stream, without its line ending; undefined when the stream is empty. */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | undefined> {
	const lines = createInterface({ input: stream, crlfDelay: Infinity });
	try {
		for await (const line of lines) return line;
		return undefined;
	} finally {
		lines.close();
	}
}
