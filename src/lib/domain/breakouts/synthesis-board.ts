/**
 * The synthesis page's layout of a round's cards: room by room (rooms without cards too), within a
 * room column by column in the board's order, cards in their order. Columns a card names but the
 * round no longer has follow the board's; cards without a column come last. Pure, for the page.
 */

export interface BoardCard {
	id: string;
	roomId: string;
	column: string | null;
}

export interface RoomColumns<Card> {
	room: { id: string; name: string; topic: string | null };
	/** `name` null: the cards without a column. */
	columns: { name: string | null; cards: Card[] }[];
	cardCount: number;
}

export function cardsByRoomAndColumn<Card extends BoardCard>(
	rooms: { id: string; name: string; topic: string | null }[],
	boardColumns: string[],
	cards: Card[]
): RoomColumns<Card>[] {
	return rooms.map((room) => {
		const own = cards.filter((card) => card.roomId === room.id);
		const names: (string | null)[] = [...boardColumns];
		for (const card of own) if (card.column !== null && !names.includes(card.column)) names.push(card.column);
		names.push(null);
		return {
			room,
			columns: names
				.map((name) => ({ name, cards: own.filter((card) => card.column === name) }))
				.filter((column) => column.cards.length > 0),
			cardCount: own.length
		};
	});
}
