import { describe, expect, it } from 'vitest';
import { applyCardEvents, cardsInColumn, mergeCardEvent, type SequencedCardEvent } from './board-merge';
import type { BoardCardEvent, BoardCardView } from './live-views';

const ROOM = 'room-a';

function card(id: string, fields: Partial<BoardCardView> = {}): BoardCardView {
	return {
		id,
		roomId: ROOM,
		text: `Karte ${id}`,
		column: 'Ideen',
		votes: 0,
		version: 1,
		isMine: false,
		hasMyVote: false,
		canEdit: false,
		canDelete: false,
		clusterId: null,
		...fields
	};
}

/** An event as the server sends it: the viewer's own fields false. */
function event(
	action: BoardCardEvent['action'],
	sent: BoardCardView | null,
	cardId = sent?.id ?? ''
): BoardCardEvent {
	const neutral = sent
		? { ...sent, isMine: false, hasMyVote: false, canEdit: false, canDelete: false }
		: null;
	return { roundKey: 'runde-1', roomId: sent?.roomId ?? ROOM, action, cardId, card: neutral };
}

describe('mergeCardEvent', () => {
	it('adds a card someone else wrote, with no rights of the viewer over it', () => {
		const merged = mergeCardEvent([card('1')], event('added', card('2', { text: 'Kulturstammtisch' })), ROOM);
		expect(merged.map((entry) => entry.id)).toEqual(['1', '2']);
		expect(merged[1]).toMatchObject({
			text: 'Kulturstammtisch',
			isMine: false,
			canEdit: false,
			canDelete: false
		});
	});

	it('lets a rapporteur edit and delete a card that was just added', () => {
		const [added] = mergeCardEvent([], event('added', card('2')), ROOM, { canEditOthers: true });
		expect(added).toMatchObject({ canEdit: true, canDelete: true, isMine: false });
	});

	it('keeps the viewer’s own fields when the card changes', () => {
		const mine = card('1', { isMine: true, hasMyVote: true, canEdit: true, canDelete: true });
		const [edited] = mergeCardEvent([mine], event('edited', card('1', { text: 'Neu', version: 2 })), ROOM);
		expect(edited).toMatchObject({
			text: 'Neu',
			version: 2,
			isMine: true,
			hasMyVote: true,
			canEdit: true,
			canDelete: true
		});
	});

	it('takes the new vote count of a voted event (the version stays)', () => {
		const [voted] = mergeCardEvent([card('1', { votes: 1 })], event('voted', card('1', { votes: 3 })), ROOM);
		expect(voted!.votes).toBe(3);
	});

	it('ignores an event older than the card the page shows', () => {
		const shown = [card('1', { text: 'Version drei', version: 3 })];
		const merged = mergeCardEvent(
			shown,
			event('edited', card('1', { text: 'Version zwei', version: 2 })),
			ROOM
		);
		expect(merged[0]!.text).toBe('Version drei');
	});

	it('removes a deleted card and ignores the deletion of an unknown one', () => {
		expect(mergeCardEvent([card('1'), card('2')], event('deleted', null, '1'), ROOM)).toEqual([card('2')]);
		expect(mergeCardEvent([card('2')], event('deleted', null, '9'), ROOM)).toEqual([card('2')]);
	});

	it('changes nothing for another room’s card', () => {
		const other = card('2', { roomId: 'room-b' });
		expect(mergeCardEvent([card('1')], event('added', other), ROOM)).toEqual([card('1')]);
	});

	it('shows an edited card that the page did not know yet (added after the load)', () => {
		const merged = mergeCardEvent([], event('edited', card('5', { version: 2 })), ROOM);
		expect(merged).toEqual([expect.objectContaining({ id: '5', version: 2 })]);
	});
});

describe('applyCardEvents', () => {
	const log: SequencedCardEvent[] = [
		{ seq: 10, event: event('added', card('2', { text: 'Alt' })) },
		{ seq: 11, event: event('edited', card('2', { text: 'Neu', version: 2 })) },
		{ seq: 12, event: event('added', card('3')) },
		{ seq: 13, event: event('deleted', null, '1') }
	];

	it('applies only the events after the load’s position, in order', () => {
		const loaded = [card('1'), card('2', { text: 'Alt', isMine: true, canEdit: true })];
		const cards = applyCardEvents(loaded, log, ROOM, 10);
		expect(cards.map((entry) => [entry.id, entry.text, entry.isMine])).toEqual([
			['2', 'Neu', true],
			['3', 'Karte 3', false]
		]);
	});

	it('replays a whole missed log onto an empty board (a reconnect after being offline)', () => {
		expect(applyCardEvents([card('1')], log, ROOM, 0).map((entry) => entry.text)).toEqual(['Neu', 'Karte 3']);
	});

	it('does not undo a newer load with an event it already contains', () => {
		const loaded = [card('2', { text: 'Noch neuer', version: 3 })];
		expect(applyCardEvents(loaded, log, ROOM, 9)[0]!.text).toBe('Noch neuer');
	});
});

describe('cardsInColumn', () => {
	const columns = ['Erfahrungen', 'Ideen'];
	const cards = [
		card('1', { column: 'Ideen' }),
		card('2', { column: null }),
		card('3', { column: 'Erfahrungen' }),
		card('4', { column: 'Gelöscht' })
	];

	it('lists a column’s cards in board order', () => {
		expect(cardsInColumn(cards, 'Ideen', columns).map((entry) => entry.id)).toEqual(['1']);
	});

	it('collects cards without a column, or with one the board no longer has', () => {
		expect(cardsInColumn(cards, null, columns).map((entry) => entry.id)).toEqual(['2', '4']);
	});
});
