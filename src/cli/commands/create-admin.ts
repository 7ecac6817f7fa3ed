import type { Command } from 'commander';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { createAdmin, generatePassword } from '../../lib/server/services/accounts';
import { cliLocale, readFirstLine, withDatabase } from '../context';

/**
 * `netzwerkstatt create-admin EMAIL [--name NAME]`. The password comes from stdin when something
 * is piped in (so that it never shows in the shell history or the process list); at a terminal,
 * or with empty input, a strong one is generated and printed once.
 */
export function registerCreateAdmin(program: Command): void {
	const locale = cliLocale();
	program
		.command('create-admin')
		.description(translate(locale, 'admin.cli.description'))
		.argument('<email>', translate(locale, 'admin.cli.emailArgument'))
		.option('--name <name>', translate(locale, 'admin.cli.nameOption'))
		.action(async (email: string, options: { name?: string }) => {
			const piped = process.stdin.isTTY ? undefined : await readFirstLine(process.stdin);
			const password = piped ?? generatePassword();
			await withDatabase(async ({ database, locale }) => {
				// The service validates everything (email, length of a piped password, uniqueness)
				// before writing, so a refusal leaves the database as it was.
				const created = await createAdmin(database.db, systemActor, {
					email,
					displayName: options.name,
					password
				});
				process.stdout.write(`${translate(locale, 'admin.cli.created', { email: created.email })}\n`);
				if (piped === undefined) {
					process.stdout.write(`${translate(locale, 'admin.cli.generatedPassword', { password })}\n`);
				}
			});
		});
}
