import { describe, expect, it } from 'vitest';
import { canCastDot, canDeleteCard, canEditCard, checkVersion, voterKey, type BoardIdentity } from './cards';

const card = { authorPersonId: 'anna', authorParticipantId: null };
const anna: BoardIdentity = { kind: 'person', personId: 'anna' };
const ben: BoardIdentity = { kind: 'person', personId: 'ben' };
const guest: BoardIdentity = { kind: 'participant', participantId: 'g1' };

describe('card rights', () => {
	it('lets authors edit their own cards and nobody else in the room', () => {
		expect(canEditCard(anna, card, null)).toBe(true);
		expect(canEditCard(ben, card, null)).toBe(false);
		expect(canEditCard(guest, card, null)).toBe(false);
		expect(canDeleteCard(ben, card, null)).toBe(false);
		expect(canEditCard(guest, { authorPersonId: null, authorParticipantId: 'g1' }, null)).toBe(true);
	});

	it('lets the room rapporteur and moderators edit every card', () => {
		expect(canEditCard(ben, card, 'ben')).toBe(true);
		expect(canDeleteCard(ben, card, 'ben')).toBe(true);
		expect(canEditCard({ kind: 'moderator' }, card, null)).toBe(true);
	});
});

describe('versions and dots', () => {
	it('refuses an edit based on a stale version', () => {
		expect(checkVersion(3, 3)).toEqual({ ok: true, next: 4 });
		expect(checkVersion(2, 3)).toEqual({ ok: false, current: 3 });
	});

	it('keeps each person within the round limit', () => {
		expect(canCastDot(2, 3)).toBe(true);
		expect(canCastDot(3, 3)).toBe(false);
		expect(voterKey(anna)).toBe('person:anna');
		expect(voterKey(guest)).toBe('participant:g1');
		expect(voterKey({ kind: 'moderator' })).toBeUndefined();
	});
});
