/**
 * Pure rules of registration: statuses, places and the waiting list. The services apply them
 * inside transactions; here they are plain functions, tested on their own.
 */
/**
 * The statuses of a registration, spelled here once; everything else imports them.
 * invited: asked to register (by an organizer) · pending: registered, waiting for the confirmation
 * link · confirmed: holds a place · waiting: on the waiting list · cancelled.
 */
export const REGISTRATION_STATUS = {
	invited: 'invited',
	pending: 'pending',
	confirmed: 'confirmed',
	waiting: 'waiting',
	cancelled: 'cancelled'
} as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUS)[keyof typeof REGISTRATION_STATUS];
/** In the order lists and counts show them. */
export const registrationStatuses = [
	REGISTRATION_STATUS.invited,
	REGISTRATION_STATUS.pending,
	REGISTRATION_STATUS.confirmed,
	REGISTRATION_STATUS.waiting,
	REGISTRATION_STATUS.cancelled
] as const satisfies readonly RegistrationStatus[];
/** The statuses a confirmation link is valid in: the link is spent when the registration leaves them. */
export const AWAITING_CONFIRMATION: readonly RegistrationStatus[] = [
	REGISTRATION_STATUS.pending,
	REGISTRATION_STATUS.invited
];
/** Every status but cancelled: those that hold, wait for or are offered a place. */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = [
	REGISTRATION_STATUS.invited,
	REGISTRATION_STATUS.pending,
	REGISTRATION_STATUS.confirmed,
	REGISTRATION_STATUS.waiting
];

export function isRegistrationStatus(value: string): value is RegistrationStatus {
	return (registrationStatuses as readonly string[]).includes(value);
}

export const registrationSources = ['self', 'organizer', 'invitation', 'api'] as const;
export type RegistrationSource = (typeof registrationSources)[number];

/** How long a confirmation link stays valid. */
export const CONFIRM_LINK_DAYS = 7;
/** How long a sign-in link stays valid. */
export const MAGIC_LINK_MINUTES = 15;

/** The statuses that come of confirming: a place, or the waiting list. */
export type PlaceStatus = typeof REGISTRATION_STATUS.confirmed | typeof REGISTRATION_STATUS.waiting;

/** Whether one more person can be confirmed; `capacity` null means no limit. */
export function hasFreePlace(confirmedCount: number, capacity: number | null): boolean {
	return capacity === null || confirmedCount < capacity;
}

/** What a registration becomes when it is confirmed: a place if there is one, else the waiting list. */
export function statusOnConfirm(confirmedCount: number, capacity: number | null): PlaceStatus {
	return hasFreePlace(confirmedCount, capacity) ? REGISTRATION_STATUS.confirmed : REGISTRATION_STATUS.waiting;
}

/** The statuses that hold or wait for a place, and so block a second registration with the same email. */
export function isActive(status: string): boolean {
	return status !== REGISTRATION_STATUS.cancelled;
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
