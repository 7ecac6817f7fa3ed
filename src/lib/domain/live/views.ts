import type { LiveRoundView } from '../breakouts/live-views';
import type { CloudWord, ResultRow } from './tally';

/**
 * What the live pages show, shared by the server (which builds it) and the browser (which
 * receives it in `state`, `snapshot` and `tally` events): plain data, no server code.
 */

export interface AgendaView {
	id: string;
	title: string;
	kind: string;
	start: string;
	end: string;
	pollId: string | null;
}

export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text';

export interface QuestionView {
	id: string;
	text: string;
	kind: QuestionKind;
	options: { key: string; label: string }[];
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	maxChoices: number | null;
}

export interface PollView {
	id: string;
	title: string;
	state: 'draft' | 'open' | 'closed';
	questions: QuestionView[];
}

export interface QuestionResults {
	id: string;
	text: string;
	kind: QuestionKind;
	respondents: number;
	rows: ResultRow[];
	texts: string[];
	cloud: CloudWord[];
}

/** A poll's results; also the payload of `tally` events. */
export interface PollResults {
	pollId: string;
	title: string;
	questions: QuestionResults[];
}

/** What everyone in the session sees; also the payload of `state` and `snapshot` events. */
export interface LiveState {
	title: string;
	code: string;
	isActive: boolean;
	videoUrl: string | null;
	now: AgendaView | null;
	next: AgendaView | null;
	message: string | null;
	countdownEndsAt: string | null;
	openPolls: PollView[];
	resultsVisiblePollId: string | null;
	results: PollResults | null;
	/** The running (or just closed) breakout round of the meeting, null without one. */
	breakout: LiveRoundView | null;
}
