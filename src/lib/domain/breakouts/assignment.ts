/**
 * Who goes into which room. Pure functions over people and rooms; the service stores the result
 * in one transaction.
 *
 * - random: shuffled, then dealt so that room sizes differ by at most one;
 * - mixed: as balanced as random, but each person goes to the room with the fewest people of
 *   the same district (the first five digits of their municipality's AGS) and, after that, of
 *   the same kind of organization;
 * - self: people pick a room by its topic, up to the room's cap;
 * - manual: the organizer moves people one by one.
 * Late joiners are placed by the same rule (see `placeLateJoiner`).
 */
import type { AssignmentMode } from './config';
import { shuffled, type Random } from './random';

export interface AssignablePerson {
	id: string;
	/** The district key (AGS prefix), or null when the municipality is unknown. */
	district: string | null;
	/** The kind of organization (see `organizationKindOf`), or null when unknown. */
	organizationKind: string | null;
}

/** A room as the late-joiner rule sees it: who is in it and how many it may hold. */
export interface RoomState {
	id: string;
	/** Null: no cap. */
	cap: number | null;
	members: AssignablePerson[];
}

/** The room ids by person id. */
export type Assignment = Map<string, string>;

/**
 * The district of an AGS (Amtlicher Gemeindeschlüssel, 8 digits: Land 2, Regierungsbezirk 1,
 * Kreis 2, Gemeinde 3): its first five digits name the Kreis or the kreisfreie Stadt.
 */
export function districtOf(ags: string | null | undefined): string | null {
	const digits = (ags ?? '').replace(/\D/g, '');
	return digits.length >= 5 ? digits.slice(0, 5) : null;
}

/**
 * The kind of an organization, from its name: the people table stores only the name, and the
 * common German forms tell a municipality, a district administration, an association or a
 * cultural institution apart well enough to mix rooms. Unknown stays null (never a guess).
 */
export function organizationKindOf(organization: string | null | undefined): string | null {
	const name = (organization ?? '').trim().toLocaleLowerCase('de');
	if (!name) return null;
	if (/\b(kreis|landkreis|kreisverwaltung)\b/.test(name)) return 'district';
	if (/^(stadt|gemeinde|hansestadt|kreisstadt)\b|stadtverwaltung|gemeindeverwaltung|rathaus/.test(name))
		return 'municipality';
	if (/\be\.\s?v\.|\bverein\b|\bförderverein\b|\bheimatverein\b/.test(name)) return 'association';
	if (/museum|bibliothek|bücherei|theater|musikschule|archiv|kulturzentrum/.test(name)) return 'institution';
	if (/\blwl\b|landschaftsverband/.test(name)) return 'regional';
	return 'other';
}

/**
 * Whether one more person may go into a room of `size` while keeping the sizes within one:
 * every room gets at least `floor`, and only `remainder` rooms get one more.
 */
function balancedEligible(sizes: number[], total: number): number[] {
	const rooms = sizes.length;
	const floor = Math.floor(total / rooms);
	const remainder = total % rooms;
	const fuller = sizes.filter((size) => size > floor).length;
	return sizes
		.map((size, index) => ({ size, index }))
		.filter(({ size }) => size < floor || (size === floor && fuller < remainder))
		.map(({ index }) => index);
}

/** Random and balanced: room sizes differ by at most one. */
export function assignRandom(
	people: readonly AssignablePerson[],
	roomIds: readonly string[],
	random: Random
): Assignment {
	if (!roomIds.length) throw new Error('assignRandom needs at least one room');
	const result: Assignment = new Map();
	// Rooms in a random order too, so that the larger rooms are not always the first ones.
	const order = shuffled(roomIds, random);
	shuffled(people, random).forEach((person, index) => result.set(person.id, order[index % order.length]!));
	return result;
}

/**
 * Mixed: as balanced as random, spreading districts first and kinds of organization second.
 * People of the largest groups are placed first (they are the hardest to spread); within a
 * group the order is random, and ties between rooms are broken at random.
 */
