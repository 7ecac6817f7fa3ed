import { describe, expect, it } from 'vitest';
import { checkTriage, compareWishes, countsAsVote, nextStatuses, publicName, voterKey } from './rules';
import { isReviewItem, reviewDetails } from './review';

describe('triage transitions', () => {
	it('moves a new wish to planned or declined, not straight to taken up', () => {
		expect(checkTriage('new', 'planned', null)).toBeUndefined();
		expect(checkTriage('new', 'declined', 'Passt nicht zur Reihe')).toBeUndefined();
		expect(checkTriage('new', 'taken-up', null)).toBe('wishes.triage.notAllowed');
	});

	it('needs a reason to decline, also when only the reason changes', () => {
		expect(checkTriage('new', 'declined', '  ')).toBe('wishes.triage.reasonRequired');
		expect(checkTriage('declined', 'declined', null)).toBe('wishes.triage.reasonRequired');
		expect(checkTriage('declined', 'declined', 'Neuer Grund')).toBeUndefined();
	});

	it('reopens a declined wish only as new, and takes a planned one up', () => {
		expect(checkTriage('declined', 'new', null)).toBeUndefined();
		expect(checkTriage('declined', 'planned', null)).toBe('wishes.triage.notAllowed');
		expect(checkTriage('planned', 'taken-up', null)).toBeUndefined();
		expect(checkTriage('taken-up', 'new', null)).toBe('wishes.triage.notAllowed');
		expect(nextStatuses('taken-up')).toEqual(['taken-up', 'planned']);
	});
});

describe('votes', () => {
	it('is one voter per email address, whatever its case or spaces', () => {
		expect(voterKey(' Anna@Example.ORG ')).toBe(voterKey('anna@example.org'));
		expect(voterKey('anna@example.org')).not.toBe(voterKey('bert@example.org'));
	});

	it('counts a vote only once it is confirmed', () => {
		expect(countsAsVote({ confirmedAt: null })).toBe(false);
		expect(countsAsVote({ confirmedAt: '2026-12-04T10:00:00.000Z' })).toBe(true);
	});

	it('lists open wishes first, then by votes, then the oldest', () => {
		const wishes = [
			{ id: 'declined', status: 'declined' as const, votes: 9, createdAt: '2026-01-01' },
			{ id: 'few', status: 'new' as const, votes: 1, createdAt: '2026-01-01' },
			{ id: 'many-new', status: 'new' as const, votes: 5, createdAt: '2026-01-03' },
			{ id: 'many-old', status: 'planned' as const, votes: 5, createdAt: '2026-01-02' }
		];
		expect(wishes.sort(compareWishes).map((wish) => wish.id)).toEqual([
			'many-old',
			'many-new',
			'few',
			'declined'
		]);
	});
});

describe('consent on names', () => {
	it('shows a name only when its author chose so', () => {
		expect(publicName({ name: 'Anna Beispiel', showName: true })).toBe('Anna Beispiel');
		expect(publicName({ name: 'Anna Beispiel', showName: false })).toBeNull();
		expect(publicName({ name: '  ', showName: true })).toBeNull();
	});
});

describe('Rückblick', () => {
	const labels = {
		meeting: (meeting: string) => `Rückblick auf das ${meeting}`,
		topic: (topic: string) => `Schwerpunkt: ${topic}`
	};

	it('names the previous meeting, its topic and each finding', () => {
		expect(
			reviewDetails(
				{
					number: 2,
					meetingNoun: 'Austauschtreffen',
					topicTitle: ' Ehrenamt ',
					findings: ['Netzwerke brauchen Pflege', ' ']
				},
				labels
			)
		).toEqual([
			'Rückblick auf das 2. Austauschtreffen',
			'Schwerpunkt: Ehrenamt',
			'Netzwerke brauchen Pflege'
		]);
	});

	it('leaves out a missing topic', () => {
		expect(
			reviewDetails({ number: 1, meetingNoun: 'Treffen', topicTitle: null, findings: [] }, labels)
		).toEqual(['Rückblick auf das 1. Treffen']);
	});

	it('recognizes the review item by its title', () => {
		expect(isReviewItem('Rückblick auf das erste Treffen')).toBe(true);
		expect(isReviewItem('  rückblick auf das letzte Treffen')).toBe(true);
		expect(isReviewItem('Impulsvortrag')).toBe(false);
	});
});
