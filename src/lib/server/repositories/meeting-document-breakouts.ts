import type { Kysely } from 'kysely';
import type { MeetingPart } from '../../domain/exchange-format/schema';
import type { Database } from '../db/schema';
import { compact, emptyToUndefined, opt, optList } from './meeting-document-series';

/** The breakout rounds of a meeting as the exchange document's `breakoutRounds`: rooms, members, cards. */
export async function readBreakoutsPart(
	db: Kysely<Database>,
	meetingId: string,
	/** A person's key in the document, by their row id. */
	keyOf: (personId: string) => string
): Promise<{ part: MeetingPart['breakoutRounds']; keyOf: Map<string, string> }> {
	const rounds = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const rooms = await db
		.selectFrom('breakout_rooms')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['breakout_rooms.id', 'breakout_rooms.round_id', 'breakout_rooms.name'])
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('breakout_rooms.position')
		.execute();
	const members = await db
		.selectFrom('breakout_room_members')
		.innerJoin('people', 'people.id', 'breakout_room_members.person_id')
		.select(['breakout_room_members.room_id', 'breakout_room_members.person_id'])
		.where('people.meeting_id', '=', meetingId)
		.orderBy('breakout_room_members.position')
		.execute();
	const cards = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['board_cards.room_id', 'board_cards.text', 'board_cards.column_name', 'board_cards.vote_count'])
		// Imported dot votes plus the live ones (services/breakouts.ts), one `votes` for both.
		.select((eb) =>
			eb
				.selectFrom('board_card_votes')
				.select((inner) => inner.fn.countAll<number | string>().as('n'))
				.whereRef('board_card_votes.card_id', '=', 'board_cards.id')
				.as('live_votes')
		)
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('board_cards.position')
		.execute();

	return {
		part: emptyToUndefined(
			rounds.map((round) =>
				compact({
					id: round.round_key,
					title: round.title,
					description: opt(round.description),
					questions: optList(round.questions),
					rooms: rooms
						.filter((room) => room.round_id === round.id)
						.map((room) =>
							compact({
								name: room.name,
								participants: emptyToUndefined(
									members.filter((m) => m.room_id === room.id).map((m) => keyOf(m.person_id))
								),
								cards: emptyToUndefined(
									cards
										.filter((card) => card.room_id === room.id)
										.map((card) =>
											compact({
												text: card.text,
												column: opt(card.column_name),
												votes: card.vote_count + Number(card.live_votes ?? 0) || undefined
											})
										)
								)
							})
						),
					synthesis: optList(round.synthesis)
				})
			)
		),
		keyOf: new Map(rounds.map((round) => [round.id, round.round_key]))
	};
}
