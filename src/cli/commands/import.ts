import type { Command } from 'commander';
import { CliExit } from '../context';

export function registerImport(program: Command): void {
	program
		.command('import')
		.description('(being built)')
		.action(() => {
			throw new CliExit('import is being built', 1);
		});
}
