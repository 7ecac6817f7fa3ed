import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseMeetingAddress } from '../../lib/domain/meeting-address';
import { systemActor } from '../../lib/domain/policy';
import { translate } from '../../lib/i18n/translate';
import { exportMeeting } from '../../lib/server/services/exchange';
import { CliExit, cliLocale, withDatabase } from '../context';

export function registerExport(program: Command): void {
	program
		.command('export')
		.description('Export a meeting as a netzwerkstatt.meeting/v1 document (pretty JSON).')
		.argument('<address>', 'SERIES/NUMBER, e.g. austausch-kulturbueros-engagement/2')
		.option('--out <file>', 'write to this file instead of standard output')
		.addHelpText('after', '\nExit codes: 0 written, 1 failed (e.g. no such meeting), 2 wrong usage.')
		.action(async (text: string, options: { out?: string }) => {
			const locale = cliLocale();
			const address = parseMeetingAddress(text);
			if (!address) throw new CliExit(translate(locale, 'cli.export.badAddress', { address: text }), 2);
			await withDatabase(async ({ database }) => {
				const document = await exportMeeting(database.db, systemActor, address.seriesId, address.number);
				const json = `${JSON.stringify(document, null, 2)}\n`;
				if (options.out) {
					await writeFile(options.out, json, 'utf8');
					process.stderr.write(`${translate(locale, 'cli.export.written', { file: options.out })}\n`);
				} else {
					process.stdout.write(json);
				}
			});
		});
}
