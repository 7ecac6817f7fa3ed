import { Command, CommanderError } from 'commander';
import { registerAddOrganizer } from './commands/add-organizer';
import { registerCreateAdmin } from './commands/create-admin';
import { registerCreateOrganization } from './commands/create-organization';
import { registerDoc } from './commands/doc';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerMigrate } from './commands/migrate';
import { CliExit, cliLocale, describeError } from './context';

/**
 * `netzwerkstatt <command>`: returns the exit code (0 success, 1 failure, 2 wrong usage).
 * Every command reads DATABASE_URL like the server.
 */
export async function run(argv: string[]): Promise<number> {
	const program = new Command()
		.name('netzwerkstatt')
		.description(
			'Netzwerkstatt command line: database, accounts and organizations, import and export of meetings, documentation.'
		)
		.showHelpAfterError()
		.exitOverride();
	registerMigrate(program);
	registerCreateAdmin(program);
	registerCreateOrganization(program);
	registerAddOrganizer(program);
	registerImport(program);
	registerExport(program);
	registerDoc(program);
	try {
		await program.parseAsync(argv, { from: 'user' });
		return 0;
	} catch (error) {
		if (error instanceof CommanderError) {
			// Help and version end "successfully"; a wrong argument is a usage error.
			return error.exitCode === 0 ? 0 : 2;
		}
		if (error instanceof CliExit) {
			process.stderr.write(`${error.message}\n`);
			return error.exitCode;
		}
		process.stderr.write(`${describeError(error, cliLocale())}\n`);
		return 1;
	}
}
