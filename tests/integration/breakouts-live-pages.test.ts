import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { listAgendaItems } from '../../src/lib/server/repositories/agenda';
import {
	addLiveCard,
	getParticipantRoom,
	startRoundFromAgendaItem
} from '../../src/lib/server/services/breakouts';
import { editCard } from '../../src/lib/server/services/breakouts-boards';
import {
	moderatorCardChange,
	overviewStream,
	streamPosition
} from '../../src/lib/server/services/breakouts-live-pages';
import { getCockpit } from '../../src/lib/server/services/live-moderation';
import { testDatabases } from '../helpers/databases';
import { rejection } from '../helpers/test-doubles';
import { runningLiveMeeting } from './live-fixtures';

for (const database of testDatabases()) {
	describe(`${database.name}: what the live breakout pages need to follow the stream`, () => {
		afterAll(() => database.close());

		/** A running session with the first breakout round started and one guest in it. */
		async function roundWithGuest() {
			const db = await database.open();
			const live = await runningLiveMeeting(db);
			const address = { seriesId: live.meeting.seriesSlug, number: live.meeting.number };
			const { meetingId } = await getCockpit(db, live.organizer.actor, address.seriesId, address.number);
			const anna = await live.guest('Anna');
			const item = (await listAgendaItems(db, meetingId)).find((entry) => entry.kind === 'breakout')!;
			await startRoundFromAgendaItem(db, live.bus, live.organizer.actor, address, item.id);
			return { ...live, db, address, meetingId, anna };
		}

		it('gives the overview the session’s digits and the stream’s position, which grows with every card', async () => {
			const { db, bus, code, organizer, address, meetingId, anna } = await roundWithGuest();
			const before = await overviewStream(db, organizer.actor, address);
			expect(before.digits).toBe(code);
			expect(before.position).toBe(await streamPosition(db, meetingId));
			const { id } = await addLiveCard(db, bus, anna, code, { text: 'Kulturstammtisch' });
			const after = await overviewStream(db, organizer.actor, address);
			expect(after.position).toBeGreaterThan(before.position);
			// What the page loads after the position holds the card; its event lies beyond the earlier position.
			const room = await getParticipantRoom(db, anna, code);
			expect(room?.cards.map((card) => card.id)).toEqual([id]);
			await bus.close();
		});

		it('refuses the overview’s stream to strangers (a draft is not found) and asks anonymous visitors to sign in', async () => {
			const { db, bus, make, address } = await roundWithGuest();
			const stranger = await make.organizer();
			// The imported meeting is a draft: someone who may not see it learns nothing of it.
			expect((await rejection(overviewStream(db, stranger.actor, address))).kind).toBe('not-found');
			expect((await rejection(overviewStream(db, anonymous, address))).kind).toBe('unauthenticated');
			await bus.close();
		});

		it('lets moderators change any card from the overview, and refuses strangers before the change runs', async () => {
			const { db, bus, code, make, organizer, address, anna } = await roundWithGuest();
			const { id } = await addLiveCard(db, bus, anna, code, { text: 'Seniorentreff' });
			const edit = (actor: typeof organizer.actor, text: string, version: number) => () =>
				editCard(db, actor, address, { cardId: id, text, version }, bus);
			await moderatorCardChange(
				db,
				organizer.actor,
				address,
				edit(organizer.actor, 'Seniorentreff mittwochs', 1)
			);
			// A second edit of the same version is a conflict that names the current text.
			const stale = await rejection(
				moderatorCardChange(db, organizer.actor, address, edit(organizer.actor, 'Seniorentreff dienstags', 1))
			);
			expect(stale.kind).toBe('conflict');
			expect(stale.summary.params).toMatchObject({
				currentText: 'Seniorentreff mittwochs',
				currentVersion: 2
			});

			const stranger = await make.organizer();
			let ran = false;
			const refused = await rejection(
				moderatorCardChange(db, stranger.actor, address, async () => {
					ran = true;
				})
			);
			expect(refused.kind).toBe('not-found');
			expect(ran).toBe(false);
			const room = await getParticipantRoom(db, anna, code);
			expect(room?.cards[0]).toMatchObject({ text: 'Seniorentreff mittwochs', version: 2 });
			await bus.close();
		});
	});
}
