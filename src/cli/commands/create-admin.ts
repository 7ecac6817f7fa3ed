import type { Command } from 'commander';
import { CliExit } from '../context';

export function registerCreateAdmin(program: Command): void {
	program
		.command('create-admin')
		.description('(being built)')
		.action(() => {
			throw new CliExit('create-admin is being built', 1);
		});
}
