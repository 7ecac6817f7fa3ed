import { describe, expect, it } from 'vitest';
import { nulCharacterProblems } from './text-characters';
import { fictionalDocument } from './test-documents';

describe('NUL characters in a document', () => {
	it('finds none in the example', () => {
		expect(nulCharacterProblems(fictionalDocument())).toEqual([]);
	});

	it('names each text and key that holds one', () => {
		const doc = fictionalDocument();
		doc.meeting.agenda[1].title = 'Begr\u0000üßung';
		doc.meeting.polls[0].questions[0].results.counts['a\u0000'] = 1;
		expect(nulCharacterProblems(doc).map((p) => [p.path, p.message.key])).toEqual([
			['/meeting/agenda/1/title', 'exchange.nulCharacter'],
			['/meeting/polls/0/questions/0/results/counts/a\u0000', 'exchange.nulCharacter']
		]);
	});
});
