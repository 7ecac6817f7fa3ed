import { mkdirSync } from 'node:fs';
import { loadConfig, type AppConfig } from './config';
import { openDatabase, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { logger } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
import { startJobs } from './jobs/scheduler';
import { loadDemoDataIfEmpty } from './services/demo-data';
import { countAdmins } from './repositories/accounts';

export interface AppContext {
	config: AppConfig;
	database: DatabaseHandle;
	mailer: Mailer;
}

let starting: Promise<AppContext> | undefined;

/**
 * Opens the database once per process: creates the data folder, migrates, loads the demo data
 * into an empty database when enabled, and tells on the first start how to create an admin.
 */
export function getAppContext(): Promise<AppContext> {
	starting ??= startApp();
	return starting;
}

async function startApp(): Promise<AppContext> {
	const config = loadConfig();
	mkdirSync(config.dataDir, { recursive: true });
	const database = await openDatabase(config.databaseUrl);
	const applied = await migrateToLatest(database.db);
	logger.info({ database: database.description, migrationsApplied: applied }, 'database ready');
	if (config.isDemoDataEnabled) {
		const loaded = await loadDemoDataIfEmpty(database.db);
		if (loaded) logger.info({ loaded }, 'demo data loaded into the empty database');
	}
	if ((await countAdmins(database.db)) === 0) {
		logger.warn(
			'No admin account yet. Create one with: npx netzwerkstatt create-admin you@example.org (the password is read from stdin, or generated and printed once)'
		);
	}
	const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
	if (!config.smtpUrl)
		logger.info({ outbox: `${config.dataDir}/outbox` }, 'no SMTP_URL: mails are written to the outbox');
	startJobs({ config, database, mailer }); // reminders every minute; off in tests and with JOBS=off
	return { config, database, mailer };
}

export async function stopApp(): Promise<void> {
	if (!starting) return;
	const context = await starting;
	starting = undefined;
	await context.database.close();
}
