import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { zodProblems } from '../zod-problems';
import { MeetingDocument } from './schema';
import {
	badDocuments,
	fictionalDocument,
	formatJsonSchema,
	foundingDocument,
	optionalKeyPaths,
	usedKeyPaths
} from './test-documents';

function ajvValidator() {
	const ajv = new Ajv2020({ allErrors: true, strict: false });
	addFormats(ajv);
	return ajv.compile(formatJsonSchema());
}

function zodPaths(input: unknown): string[] {
	const parsed = MeetingDocument.safeParse(input, { reportInput: true });
	return parsed.success ? [] : zodProblems(parsed.error).map((p) => p.path);
}

describe('exchange format schema', () => {
	it('accepts both examples', () => {
		expect(zodPaths(foundingDocument())).toEqual([]);
		expect(zodPaths(fictionalDocument())).toEqual([]);
	});

	it('the fictional example sets every optional key of the JSON schema', () => {
		const used = usedKeyPaths(fictionalDocument());
		const optional = optionalKeyPaths(formatJsonSchema());
		expect(optional.length).toBeGreaterThan(60);
		expect(optional.filter((path) => !used.has(path))).toEqual([]);
	});

	for (const bad of badDocuments.filter((entry) => entry.isStructural)) {
		it(`refuses ${bad.name} at ${bad.path}`, () => {
			expect(zodPaths(bad.make())).toContain(bad.path);
		});
	}

	it('accepts only https:, http: and mailto: addresses, wherever an address becomes a link', () => {
		const doc = fictionalDocument();
		doc.series.organizer.website = 'javascript:alert(1)';
		doc.meeting.venue.url = 'data:text/html,<script>alert(1)</script>';
		doc.networks[0].website = 'JAVASCRIPT:alert(1)';
		expect(zodPaths(doc)).toEqual(['/series/organizer/website', '/meeting/venue/url', '/networks/0/website']);
		doc.series.organizer.website = 'mailto:kultur@example.org';
		doc.meeting.venue.url = 'HTTP://example.org/treffen';
		doc.networks[0].website = 'https://example.org';
		expect(zodPaths(doc)).toEqual([]);
	});

	it('names an unknown key by its own pointer', () => {
		const doc = fictionalDocument();
		doc.meeting.venue.colour = 'blue';
		expect(zodPaths(doc)).toEqual(['/meeting/venue/colour']);
	});
});

describe('the Zod schema and spec/meeting-format.schema.json agree', () => {
	const validate = ajvValidator();

	it('both accept the examples', () => {
		for (const doc of [foundingDocument(), fictionalDocument()]) {
			expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
			expect(MeetingDocument.safeParse(doc).success).toBe(true);
		}
	});

	for (const bad of badDocuments) {
		it(`${bad.isStructural ? 'both refuse' : 'both accept the structure of'} ${bad.name}`, () => {
			const doc = bad.make();
			expect(validate(doc)).toBe(!bad.isStructural);
			expect(MeetingDocument.safeParse(doc).success).toBe(!bad.isStructural);
		});
	}

	it('the Ajv error points at the same place as the Zod problem', () => {
		const bad = badDocuments.find((entry) => entry.name === 'malformed time')!;
		validate(bad.make());
		expect(validate.errors?.map((error) => error.instancePath)).toContain(bad.path);
	});
});
