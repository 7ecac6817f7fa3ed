import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { loadConfig } from '../../lib/server/config';
import { importBundle, isZip } from '../../lib/server/services/bundle-import';
import { importMeeting, parseDocumentText } from '../../lib/server/services/exchange';
import { CliExit, cliLocale, withDatabase } from '../context';

export function registerImport(program: Command): void {
	program
		.command('import')
		.description(
			'Import a meeting document (netzwerkstatt.meeting/v1, JSON) or a ZIP bundle (meeting.json with its attachment files) into the series with its id.'
		)
		.argument('<file>', 'the JSON document or the ZIP bundle')
		.option('--replace', 'replace the meeting if its number exists already (all of its rows)')
		.option('--publish', 'publish the meeting and its series')
		.option(
			'--organization <slug>',
			"the organization (slug) a new series belongs to; without it, the organization named in the document's series.organizer (created when missing)"
		)
		.addHelpText(
			'after',
			'\nExit codes: 0 imported, 1 refused (each problem on its own line, with its JSON pointer), 2 wrong usage.'
		)
		.action(
			async (file: string, options: { replace?: boolean; publish?: boolean; organization?: string }) => {
				const locale = cliLocale();
				let bytes: Buffer;
				try {
					bytes = await readFile(file);
				} catch (error) {
					const detail = error instanceof Error ? error.message : String(error);
					throw new CliExit(translate(locale, 'cli.import.unreadableFile', { file, detail }), 1);
				}
				const importOptions = {
					replace: options.replace === true,
					publish: options.publish === true,
					organization: options.organization
				};
				// Parse a JSON document before opening the database: a broken file needs no database to be refused.
				const isBundle = isZip(bytes);
				const document = isBundle ? undefined : parseDocumentText(bytes.toString('utf8'));
				await withDatabase(async ({ database }) => {
					// The command line runs on the server, as its operator: full rights.
					const config = loadConfig();
					const result = isBundle
						? await importBundle(database.db, systemActor, bytes, importOptions, {
								dataDir: config.dataDir,
								limitBytes: config.uploadLimitBytes
							})
						: {
								...(await importMeeting(database.db, systemActor, document, importOptions)),
								files: 0,
								missingFiles: []
							};
					if (result.createdOrganization)
						process.stdout.write(
							`${translate(locale, 'cli.import.organizationCreated', result.createdOrganization)}\n`
						);
					const key = result.isReplaced ? 'cli.import.doneReplaced' : 'cli.import.done';
					process.stdout.write(`${translate(locale, key, { address: result.address })}\n`);
					for (const missing of result.missingFiles)
						process.stderr.write(`${translate(locale, 'exchange.bundleFileMissing', { file: missing })}\n`);
					if (result.seriesDifferences.length)
						process.stdout.write(
							`${translate(locale, 'cli.import.seriesKept', {
								series: result.seriesId,
								fields: result.seriesDifferences.join(', ')
							})}\n`
						);
					if (isBundle)
						process.stdout.write(
							`${translate(locale, 'exchange.bundleImported', { files: result.files })}\n`
						);
					if (options.publish)
						process.stdout.write(
							`${translate(locale, 'cli.import.published', { address: result.address })}\n`
						);
				});
			}
		);
}
