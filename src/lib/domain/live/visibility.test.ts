import { describe, expect, it } from 'vitest';
import { admit, scopeOf, type ListenerView } from './visibility';

const participant: ListenerView = { isModerator: false, resultsVisiblePollId: null };
const moderator: ListenerView = { isModerator: true, resultsVisiblePollId: null };

describe('live event visibility', () => {
	it('reads the scope of state and tally payloads', () => {
		expect(scopeOf('state', { resultsVisiblePollId: 'p1', title: 'x' })).toEqual({
			type: 'state',
			resultsVisiblePollId: 'p1'
		});
		expect(scopeOf('snapshot', { resultsVisiblePollId: null })).toEqual({
			type: 'state',
			resultsVisiblePollId: null
		});
		expect(scopeOf('tally', { pollId: 'p2', questions: [] })).toEqual({ type: 'tally', pollId: 'p2' });
	});

	it('gives every listener every state, and remembers the poll it shows', () => {
		const shown = admit(participant, { type: 'state', resultsVisiblePollId: 'p1' });
		expect(shown.send).toBe(true);
		expect(shown.listener.resultsVisiblePollId).toBe('p1');
		const hidden = admit(shown.listener, { type: 'state', resultsVisiblePollId: null });
		expect(hidden.send).toBe(true);
		expect(hidden.listener.resultsVisiblePollId).toBeNull();
	});

	it('keeps tallies from participants until the poll’s results are shown', () => {
		expect(admit(participant, { type: 'tally', pollId: 'p1' }).send).toBe(false);
		const shown = admit(participant, { type: 'state', resultsVisiblePollId: 'p1' }).listener;
		expect(admit(shown, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		expect(admit(shown, { type: 'tally', pollId: 'p2' }).send).toBe(false);
	});

	it('gives moderators every tally', () => {
		expect(admit(moderator, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		const later = admit(moderator, { type: 'state', resultsVisiblePollId: 'p2' }).listener;
		expect(admit(later, { type: 'tally', pollId: 'p1' }).send).toBe(true);
		expect(later.isModerator).toBe(true);
	});
});
