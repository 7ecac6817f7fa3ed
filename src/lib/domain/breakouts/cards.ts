/**
 * The rules of a room's board: who may change which card, the version check that refuses a
 * stale edit, and the per-person dot-vote limit of a round.
 */

/** Who acts on a board: a moderator (or organizer), or someone in the room. */
export type BoardIdentity =
	| { kind: 'moderator' }
	| { kind: 'person'; personId: string }
	| { kind: 'participant'; participantId: string };

export interface CardAuthor {
	authorPersonId: string | null;
	authorParticipantId: string | null;
}

export const MAX_CARD_LENGTH = 1000;

export function isAuthor(identity: BoardIdentity, card: CardAuthor): boolean {
	if (identity.kind === 'person') return card.authorPersonId === identity.personId;
	if (identity.kind === 'participant') return card.authorParticipantId === identity.participantId;
	return false;
}

function isRapporteur(identity: BoardIdentity, rapporteurPersonId: string | null): boolean {
	return (
		identity.kind === 'person' && rapporteurPersonId !== null && identity.personId === rapporteurPersonId
	);
}

/** Own cards; the room's rapporteur and moderators edit every card of the room. */
export function canEditCard(
	identity: BoardIdentity,
	card: CardAuthor,
	rapporteurPersonId: string | null
): boolean {
	return (
		identity.kind === 'moderator' || isAuthor(identity, card) || isRapporteur(identity, rapporteurPersonId)
	);
}

/** Own cards; the rapporteur and moderators may also delete others' (to tidy up duplicates). */
export function canDeleteCard(
	identity: BoardIdentity,
	card: CardAuthor,
	rapporteurPersonId: string | null
): boolean {
	return canEditCard(identity, card, rapporteurPersonId);
}

/** An edit is based on the version the editor saw; anything else means someone saved in between. */
export type VersionCheck = { ok: true; next: number } | { ok: false; current: number };

export function checkVersion(basedOn: number, current: number): VersionCheck {
	return basedOn === current ? { ok: true, next: current + 1 } : { ok: false, current };
}

/** Whether one more dot fits the person's limit for the round. */
export function canCastDot(dotsUsedInRound: number, dotsPerPerson: number): boolean {
	return dotsUsedInRound < dotsPerPerson;
}

/** The voter key stored with a dot (unique per card): one key space for people and guests. */
export function voterKey(identity: BoardIdentity): string | undefined {
	if (identity.kind === 'person') return `person:${identity.personId}`;
	if (identity.kind === 'participant') return `participant:${identity.participantId}`;
	return undefined;
}
