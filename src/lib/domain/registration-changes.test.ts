import { describe, expect, it } from 'vitest';
import {
	parsePendingChanges,
	serializePendingChanges,
	statusAfterConfirmingChanges,
	type PendingChanges
} from './registration-changes';

const changes: PendingChanges = {
	name: 'Anna Beispiel',
	organization: 'Kulturbüro',
	municipality: 'Bielefeld',
	ags: '05711000',
	jobRole: null,
	email: 'Anna@Example.org',
	consentParticipantList: true,
	consentShareEmail: false,
	locale: 'de'
};

describe('pending changes', () => {
	it('round-trips through its stored form', () => {
		expect(parsePendingChanges(serializePendingChanges(changes))).toEqual(changes);
	});

	it('reads nothing from an empty, broken or foreign value', () => {
		expect(parsePendingChanges(null)).toBeNull();
		expect(parsePendingChanges('')).toBeNull();
		expect(parsePendingChanges('{not json')).toBeNull();
		expect(parsePendingChanges(JSON.stringify({ ...changes, consentShareEmail: 'yes' }))).toBeNull();
		expect(parsePendingChanges(JSON.stringify({ ...changes, isAdmin: true }))).toBeNull();
	});

	it('refuses to store an incomplete proposal', () => {
		expect(() => serializePendingChanges({ ...changes, name: '' })).toThrow();
	});
});

describe('statusAfterConfirmingChanges', () => {
	it('keeps a place or a place on the waiting list', () => {
		expect(statusAfterConfirmingChanges('confirmed', 10, 10)).toBe('confirmed');
		expect(statusAfterConfirmingChanges('waiting', 0, 10)).toBe('waiting');
	});

	it('registers the invited, the unconfirmed and the cancelled: a place if one is free, else waiting', () => {
		for (const status of ['invited', 'pending', 'cancelled']) {
			expect(statusAfterConfirmingChanges(status, 1, 2)).toBe('confirmed');
			expect(statusAfterConfirmingChanges(status, 2, 2)).toBe('waiting');
			expect(statusAfterConfirmingChanges(status, 99, null)).toBe('confirmed');
		}
	});
});
