import { describe, expect, it } from 'vitest';
import { checkMeetingDocument } from './checks';
import { MeetingDocument } from './schema';
import { badDocuments, fictionalDocument, foundingDocument } from './test-documents';

const check = (input: unknown) => checkMeetingDocument(MeetingDocument.parse(input));

describe('semantic checks of a meeting document', () => {
	it('find nothing wrong with the examples', () => {
		expect(check(foundingDocument())).toEqual([]);
		expect(check(fictionalDocument())).toEqual([]);
	});

	for (const bad of badDocuments.filter((entry) => !entry.isStructural)) {
		it(`report ${bad.name} at ${bad.path}`, () => {
			const problems = check(bad.make());
			expect(problems.map((p) => p.path)).toContain(bad.path);
		});
	}

	it('name the dangling id in the message parameters', () => {
		const doc = fictionalDocument();
		doc.meeting.agenda[2].speakers = ['max-muster', 'niemand'];
		expect(check(doc)).toEqual([
			{
				path: '/meeting/agenda/2/speakers/1',
				message: { key: 'exchange.unknownPerson', params: { id: 'niemand' } }
			}
		]);
	});

	it('refuse counts on a free-text question and on a scale question without a scale', () => {
		const doc = fictionalDocument();
		doc.meeting.polls[1].questions[1].results.counts = { gut: 1 };
		delete doc.meeting.polls[1].questions[0].scale;
		expect(check(doc).map((p) => [p.path, p.message.key])).toEqual([
			['/meeting/polls/1/questions/0/results/counts/3', 'exchange.countsWithoutScale'],
			['/meeting/polls/1/questions/0/results/counts/4', 'exchange.countsWithoutScale'],
			['/meeting/polls/1/questions/0/results/counts/5', 'exchange.countsWithoutScale'],
			['/meeting/polls/1/questions/1/results/counts/gut', 'exchange.countsForTextQuestion']
		]);
	});

	it('refuse a scale whose maximum is not above its minimum, and non-integer scale keys', () => {
		const doc = fictionalDocument();
		doc.meeting.polls[1].questions[0].scale = { min: 5, max: 5 };
		doc.meeting.polls[1].questions[0].results.counts = { '4.5': 1 };
		expect(check(doc).map((p) => p.path)).toEqual([
			'/meeting/polls/1/questions/0/scale/max',
			'/meeting/polls/1/questions/0/results/counts/4.5'
		]);
	});

	it('escape counts keys in JSON pointers', () => {
		const doc = fictionalDocument();
		doc.meeting.polls[0].questions[0].results.counts = { 'a/b': 1 };
		expect(check(doc).map((p) => p.path)).toEqual(['/meeting/polls/0/questions/0/results/counts/a~1b']);
	});
});
