import { describe, expect, it } from 'vitest';
import { richMeeting } from '../../../../tests/helpers/rich-meeting';
import { checkMeetingDocument } from '../exchange-format/checks';
import { MeetingDocument } from '../exchange-format/schema';
import { fictionalDocument } from '../exchange-format/test-documents';
import { buildDocumentationModel } from './model';
import { isOnParticipantList, publicMeetingDocument } from './public-document';

const fictional = () => MeetingDocument.parse(fictionalDocument());

describe('the public exchange document', () => {
	it('leaves out people without consent, their emails, flags and every room membership', () => {
		const full = fictional();
		const text = JSON.stringify(publicMeetingDocument(full));
		for (const hidden of [
			'Jana Probe',
			'jana.probe@example.org',
			'jana-probe',
			'Lea Fiktiv',
			'Ole Erfunden',
			'max.muster@example.org',
			'Leitung Kulturbüro'
		])
			expect(text, hidden).not.toContain(hidden);
		const shown = publicMeetingDocument(full);
		expect(shown.meeting.breakoutRounds?.flatMap((round) => round.rooms)).not.toContainEqual(
			expect.objectContaining({ participants: expect.anything() })
		);
		expect(shown.meeting.people).toEqual([
			{
				id: 'erika-beispiel',
				name: 'Erika Beispiel',
				organization: 'Beispielbüro Kultur',
				municipality: 'Soest',
				email: 'erika.beispiel@example.org',
				registered: true,
				attended: true,
				consent: { participantList: true, shareEmail: true }
			},
			{
				id: 'max-muster',
				name: 'Max Muster',
				organization: 'Kulturamt Musterstadt',
				municipality: 'Lemgo',
				registered: true,
				attended: true,
				consent: { participantList: true }
			},
			{
				id: 'tom-test',
				name: 'Tom Test',
				municipality: 'Siegen',
				registered: true,
				attended: true,
				consent: { participantList: true }
			}
		]);
		// The full document is not changed.
		expect(full.meeting.people).toHaveLength(6);
	});

	it('keeps a speaker or presenter without consent by name and organization only', () => {
		const full = fictional();
		const jana = full.meeting.people!.find((person) => person.id === 'jana-probe')!;
		full.meeting.agenda[1]!.speakers = ['jana-probe'];
		full.meeting.attachments![0]!.presenters = ['lea-fiktiv'];
		const shown = publicMeetingDocument(full).meeting.people!;
		expect(shown.find((person) => person.id === 'jana-probe')).toEqual({
			id: 'jana-probe',
			name: jana.name,
			organization: jana.organization
		});
		expect(shown.find((person) => person.id === 'lea-fiktiv')).toEqual({
			id: 'lea-fiktiv',
			name: 'Lea Fiktiv',
			organization: 'Freiwilligenagentur Herford (fiktiv)'
		});
		expect(JSON.stringify(shown)).not.toContain('jana.probe@example.org');
	});

	it('is a valid exchange document whose references all resolve', () => {
		for (const document of [fictional(), richMeeting()]) {
			const shown = MeetingDocument.parse(publicMeetingDocument(document));
			expect(checkMeetingDocument(shown)).toEqual([]);
		}
	});

	it('renders the same documentation as the full document', () => {
		for (const document of [fictional(), richMeeting()]) {
			for (const lang of ['de', 'en'] as const) {
				expect(JSON.stringify(buildDocumentationModel(publicMeetingDocument(document), lang))).toBe(
					JSON.stringify(buildDocumentationModel(document, lang))
				);
			}
		}
	});

	it('drops the people list when nobody may be named', () => {
		const full = fictional();
		full.meeting.people = full.meeting.people!.map(({ consent: _consent, ...person }) => person);
		full.meeting.agenda = full.meeting.agenda.map(({ speakers: _speakers, ...item }) => item);
		full.meeting.attachments = full.meeting.attachments!.map(
			({ presenters: _p, ...attachment }) => attachment
		);
		expect(publicMeetingDocument(full).meeting).not.toHaveProperty('people');
	});

	it('names those on the participant list: registered or attended, with consent, not cancelled', () => {
		const base = { id: 'p', name: 'P', consent: { participantList: true } };
		expect(isOnParticipantList({ ...base, registered: true })).toBe(true);
		expect(isOnParticipantList({ ...base, attended: true })).toBe(true);
		expect(isOnParticipantList({ ...base })).toBe(false);
		expect(isOnParticipantList({ ...base, registered: true, status: 'cancelled' })).toBe(false);
		expect(isOnParticipantList({ id: 'p', name: 'P', registered: true })).toBe(false);
	});
});
