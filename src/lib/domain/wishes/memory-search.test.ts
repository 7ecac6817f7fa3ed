import { describe, expect, it } from 'vitest';
import { searchEntries } from './memory-search';

describe('searching a series', () => {
	const entries = [
		{ texts: ['Freiwilligenagenturen in Kulturbüros', null], value: 'meeting-1' },
		{ texts: ['Kulturelle Bildung', 'Schulen und Kulturbueros'], value: 'wish' },
		{ texts: ['Digitalisierung'], value: 'meeting-2' }
	];

	it('finds every entry with all words of the query, whatever the umlaut spelling', () => {
		expect(searchEntries('Kulturbüro', entries)).toEqual(['meeting-1', 'wish']);
		expect(searchEntries('kulturbuero schulen', entries)).toEqual(['wish']);
		expect(searchEntries('Freiwilligenagentur', entries)).toEqual(['meeting-1']);
	});

	it('finds nothing for an empty query or one of stop words only', () => {
		expect(searchEntries('  ', entries)).toEqual([]);
		expect(searchEntries('und', entries)).toEqual([]);
	});
});
