import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { parseMeetingAddress } from '../../lib/domain/meeting-address';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { loadConfig } from '../../lib/server/config';
import { documentationFormats, renderDocumentation } from '../../lib/server/services/documentation';
import { CliExit, cliLocale, withDatabase } from '../context';

export function registerDoc(program: Command): void {
	program
		.command('doc')
		.description('Generate the documentation of a meeting from its current data.')
		.argument('<address>', 'SERIES/NUMBER, e.g. austausch-kulturbueros-engagement/2')
		.addOption(
			new Option('--format <format>', 'output format')
				.choices([...documentationFormats])
				.makeOptionMandatory()
		)
		.requiredOption('--out <file>', 'the file to write')
		.addOption(
			new Option('--lang <lang>', "the documentation's language (default: the series' language)").choices([
				'de',
				'en'
			])
		)
		.addHelpText('after', '\nExit codes: 0 written, 1 failed (e.g. no such meeting), 2 wrong usage.')
		.action(async (text: string, options: { format: string; out: string; lang?: string }) => {
			const locale = cliLocale();
			const address = parseMeetingAddress(text);
			if (!address) throw new CliExit(translate(locale, 'cli.export.badAddress', { address: text }), 2);
			await withDatabase(async ({ database }) => {
				const rendered = await renderDocumentation(
					database.db,
					systemActor,
					address,
					{ format: options.format, lang: options.lang },
					{ dataDir: loadConfig().dataDir }
				);
				await writeFile(options.out, rendered.bytes);
				process.stderr.write(`${translate(locale, 'documentation.cli.written', { file: options.out })}\n`);
			});
		});
}
