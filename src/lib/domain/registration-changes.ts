import { z } from 'zod';
import { REGISTRATION_STATUS, statusOnConfirm, type PlaceStatus } from './registration-rules';

/**
 * A registration for an email that already has a registration for the meeting proposes changes:
 * nobody but the owner of the address may set that person's details or consents, so the
 * proposal waits (stored as JSON) until the owner confirms it by the link mailed to them.
 */

export const PendingChanges = z.strictObject({
	name: z.string().min(1),
	organization: z.string().nullable(),
	municipality: z.string().nullable(),
	ags: z.string().nullable(),
	jobRole: z.string().nullable(),
	email: z.string().min(1),
	consentParticipantList: z.boolean(),
	consentShareEmail: z.boolean(),
	locale: z.string()
});
export type PendingChanges = z.infer<typeof PendingChanges>;

export function serializePendingChanges(changes: PendingChanges): string {
	return JSON.stringify(PendingChanges.parse(changes));
}

/** The stored proposal, or null when there is none or it cannot be read (then nothing applies). */
export function parsePendingChanges(text: string | null): PendingChanges | null {
	if (!text) return null;
	try {
		const parsed = PendingChanges.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/**
 * The status after the owner confirmed proposed changes: a person who holds or waits for a place
 * keeps it; anyone else (invited, not yet confirmed, cancelled) registers now, with a place if
 * one is free.
 */
export function statusAfterConfirmingChanges(
	current: string,
	confirmedCount: number,
	capacity: number | null
): PlaceStatus {
	if (current === REGISTRATION_STATUS.confirmed || current === REGISTRATION_STATUS.waiting) return current;
	return statusOnConfirm(confirmedCount, capacity);
}
