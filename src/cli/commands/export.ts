import type { Command } from 'commander';
import { CliExit } from '../context';

export function registerExport(program: Command): void {
	program
		.command('export')
		.description('(being built)')
		.action(() => {
			throw new CliExit('export is being built', 1);
		});
}
