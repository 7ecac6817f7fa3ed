import { describe, expect, it } from 'vitest';
import { ZOOM_HEADER, zoomPreassignment, zoomRoomName } from './zoom-csv';

describe('Zoom pre-assignment CSV', () => {
	it('writes the header Zoom expects and one row per person with an email', () => {
		const { csv, withoutEmail } = zoomPreassignment([
			{ name: 'Anna', organization: null, email: 'anna@example.org', roomName: 'Raum 1, Netzwerke' },
			{ name: 'Ben', organization: 'Stadt Hamm', email: null, roomName: 'Raum 2' },
			{ name: 'Cem', organization: null, email: 'cem@example.org', roomName: 'Raum 2' },
			{ name: 'Cem doppelt', organization: null, email: 'CEM@example.org', roomName: 'Raum 1' }
		]);
		expect(csv.split('\r\n')).toEqual([
			ZOOM_HEADER,
			'Raum 1 Netzwerke,anna@example.org',
			'Raum 2,cem@example.org',
			''
		]);
		expect(withoutEmail.map((p) => p.name)).toEqual(['Ben']);
	});

	it('cleans room names of commas, quotes, line breaks and formula signs', () => {
		expect(zoomRoomName('=A, "B"\nC')).toBe('A B C');
		expect(zoomRoomName(' , ')).toBe('Raum');
	});
});
