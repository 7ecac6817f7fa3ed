import type { Command } from 'commander';
import { withDatabase } from '../context';

export function registerMigrate(program: Command): void {
	program
		.command('migrate')
		.description('Create or update the database schema (the server also does this on start).')
		.action(async () => {
			// withDatabase migrates before it hands over; report what is there now.
			await withDatabase(async ({ database }) => {
				process.stdout.write(`Database ${database.description} is up to date.\n`);
			});
		});
}
