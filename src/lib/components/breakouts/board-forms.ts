/**
 * What the board's forms hand back (routes/live/[code]/board-actions.ts and the overview's
 * actions): a failure with its summary and field errors, and for a stale edit the card's current
 * text and version. Plain functions, shared by the live page and the moderators' overview.
 */
export interface BoardFormFailure {
	values?: Record<string, string>;
	errors?: { field: string; message: string }[];
	summary?: string;
	conflict?: { cardId: string; currentText: string; currentVersion: number };
}

/** The refused edit of `cardId` in a form's failure: the current text and what the viewer wrote. */
export function conflictFor(
	form: BoardFormFailure | null | undefined,
	cardId: string
): { currentText: string; currentVersion: number; yourText: string } | undefined {
	const conflict = form?.conflict;
	if (!conflict || conflict.cardId !== cardId) return undefined;
	return {
		currentText: conflict.currentText,
		currentVersion: conflict.currentVersion,
		yourText: form?.values?.text ?? ''
	};
}

/** A failure that is not a conflict (shown in the board's error summary). */
export function otherFailure(form: BoardFormFailure | null | undefined): BoardFormFailure | undefined {
	return form?.summary && !form.conflict ? form : undefined;
}
