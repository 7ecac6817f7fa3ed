import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { factories } from '../helpers/factories';
import { buildAndCopy, projectRoot } from '../../scripts/build-if-stale.js';

declare module 'vitest' {
	export interface ProvidedContext {
		e2e: {
			/** Empty when no Chromium was found (the tier is skipped loudly). */
			chromiumPath: string;
			/** The run's one Chromium, which every test file connects to (playwright-core's browser server). */
			browserEndpoint: string;
			baseUrl: string;
			dataDir: string;
			/** This run's own copy of the build (see scripts/build-if-stale.js). */
			buildDir: string;
			/** Mails the app sent over SMTP to the test's SMTP server, one .eml file each. */
			mailDir: string;
			admin: { email: string; password: string };
			organizer: { email: string; password: string; organizationId: string };
		};
	}
}

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

function findChromium(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path): path is string => !!path && existsSync(path)) ?? '';
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`The app exited early with code ${server.exitCode}`);
		try {
			const response = await fetch(`${baseUrl}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error('The app did not become healthy within 60 s');
}

/**
 * Builds the app when stale, starts it on a free port with a fresh SQLite database and the demo
 * data, and creates an admin and an organizer for the tests to sign in with.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const chromiumPath = findChromium();
	const empty = {
		chromiumPath: '',
		browserEndpoint: '',
		baseUrl: '',
		dataDir: '',
		buildDir: '',
		mailDir: '',
		admin: { email: '', password: '' },
		organizer: { email: '', password: '', organizationId: '' }
	};
	if (!chromiumPath) {
		const message =
			'No Chromium found (CHROMIUM_PATH or /usr/bin/chromium): the end-to-end tests are SKIPPED. Install it with: apt-get install -y chromium';
		if (process.env.E2E_REQUIRED === '1') throw new Error(`${message} (E2E_REQUIRED=1 makes this a failure)`);
		console.warn(`\n⚠⚠⚠ ${message}\n`);
		project.provide('e2e', empty);
		return async () => {};
	}

	const buildDir = join(projectRoot, '.e2e-builds', `build-${process.pid}-${Date.now()}`);
	buildAndCopy(buildDir);
	const dataDir = mkdtempSync(join(tmpdir(), 'nws-e2e-'));
	const databaseUrl = `sqlite:${join(dataDir, 'netzwerkstatt.sqlite')}`;
	const handle = await openDatabase(databaseUrl);
	await migrateToLatest(handle.db);
	const make = factories(handle.db);
	const admin = await make.admin();
	const organizer = await make.organizer();
	await handle.close();

	// A real SMTP server on 127.0.0.1: the app delivers its mails there, the tests read them as files.
	const mailDir = join(dataDir, 'smtp-received');
	mkdirSync(mailDir, { recursive: true });
	let received = 0;
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received += 1;
				writeFileSync(
					join(mailDir, `${Date.now()}-${String(received).padStart(5, '0')}.eml`),
					Buffer.concat(chunks)
				);
				callback();
			});
		}
	});
	const smtpPort = await freePort();
	await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [join(buildDir, 'index.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATA_DIR: dataDir,
			DATABASE_URL: databaseUrl,
			DEMO_DATA: 'on',
			LOG_LEVEL: 'warn',
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			MAIL_FROM: 'Netzwerkstatt Test <netzwerkstatt@example.org>'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitForHealth(baseUrl, server);
	// One Chromium for the whole run: a file connects in half a second, where a launch takes more
	// than one and loads the busy CPU again.
	const browserServer = await chromium.launchServer({ executablePath: chromiumPath, args: CHROMIUM_ARGS });

	project.provide('e2e', {
		chromiumPath,
		browserEndpoint: browserServer.wsEndpoint(),
		baseUrl,
		dataDir,
		buildDir,
		mailDir,
		admin: { email: admin.email, password: admin.password },
		organizer: {
			email: organizer.email,
			password: organizer.password,
			organizationId: organizer.organizationId
		}
	});
	return async () => {
		await browserServer.close();
		server.kill('SIGTERM');
		await new Promise((resolve) => server.once('exit', resolve));
		await new Promise<void>((resolve) => smtp.close(() => resolve()));
		rmSync(dataDir, { recursive: true, force: true });
		rmSync(buildDir, { recursive: true, force: true });
	};
}
