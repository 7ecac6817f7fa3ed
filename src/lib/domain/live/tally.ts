/**
 * Poll results: imported aggregates (from an exchange document) plus live votes give one
 * aggregate of the exchange format's `results` shape; display rows add labels and percentages.
 */

/** The exchange format's `results` of a question. */
export interface ResultAggregate {
	respondents?: number;
	/** Per option key, or per scale value as text. */
	counts?: Record<string, number>;
	texts?: string[];
}

/** What live votes add: distinct participants who answered, counts per answer, visible texts. */
export interface LiveAggregate {
	respondents: number;
	counts: Record<string, number>;
	texts: string[];
}

export const emptyLive: LiveAggregate = { respondents: 0, counts: {}, texts: [] };

/**
 * Adds live votes to imported results. Undefined when there are neither, so a question
 * without any answers keeps no `results` in the export.
 */
export function combineResults(
	imported: ResultAggregate | undefined,
	live: LiveAggregate
): ResultAggregate | undefined {
	const hasLive = live.respondents > 0 || live.texts.length > 0 || Object.keys(live.counts).length > 0;
	if (!imported && !hasLive) return undefined;
	const counts: Record<string, number> = { ...(imported?.counts ?? {}) };
	for (const [key, count] of Object.entries(live.counts)) counts[key] = (counts[key] ?? 0) + count;
	const texts = [...(imported?.texts ?? []), ...live.texts];
	const respondents =
		imported?.respondents === undefined && !hasLive
			? undefined
			: (imported?.respondents ?? 0) + live.respondents;
	const result: ResultAggregate = {};
	if (respondents !== undefined) result.respondents = respondents;
	if (Object.keys(counts).length) result.counts = counts;
	if (texts.length) result.texts = texts;
	return result;
}

export interface TallyQuestion {
	kind: 'single' | 'multiple' | 'scale' | 'text';
	options: { key: string; label: string }[];
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
}

export interface ResultRow {
	key: string;
	label: string;
	count: number;
	/** Whole percent of respondents (multiple choice can add up to more than 100). */
	percent: number;
}

/**
 * One row per option (or scale value), in the question's order, with counts and percentages.
 * Without a respondent count (some imports) percentages are of all answers.
 */
export function resultRows(question: TallyQuestion, aggregate: ResultAggregate | undefined): ResultRow[] {
	const counts = aggregate?.counts ?? {};
	const choices: { key: string; label: string }[] =
		question.kind === 'scale' ? scaleChoices(question) : question.kind === 'text' ? [] : question.options;
	const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
	const base = aggregate?.respondents ?? total;
	return choices.map(({ key, label }) => {
		const count = counts[key] ?? 0;
		return { key, label, count, percent: base > 0 ? Math.round((count / base) * 100) : 0 };
	});
}

function scaleChoices(question: TallyQuestion): { key: string; label: string }[] {
	const min = question.scaleMin ?? 1;
	const max = question.scaleMax ?? 5;
	const choices: { key: string; label: string }[] = [];
	for (let value = min; value <= max; value += 1) {
		const end = value === min ? question.scaleMinLabel : value === max ? question.scaleMaxLabel : null;
		choices.push({ key: String(value), label: end ? `${value} (${end})` : String(value) });
	}
	return choices;
}

/** Words too common to say anything in a word cloud (German and English). */
const STOP_WORDS = new Set(
	(
		'und oder aber der die das den dem des ein eine einer eines einem einen ist sind war wird werden ' +
		'mit für von zu zum zur im in an auf aus bei nach wie was wir ich sie es er man nicht auch noch ' +
		'mehr sehr so als dass the and or of to in for with is are a an on at be it this that'
	).split(' ')
);

export interface CloudWord {
	word: string;
	count: number;
	/** 1 (rare) to 5 (most frequent): the font size step. */
	weight: number;
}

/** The most frequent words of free-text answers, most frequent first, for a word cloud. */
export function wordCloud(texts: readonly string[], limit = 30): CloudWord[] {
	const counts = new Map<string, number>();
	for (const text of texts)
		for (const raw of text.toLocaleLowerCase('de').match(/[\p{L}\p{N}-]+/gu) ?? []) {
			const word = raw.replace(/^-+|-+$/g, '');
			if (word.length < 3 || STOP_WORDS.has(word)) continue;
			counts.set(word, (counts.get(word) ?? 0) + 1);
		}
	const sorted = [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'de'))
		.slice(0, limit);
	const most = sorted[0]?.[1] ?? 1;
	return sorted.map(([word, count]) => ({
		word,
		count,
		weight: Math.max(1, Math.ceil((count / most) * 5))
	}));
}
