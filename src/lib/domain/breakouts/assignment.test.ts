import { describe, expect, it } from 'vitest';
import {
	assignMixed,
	assignRandom,
	assignRemaining,
	choose,
	districtOf,
	organizationKindOf,
	placeLateJoiner,
	sizeSpread,
	type AssignablePerson,
	type RoomState
} from './assignment';
import { roomCountFor } from './config';
import { seededRandom } from './random';

const people = (count: number, districts: string[] = ['05515'], kinds: string[] = ['municipality']) =>
	Array.from({ length: count }, (_, i): AssignablePerson => ({
		id: `p${i}`,
		district: districts[i % districts.length]!,
		organizationKind: kinds[i % kinds.length]!
	}));
const rooms = (count: number) => Array.from({ length: count }, (_, i) => `r${i}`);

describe('room count', () => {
	it('takes a fixed count, or as many rooms as the room size needs', () => {
		expect(roomCountFor({ kind: 'count', rooms: 4 }, 10)).toBe(4);
		expect(roomCountFor({ kind: 'size', perRoom: 4 }, 10)).toBe(3);
		expect(roomCountFor({ kind: 'size', perRoom: 5 }, 0)).toBe(1);
	});
});

describe('random assignment', () => {
	it('places everyone, with room sizes within one', () => {
		for (const [count, roomCount] of [
			[10, 3],
			[23, 5],
			[7, 7],
			[3, 5]
		] as const) {
			const result = assignRandom(people(count), rooms(roomCount), seededRandom(count));
			expect(result.size).toBe(count);
			expect(sizeSpread(result, rooms(roomCount))).toBeLessThanOrEqual(1);
		}
	});

	it('is deterministic for a seed and differs between seeds', () => {
		const a = assignRandom(people(20), rooms(4), seededRandom(1));
		const b = assignRandom(people(20), rooms(4), seededRandom(1));
		const c = assignRandom(people(20), rooms(4), seededRandom(2));
		expect([...a]).toEqual([...b]);
		expect([...a]).not.toEqual([...c]);
	});
});

describe('mixed assignment', () => {
	it('spreads each district across rooms, balanced within one', () => {
		// 4 districts of 4 people each into 4 rooms: every room gets one of each district.
		const group = people(16, ['05515', '05558', '05970', '05754']);
		const result = assignMixed(group, rooms(4), seededRandom(7));
		expect(sizeSpread(result, rooms(4))).toBe(0);
		for (const room of rooms(4)) {
			const districts = group.filter((p) => result.get(p.id) === room).map((p) => p.district);
			expect(new Set(districts).size).toBe(4);
		}
	});

	it('spreads kinds of organization when districts are alike', () => {
		const group = people(8, ['05515'], ['municipality', 'association']);
		const result = assignMixed(group, rooms(2), seededRandom(3));
		for (const room of rooms(2)) {
			const kinds = group.filter((p) => result.get(p.id) === room).map((p) => p.organizationKind);
			expect(kinds.filter((k) => k === 'municipality')).toHaveLength(2);
		}
	});

	it('keeps sizes within one for uneven numbers', () => {
		const group = people(11, ['05515', '05515', '05558']);
		expect(sizeSpread(assignMixed(group, rooms(3), seededRandom(5)), rooms(3))).toBeLessThanOrEqual(1);
	});
});

describe('districts and kinds', () => {
	it('reads the district from the AGS', () => {
		expect(districtOf('05515000')).toBe('05515');
		expect(districtOf('0591')).toBeNull();
		expect(districtOf(null)).toBeNull();
	});

	it('tells common kinds of organization apart', () => {
		expect(organizationKindOf('Stadt Münster')).toBe('municipality');
		expect(organizationKindOf('Kreis Steinfurt')).toBe('district');
		expect(organizationKindOf('Heimatverein Olfen e. V.')).toBe('association');
		expect(organizationKindOf('Stadtbibliothek Hamm')).toBe('institution');
		expect(organizationKindOf('')).toBeNull();
	});
});

describe('self-chosen rooms and late joiners', () => {
	const room = (id: string, size: number, cap: number | null = null, district = '05515'): RoomState => ({
		id,
		cap,
		members: people(size, [district]).map((p) => ({ ...p, id: `${id}-${p.id}` }))
	});
	const late: AssignablePerson = { id: 'late', district: '05515', organizationKind: 'municipality' };

	it('refuses a full room and accepts one with space', () => {
		expect(choose(room('a', 3, 3), 'x')).toBe('full');
		expect(choose(room('a', 2, 3), 'x')).toBe('placed');
		expect(choose(room('a', 2, null), 'x')).toBe('placed');
	});

	it('puts a late joiner into the smallest room (random), the best-spreading one (mixed), their choice (self)', () => {
		const random = seededRandom(1);
		expect(placeLateJoiner('random', late, [room('a', 3), room('b', 2), room('c', 3)], random)).toBe('b');
		const mixed = [room('a', 2, null, '05515'), room('b', 2, null, '05558'), room('c', 3, null, '05970')];
		expect(placeLateJoiner('mixed', late, mixed, random)).toBe('b');
		expect(placeLateJoiner('self', late, [room('a', 1, 2), room('b', 0, 2)], random, 'a')).toBe('a');
		expect(placeLateJoiner('self', late, [room('a', 2, 2), room('b', 0, 2)], random, 'a')).toBeUndefined();
		expect(placeLateJoiner('manual', late, [room('a', 0)], random)).toBeUndefined();
	});

	it('places those who did not choose into rooms with space', () => {
		const result = assignRemaining(people(3), [room('a', 2, 3), room('b', 0, 2)], seededRandom(9));
		expect([...result.values()].sort()).toEqual(['a', 'b', 'b']);
	});
});
