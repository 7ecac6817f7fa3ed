import { describe, expect, it } from 'vitest';
import type { LiveRoundView } from './live-views';
import { roundChanged } from './round-changes';

const round: LiveRoundView = {
	key: 'runde-1',
	title: 'Runde 1',
	description: null,
	questions: [],
	columns: ['Ideen'],
	dotsPerPerson: 3,
	status: 'running',
	startedAt: '2026-12-05T08:00:00.000Z',
	endsAt: '2026-12-05T08:20:00.000Z',
	endingSoon: false,
	broadcast: null,
	assignmentRevision: 1
};

describe('roundChanged', () => {
	it('is true when a round starts, ends or another one runs', () => {
		expect(roundChanged(null, round)).toBe(true);
		expect(roundChanged(round, null)).toBe(true);
		expect(roundChanged(round, { ...round, status: 'closed' })).toBe(true);
		expect(roundChanged(round, { ...round, key: 'runde-2' })).toBe(true);
	});

	it('is true when people were placed or moved', () => {
		expect(roundChanged(round, { ...round, assignmentRevision: 2 })).toBe(true);
	});

	it('is false for what the state itself carries: the clock, the warning, a message', () => {
		expect(roundChanged(null, null)).toBe(false);
		expect(
			roundChanged(round, {
				...round,
				endingSoon: true,
				endsAt: '2026-12-05T08:25:00.000Z',
				broadcast: { text: 'Noch fünf Minuten', at: '2026-12-05T08:15:00.000Z' }
			})
		).toBe(false);
	});
});
