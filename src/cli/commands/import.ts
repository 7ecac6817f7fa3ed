import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { importMeeting, parseDocumentText } from '../../lib/server/services/exchange';
import { CliExit, cliLocale, withDatabase } from '../context';

export function registerImport(program: Command): void {
	program
		.command('import')
		.description('Import a meeting document (netzwerkstatt.meeting/v1) into the series with its id.')
		.argument('<file>', 'the JSON document')
		.option('--replace', 'replace the meeting if its number exists already (all of its rows)')
		.option('--publish', 'publish the meeting and its series')
		.option(
			'--organization <slug>',
			'the organization a new series belongs to (required when the series is new)'
		)
		.addHelpText(
			'after',
			'\nExit codes: 0 imported, 1 refused (each problem on its own line, with its JSON pointer), 2 wrong usage.'
		)
		.action(
			async (file: string, options: { replace?: boolean; publish?: boolean; organization?: string }) => {
				const locale = cliLocale();
				let text: string;
				try {
					text = await readFile(file, 'utf8');
				} catch (error) {
					const detail = error instanceof Error ? error.message : String(error);
					throw new CliExit(translate(locale, 'cli.import.unreadableFile', { file, detail }), 1);
				}
				// Parse before opening the database: a broken file needs no database to be refused.
				const document = parseDocumentText(text);
				await withDatabase(async ({ database }) => {
					// The command line runs on the server, as its operator: full rights.
					const result = await importMeeting(database.db, systemActor, document, {
						replace: options.replace === true,
						publish: options.publish === true,
						organization: options.organization
					});
					const key = result.isReplaced ? 'cli.import.doneReplaced' : 'cli.import.done';
					process.stdout.write(`${translate(locale, key, { address: result.address })}\n`);
					if (options.publish)
						process.stdout.write(
							`${translate(locale, 'cli.import.published', { address: result.address })}\n`
						);
				});
			}
		);
}
