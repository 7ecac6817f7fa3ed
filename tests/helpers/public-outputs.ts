import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { MeetingAddress } from '../../src/lib/domain/meeting-address';
import type { Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import {
	documentationFormats,
	getDocumentationPage,
	renderDocumentation
} from '../../src/lib/server/services/documentation';
import { getMeeting } from '../../src/lib/server/services/meetings';
import { meetingCalendar, seriesCalendar } from '../../src/lib/server/services/calendar-feeds';
import { runTool } from './tools';

/**
 * The text a reader (or a program) gets out of one file of the documentation: PDF through
 * pdftotext and pdfinfo (the metadata too), DOCX as the text of all its XML parts, ZIP as the
 * texts of all its files, anything else as UTF-8.
 */
export function textOfFile(name: string, bytes: Uint8Array, hasPoppler: boolean): string {
	if (name.endsWith('.zip')) {
		const entries = unzipSync(bytes);
		return Object.entries(entries)
			.map(([entry, content]) => `${entry}:\n${textOfFile(entry, content, hasPoppler)}`)
			.join('\n');
	}
	if (name.endsWith('.docx')) {
		// The XML's text without its tags: a name split over runs is joined again.
		return Object.values(unzipSync(bytes))
			.map((content) => strFromU8(content).replace(/<[^>]+>/g, ''))
			.join('\n');
	}
	if (name.endsWith('.pdf')) {
		if (!hasPoppler) return '';
		const directory = mkdtempSync(join(tmpdir(), 'nws-pdf-'));
		try {
			const path = join(directory, 'file.pdf');
			writeFileSync(path, bytes);
			return `${runTool('pdfinfo', [path])}\n${runTool('pdftotext', [path, '-'])}`;
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	}
	return strFromU8(bytes);
}

/**
 * Every output of a meeting that the actor (usually the public) can get, as text by name: the
 * documentation in every format (the ZIP with every file in it), the documentation page, the
 * meeting page's data (what the meeting API returns too) and both calendar feeds.
 */
export async function outputsFor(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	options: { dataDir: string; hasPoppler: boolean; versionId?: string; langs?: readonly ('de' | 'en')[] }
): Promise<Map<string, string>> {
	const outputs = new Map<string, string>();
	for (const format of documentationFormats) {
		for (const lang of options.langs ?? (['de', 'en'] as const)) {
			const rendered = await renderDocumentation(
				db,
				actor,
				address,
				{ format, lang, versionId: options.versionId },
				{ dataDir: options.dataDir }
			);
			outputs.set(
				`documentation.${format} (${lang})`,
				textOfFile(rendered.fileName, rendered.bytes, options.hasPoppler)
			);
		}
	}
	const page = await getDocumentationPage(db, actor, address, { versionId: options.versionId });
	outputs.set('documentation page', JSON.stringify(page));
	outputs.set('meeting page', JSON.stringify(await getMeeting(db, actor, address.seriesId, address.number)));
	const calendarOptions = { publicOrigin: 'http://127.0.0.1', mailFrom: 'Netzwerkstatt <n@example.org>' };
	// iCalendar folds long lines; unfolded, a name is whole again.
	const unfold = (calendar: string) => calendar.replace(/\r?\n[ \t]/g, '');
	outputs.set('meeting calendar', unfold(await meetingCalendar(db, actor, address, calendarOptions)));
	outputs.set('series calendar', unfold(await seriesCalendar(db, address.seriesId, calendarOptions)));
	return outputs;
}
