import { describe, expect, it } from 'vitest';
import { MeetingDocument } from './schema';
import { seriesDifferences } from './series-differences';
import { fictionalDocument, foundingDocument } from './test-documents';

const seriesOf = (doc: unknown) => MeetingDocument.parse(doc).series;

describe('differences between a stored series and an imported series block', () => {
	it('finds none between equal blocks, or where absent and empty or default mean the same', () => {
		expect(seriesDifferences(seriesOf(fictionalDocument()), seriesOf(fictionalDocument()))).toEqual([]);
		const stored = seriesOf(foundingDocument());
		const imported = structuredClone(stored);
		imported.language = stored.language === 'en' ? 'en' : undefined;
		stored.language = stored.language ?? 'de';
		if (!imported.formatDescription?.length) imported.formatDescription = [];
		expect(seriesDifferences(stored, imported)).toEqual([]);
	});

	it('names each differing field by its JSON pointer', () => {
		const stored = seriesOf(fictionalDocument());
		const imported = structuredClone(stored);
		imported.title = 'Ein anderer Titel';
		imported.organizer = { ...imported.organizer, email: 'neu@example.org' };
		imported.language = imported.language === 'en' ? 'de' : 'en';
		imported.formatDescription = ['Neu.'];
		imported.fundingNotice = undefined;
		expect(seriesDifferences(stored, imported)).toEqual([
			'/series/title',
			'/series/language',
			'/series/organizer/email',
			'/series/formatDescription',
			'/series/fundingNotice'
		]);
	});
});