export function assignMixed(
	people: readonly AssignablePerson[],
	roomIds: readonly string[],
	random: Random
): Assignment {
	if (!roomIds.length) throw new Error('assignMixed needs at least one room');
	const groupSize = new Map<string, number>();
	for (const person of people) {
		const key = person.district ?? '';
		groupSize.set(key, (groupSize.get(key) ?? 0) + 1);
	}
	const ordered = shuffled(people, random)
		.map((person, index) => ({ person, index }))
		.sort(
			(a, b) =>
				(groupSize.get(b.person.district ?? '') ?? 0) - (groupSize.get(a.person.district ?? '') ?? 0) ||
				(a.person.district ?? '').localeCompare(b.person.district ?? '') ||
				a.index - b.index
		)
		.map(({ person }) => person);

	const rooms = roomIds.map(() => [] as AssignablePerson[]);
	const result: Assignment = new Map();
	for (const person of ordered) {
		const eligible = balancedEligible(
			rooms.map((room) => room.length),
			people.length
		);
		const index = bestSpreadingRoom(person, eligible, rooms, random);
		rooms[index]!.push(person);
		result.set(person.id, roomIds[index]!);
	}
	return result;
}

/** Among the candidate rooms, the one with the fewest of the person's district, then kind. */
function bestSpreadingRoom(
	person: AssignablePerson,
	candidates: readonly number[],
	rooms: readonly (readonly AssignablePerson[])[],
	random: Random
): number {
	const score = (index: number) => {
		const room = rooms[index]!;
		const sameDistrict =
			person.district === null ? 0 : room.filter((other) => other.district === person.district).length;
		const sameKind =
			person.organizationKind === null
				? 0
				: room.filter((other) => other.organizationKind === person.organizationKind).length;
		return sameDistrict * 1000 + sameKind * 10 + room.length;
	};
	const order = shuffled(candidates, random);
	return order.reduce((best, index) => (score(index) < score(best) ? index : best), order[0]!);
}

/** How a self-chosen pick turns out: placed, or the room is full. */
export type ChoiceOutcome = 'placed' | 'full';

/** Whether a person may pick this room (moving within the round frees their old place). */
export function choose(room: RoomState, personId: string): ChoiceOutcome {
	if (room.members.some((member) => member.id === personId)) return 'placed';
	return room.cap !== null && room.members.length >= room.cap ? 'full' : 'placed';
}

/**
 * Where a person who arrives after the assignment goes, by the round's rule: random → the
 * smallest room; mixed → among the smallest rooms the one that spreads best; self → their choice
 * (if it has space, else undefined: they must pick another); manual → undefined (the organizer
 * places them). Rooms at their cap are never chosen.
 */
export function placeLateJoiner(
	mode: AssignmentMode,
	person: AssignablePerson,
	rooms: readonly RoomState[],
	random: Random,
	choiceRoomId?: string
): string | undefined {
	const open = rooms.filter((room) => room.cap === null || room.members.length < room.cap);
	if (mode === 'manual' || !open.length) return undefined;
	if (mode === 'self') {
		const chosen = open.find((room) => room.id === choiceRoomId);
		return chosen?.id;
	}
	const smallest = Math.min(...open.map((room) => room.members.length));
	const candidates = open.filter((room) => room.members.length === smallest);
	if (mode === 'random') return shuffled(candidates, random)[0]!.id;
	const index = bestSpreadingRoom(
		person,
		candidates.map((_, i) => i),
		candidates.map((room) => room.members),
		random
	);
	return candidates[index]!.id;
}

/**
 * Self-chosen, when the organizer runs the assignment: those who picked keep their room; those
 * who did not go into the smallest room that still has space. Returns undefined for people no
 * room can take (all rooms at their cap).
 */
export function assignRemaining(
	unplaced: readonly AssignablePerson[],
	rooms: readonly RoomState[],
	random: Random
): Assignment {
	const state = rooms.map((room) => ({ ...room, members: [...room.members] }));
	const result: Assignment = new Map();
	for (const person of shuffled(unplaced, random)) {
		const roomId = placeLateJoiner('random', person, state, random);
		if (!roomId) continue;
		state.find((room) => room.id === roomId)!.members.push(person);
		result.set(person.id, roomId);
	}
	return result;
}

/** The largest minus the smallest room size: at most one for random and mixed. */
export function sizeSpread(assignment: Assignment, roomIds: readonly string[]): number {
	const sizes = roomIds.map((id) => [...assignment.values()].filter((room) => room === id).length);
	return Math.max(...sizes) - Math.min(...sizes);
}
