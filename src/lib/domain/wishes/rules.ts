/**
 * Pure rules of topic wishes ("Themenwünsche"): their triage states and the moves between them,
 * who counts as one voter, and what the public sees of an author. The services apply them inside
 * transactions; the database backs the voter rule with a unique constraint.
 */

/** new: not yet looked at · planned: will be (or is) a meeting's topic · taken-up: done · declined (with a public reason). */
export const wishStatuses = ['new', 'planned', 'taken-up', 'declined'] as const;
export type WishStatus = (typeof wishStatuses)[number];

const allowedMoves: Record<WishStatus, readonly WishStatus[]> = {
	new: ['planned', 'declined'],
	planned: ['new', 'taken-up', 'declined'],
	'taken-up': ['planned'],
	declined: ['new']
};

export type TriageProblem = 'wishes.triage.notAllowed' | 'wishes.triage.reasonRequired';

/**
 * Whether an organizer may move a wish from one state to another. Staying in the same state is
 * allowed (to change a decline's reason); declining needs a reason, which is shown publicly.
 */
export function checkTriage(
	from: WishStatus,
	to: WishStatus,
	reason: string | null
): TriageProblem | undefined {
	if (from !== to && !allowedMoves[from].includes(to)) return 'wishes.triage.notAllowed';
	if (to === 'declined' && !reason?.trim()) return 'wishes.triage.reasonRequired';
	return undefined;
}

/** The states an organizer can choose next from `from` (including staying). */
export function nextStatuses(from: WishStatus): WishStatus[] {
	return [from, ...allowedMoves[from]];
}

/** Open wishes are those still waiting for a meeting: new or planned. */
export function isOpen(status: WishStatus): boolean {
	return status === 'new' || status === 'planned';
}

export function isWishStatus(value: unknown): value is WishStatus {
	return typeof value === 'string' && (wishStatuses as readonly string[]).includes(value);
}

/**
 * One vote per person per wish. A person is their email address, compared without case and
 * surrounding spaces: a signed-in account votes with its own address, so the same person cannot
 * vote once by account and once more by a confirmed email. The database holds a unique
 * constraint on (wish, voter key).
 */
export function voterKey(email: string): string {
	return `email:${email.trim().toLowerCase()}`;
}

/** A vote counts once it is confirmed (at once for an account; by the link in a mail otherwise). */
export function countsAsVote(vote: { confirmedAt: string | null }): boolean {
	return vote.confirmedAt !== null;
}

/** The name the public sees: only when its author chose to be named (consent), else nothing. */
export function publicName(entry: { name: string | null; showName: boolean }): string | null {
	return entry.showName && entry.name?.trim() ? entry.name.trim() : null;
}

/** Wishes in the order the public list shows them: open ones first, most votes first, then oldest. */
export function compareWishes(
	a: { status: WishStatus; votes: number; createdAt: string },
	b: { status: WishStatus; votes: number; createdAt: string }
): number {
	const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
	if (open !== 0) return open;
	if (a.votes !== b.votes) return b.votes - a.votes;
	return a.createdAt.localeCompare(b.createdAt);
}
