import { describe, expect, it } from 'vitest';
import {
	admit,
	newListener,
	scopeOf,
	type EventScope,
	type ListenerView,
	type RoundMark
} from './visibility';

const participant: ListenerView = newListener(false);
const moderator: ListenerView = newListener(true);
const state = (resultsVisiblePollId: string | null, round: RoundMark | null = null): EventScope => ({
	type: 'state',
	resultsVisiblePollId,
	round
});

describe('live event visibility', () => {
	it('reads the scope of state, tally and card payloads', () => {
		expect(scopeOf('state', { resultsVisiblePollId: 'p1', title: 'x', breakout: null })).toEqual({
			type: 'state',
			resultsVisiblePollId: 'p1',
			round: null
		});
		expect(
			scopeOf('snapshot', { resultsVisiblePollId: null, breakout: { key: 'r', assignmentRevision: 3 } })
		).toEqual({ type: 'state', resultsVisiblePollId: null, round: { key: 'r', assignmentRevision: 3 } });
		expect(scopeOf('tally', { pollId: 'p2', questions: [] })).toEqual({ type: 'tally', pollId: 'p2' });
		expect(scopeOf('card', { roomId: 'room-1', cardId: 'c', action: 'added' })).toEqual({
			type: 'card',
			roomId: 'room-1'
		});
	});

	it('gives every listener every state, and remembers the poll it shows', () => {
		const shown = admit(participant, state('p1'));
		expect(shown.send).toBe(true);
		expect(shown.listener.resultsVisiblePollId).toBe('p1');
		const hidden = admit(shown.listener, state(null));
		expect(hidden.send).toBe(true);
		expect(hidden.listener.resultsVisiblePollId).toBeNull();
	});

	it('keeps tallies from participants until the poll’s results are shown', () => {
		expect(admit(participant, { type: 'tally', pollId: 'p1' }).send).toBe(false);
		const shown = admit(participant, state('p1')).listener;
		expect(admit(shown, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		expect(admit(shown, { type: 'tally', pollId: 'p2' }).send).toBe(false);
	});

	it('gives moderators every tally and every room’s cards', () => {
		expect(admit(moderator, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		const later = admit(moderator, state('p2', { key: 'r', assignmentRevision: 1 }));
		expect(later.rereadRoom).toBe(false);
		expect(admit(later.listener, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		expect(admit(later.listener, { type: 'card', roomId: 'any-room' }).send).toBe(true);
		expect(later.listener.isModerator).toBe(true);
	});

	it('gives a room’s cards to its members only', () => {
		const inRoom: ListenerView = { ...participant, round: { key: 'r', assignmentRevision: 1 }, roomId: 'a' };
		expect(admit(inRoom, { type: 'card', roomId: 'a' }).send).toBe(true);
		expect(admit(inRoom, { type: 'card', roomId: 'b' }).send).toBe(false);
		expect(admit(participant, { type: 'card', roomId: 'a' }).send).toBe(false);
	});

	it('asks for the room again when a state names another round or assignment', () => {
		const inRoom: ListenerView = { ...participant, round: { key: 'r', assignmentRevision: 1 }, roomId: 'a' };
		expect(admit(inRoom, state(null, { key: 'r', assignmentRevision: 1 })).rereadRoom).toBe(false);
		const moved = admit(inRoom, state(null, { key: 'r', assignmentRevision: 2 }));
		expect(moved.rereadRoom).toBe(true);
		expect(moved.listener.round).toEqual({ key: 'r', assignmentRevision: 2 });
		expect(admit(inRoom, state(null, { key: 'other', assignmentRevision: 1 })).rereadRoom).toBe(true);
		// Without a round there is no room, and nothing to read.
		const over = admit(inRoom, state(null, null));
		expect(over.rereadRoom).toBe(false);
		expect(over.listener.roomId).toBeNull();
		expect(admit(over.listener, { type: 'card', roomId: 'a' }).send).toBe(false);
	});
});
