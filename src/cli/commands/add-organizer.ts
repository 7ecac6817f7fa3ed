import type { Command } from 'commander';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { addOrganizer } from '../../lib/server/services/organizations';
import { cliLocale, readFirstLine, withDatabase } from '../context';

/**
 * `netzwerkstatt add-organizer SLUG EMAIL [--name NAME]`. A new account's password comes from
 * stdin when something is piped in (never from an argument, which the process list shows); at a
 * terminal, or with empty input, a strong one is generated and printed once.
 */
export function registerAddOrganizer(program: Command): void {
	const locale = cliLocale();
	program
		.command('add-organizer')
		.description(translate(locale, 'cli.addOrganizer.description'))
		.argument('<slug>', translate(locale, 'cli.addOrganizer.slugArgument'))
		.argument('<email>', translate(locale, 'cli.addOrganizer.emailArgument'))
		.option('--name <name>', translate(locale, 'cli.addOrganizer.nameOption'))
		.addHelpText('after', `\n${translate(locale, 'cli.exitCodes')}`)
		.action(async (slug: string, email: string, options: { name?: string }) => {
			const piped = process.stdin.isTTY ? undefined : await readFirstLine(process.stdin);
			await withDatabase(async ({ database, locale }) => {
				const added = await addOrganizer(database.db, systemActor, {
					slug,
					email,
					displayName: options.name,
					password: piped
				});
				const params = { email: added.email, organization: added.organization.name };
				if (added.isAccountCreated)
					process.stdout.write(`${translate(locale, 'cli.addOrganizer.accountCreated', params)}\n`);
				const key = added.wasOrganizer ? 'cli.addOrganizer.already' : 'cli.addOrganizer.added';
				process.stdout.write(`${translate(locale, key, params)}\n`);
				if (added.generatedPassword)
					process.stdout.write(
						`${translate(locale, 'admin.cli.generatedPassword', { password: added.generatedPassword })}\n`
					);
			});
		});
}
