import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../logger';
import { createMailer, outboxDir, recipientHash } from './mailer';

describe('the mailer’s log', () => {
	const dirs: string[] = [];
	afterEach(() => {
		vi.restoreAllMocks();
		for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	it('names the recipient at debug level only; info lines carry a hash of the address', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'nws-mailer-'));
		dirs.push(dataDir);
		const info = vi.spyOn(logger, 'info');
		const debug = vi.spyOn(logger, 'debug');
		const mailer = createMailer({ smtpUrl: undefined, from: 'Netzwerkstatt <n@localhost>', dataDir });
		const to = 'Petra.Muster@kreis-beispiel.example';
		await mailer.send({
			to,
			subject: 'Bestätigung',
			text: 'Hallo',
			html: '<p>Hallo</p>',
			kind: 'confirmation'
		});
		expect(readdirSync(outboxDir(dataDir))).toHaveLength(1);

		const infoLines = JSON.stringify(info.mock.calls);
		expect(infoLines).not.toMatch(/petra\.muster|kreis-beispiel/i);
		expect(info.mock.calls[0]?.[0]).toMatchObject({ recipient: recipientHash(to), kind: 'confirmation' });
		expect(JSON.stringify(debug.mock.calls)).toContain(to);
	});

	it('hashes an address the same however it is written', () => {
		expect(recipientHash(' A@Example.org ')).toBe(recipientHash('a@example.org'));
		expect(recipientHash('a@example.org')).not.toBe(recipientHash('b@example.org'));
		expect(recipientHash('a@example.org')).toMatch(/^[0-9a-f]{12}$/);
	});
});
