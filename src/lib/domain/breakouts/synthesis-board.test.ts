import { describe, expect, it } from 'vitest';
import { cardsByRoomAndColumn } from './synthesis-board';

const rooms = [
	{ id: 'r1', name: 'Raum 1', topic: null },
	{ id: 'r2', name: 'Raum 2', topic: 'Ehrenamt' }
];

describe('cardsByRoomAndColumn', () => {
	it('groups by room, then by the board’s columns in order, keeping empty rooms', () => {
		const cards = [
			{ id: 'a', roomId: 'r1', column: 'Ideen' },
			{ id: 'b', roomId: 'r1', column: 'Fragen' },
			{ id: 'c', roomId: 'r1', column: 'Ideen' }
		];
		const layout = cardsByRoomAndColumn(rooms, ['Fragen', 'Ideen'], cards);
		expect(layout.map((entry) => [entry.room.id, entry.cardCount])).toEqual([
			['r1', 3],
			['r2', 0]
		]);
		expect(layout[0]!.columns.map((column) => [column.name, column.cards.map((card) => card.id)])).toEqual([
			['Fragen', ['b']],
			['Ideen', ['a', 'c']]
		]);
		expect(layout[1]!.columns).toEqual([]);
	});

	it('puts columns the board no longer has after its own, and cards without a column last', () => {
		const cards = [
			{ id: 'a', roomId: 'r2', column: null },
			{ id: 'b', roomId: 'r2', column: 'Alt' },
			{ id: 'c', roomId: 'r2', column: 'Ideen' }
		];
		const layout = cardsByRoomAndColumn(rooms, ['Ideen'], cards);
		expect(layout[1]!.columns.map((column) => column.name)).toEqual(['Ideen', 'Alt', null]);
	});
});
