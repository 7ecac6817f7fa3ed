import type { Command } from 'commander';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { createOrganization } from '../../lib/server/services/organizations';
import { cliLocale, withDatabase } from '../context';

/** `netzwerkstatt create-organization SLUG --name NAME`: an operator's first step on an empty database. */
export function registerCreateOrganization(program: Command): void {
	const locale = cliLocale();
	program
		.command('create-organization')
		.description(translate(locale, 'cli.createOrganization.description'))
		.argument('<slug>', translate(locale, 'cli.createOrganization.slugArgument'))
		.requiredOption('--name <name>', translate(locale, 'cli.createOrganization.nameOption'))
		.addHelpText('after', `\n${translate(locale, 'cli.exitCodes')}`)
		.action(async (slug: string, options: { name: string }) => {
			await withDatabase(async ({ database, locale }) => {
				// The service validates the slug and name and refuses a taken slug before writing.
				await createOrganization(database.db, systemActor, { slug, name: options.name });
				process.stdout.write(
					`${translate(locale, 'cli.createOrganization.created', { name: options.name.trim(), slug })}\n`
				);
			});
		});
}
