import { describe, expect, it } from 'vitest';
import { checkMeetingDocument } from '../exchange-format/checks';
import { MeetingDocument } from '../exchange-format/schema';
import { fictionalDocument } from '../exchange-format/test-documents';
import { anonymizePeople, erasePeople } from './erasure';
import { buildDocumentationModel } from './model';

const fictional = () => MeetingDocument.parse(fictionalDocument());

describe('erasure in documentation snapshots', () => {
	it('removes a person and every reference to them, leaving a valid document', () => {
		const document = fictional();
		const erased = erasePeople(document, [{ personKey: 'max-muster', email: null }]);
		const text = JSON.stringify(erased);
		expect(text).not.toContain('Max Muster');
		expect(text).not.toContain('max-muster');
		expect(text).not.toContain('max.muster@example.org');
		expect(erased.meeting.people).toHaveLength(5);
		expect(erased.meeting).not.toHaveProperty('documentedBy');
		expect(erased.meeting.agenda[2]).not.toHaveProperty('speakers');
		expect(erased.meeting.attachments?.[2]).not.toHaveProperty('presenters');
		expect(erased.meeting.breakoutRounds?.[0]?.rooms[1]?.participants).toEqual(['tom-test']);
		expect(checkMeetingDocument(MeetingDocument.parse(erased))).toEqual([]);
		// The input is not changed.
		expect(JSON.stringify(document)).toContain('Max Muster');
	});

	it('recognizes a person by email, whatever its case', () => {
		const erased = erasePeople(fictional(), [{ personKey: 'anmeldung-x', email: 'jana.probe@example.org' }]);
		expect(JSON.stringify(erased)).not.toContain('Jana Probe');
		expect(JSON.stringify(erased)).not.toContain('jana-probe');
		const upper = fictional();
		upper.meeting.people![2]!.email = 'Jana.Probe@Example.org';
		expect(
			JSON.stringify(erasePeople(upper, [{ personKey: 'anmeldung-x', email: 'jana.probe@example.org' }]))
		).not.toContain('Jana Probe');
	});

	it('drops the documentation credits of an erased person', () => {
		const erased = erasePeople(fictional(), [{ personKey: 'erika-beispiel', email: null }]);
		const model = buildDocumentationModel(erased, 'de');
		expect(model.moderation).toBeNull();
		// (The fictional network's contact shares her name; networks are not people of the meeting.)
		expect(JSON.stringify(model.sections.filter((section) => section.kind !== 'networks'))).not.toContain(
			'Erika Beispiel'
		);
	});

	it('changes nothing when nobody is erased', () => {
		const document = fictional();
		expect(erasePeople(document, [])).toBe(document);
		expect(erasePeople(document, [{ personKey: 'unbekannt', email: 'x@example.org' }])).toEqual(document);
	});

	it('anonymizes a person in place: placeholder name, no contact data or consent, references kept', () => {
		const document = fictional();
		const anonymized = anonymizePeople(
			document,
			[
				{ personKey: 'erika-beispiel', email: 'erika.beispiel@example.org' },
				{ personKey: 'anmeldung-y', email: 'jana.probe@example.org' }
			],
			'Gelöschte Person'
		);
		const text = JSON.stringify(anonymized.meeting);
		for (const gone of [
			'Erika Beispiel',
			'erika.beispiel@example.org',
			'Jana Probe',
			'jana.probe@example.org'
		])
			expect(text, gone).not.toContain(gone);
		expect(anonymized.meeting.people?.[0]).toEqual({
			id: 'erika-beispiel',
			name: 'Gelöschte Person',
			registered: true,
			attended: true,
			status: 'confirmed'
		});
		expect(anonymized.meeting.people).toHaveLength(6);
		expect(anonymized.meeting.moderation).toEqual([{ id: 'erika-beispiel', name: 'Gelöschte Person' }]);
		expect(anonymized.meeting.breakoutRounds?.[0]?.rooms[0]?.participants).toEqual([
			'erika-beispiel',
			'jana-probe'
		]);
		expect(checkMeetingDocument(MeetingDocument.parse(anonymized))).toEqual([]);
		// Without consent, the documentation no longer lists them.
		const rows = buildDocumentationModel(anonymized, 'de').sections.find(
			(section) => section.kind === 'participants'
		);
		expect(JSON.stringify(rows)).not.toContain('Gelöschte Person');
	});
});
