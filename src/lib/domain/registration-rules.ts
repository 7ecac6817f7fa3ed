/**
 * Pure rules of registration: statuses, places and the waiting list. The services apply them
 * inside transactions; here they are plain functions, tested on their own.
 */
export const registrationStatuses = ['invited', 'pending', 'confirmed', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrationSources = ['self', 'organizer', 'invitation', 'api'] as const;
export type RegistrationSource = (typeof registrationSources)[number];

/** How long a confirmation link stays valid. */
export const CONFIRM_LINK_DAYS = 7;
/** How long a sign-in link stays valid. */
export const MAGIC_LINK_MINUTES = 15;

/** Emails compare without case and surrounding spaces: Anna@Example.org is anna@example.org. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Whether one more person can be confirmed; `capacity` null means no limit. */
export function hasFreePlace(confirmedCount: number, capacity: number | null): boolean {
	return capacity === null || confirmedCount < capacity;
}

/** What a registration becomes when it is confirmed: a place if there is one, else the waiting list. */
export function statusOnConfirm(confirmedCount: number, capacity: number | null): 'confirmed' | 'waiting' {
	return hasFreePlace(confirmedCount, capacity) ? 'confirmed' : 'waiting';
}

/** The statuses that hold or wait for a place, and so block a second registration with the same email. */
export function isActive(status: string): boolean {
	return status !== 'cancelled';
}

/**
 * Who moves up when places are free: the longest-waiting first, as many as there are free
 * places. `waiting` is ordered by nothing in particular; the rule orders it.
 */
export function chooseToMoveUp<T extends { id: string; waitingSince: string | null; createdAt: string }>(
	waiting: readonly T[],
	confirmedCount: number,
	capacity: number | null
): T[] {
	const free = capacity === null ? waiting.length : Math.max(0, capacity - confirmedCount);
	return [...waiting]
		.sort(
			(a, b) =>
				(a.waitingSince ?? a.createdAt).localeCompare(b.waitingSince ?? b.createdAt) ||
				a.id.localeCompare(b.id)
		)
		.slice(0, free);
}
