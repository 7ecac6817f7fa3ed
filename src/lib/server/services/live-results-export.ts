import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import type { ExportTable } from '../exports/table-files';
import { translate, type Locale } from '../../i18n/translate';
import { pollResults } from '../live/tallies';
import { listPollsWithQuestions } from '../repositories/polls';
import { requireMeeting } from './meeting-access';

/** The results of every poll of the meeting as a table, for CSV and XLSX. */
export async function exportLiveResults(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number,
	locale: Locale
): Promise<ExportTable> {
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'moderate');
	const polls = await listPollsWithQuestions(db, handle.meetingId);
	const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
	const rows: (string | number)[][] = [];
	for (const poll of polls) {
		const results = await pollResults(db, poll);
		for (const question of results.questions) {
			for (const row of question.rows)
				rows.push([poll.title, question.text, row.label, row.count, row.percent, question.respondents]);
			for (const text of question.texts)
				rows.push([poll.title, question.text, text, '', '', question.respondents]);
		}
	}
	return {
		sheetName: t('live.export.sheet'),
		columns: [
			{ header: t('live.export.poll'), width: 30 },
			{ header: t('live.export.question'), width: 50 },
			{ header: t('live.export.answer'), width: 40 },
			{ header: t('live.export.count'), width: 10 },
			{ header: t('live.export.percent'), width: 12 },
			{ header: t('live.export.respondents'), width: 14 }
		],
		rows
	};
}
