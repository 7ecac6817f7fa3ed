import { describe, expect, it } from 'vitest';
import {
	checkAgenda,
	checkItemInAgenda,
	earliestStart,
	checkMeetingTimes,
	fromMinutes,
	layOutSequentially,
	nextFreeStart,
	reorder,
	shiftAgenda,
	toMinutes
} from './agenda-timing';

const meeting = { start: '14:00', end: '16:00' };
const item = (start: string, end: string, title = `${start}-${end}`) => ({ start, end, title });

describe('agenda timing', () => {
	it('converts times and minutes both ways', () => {
		expect(toMinutes('14:05')).toBe(845);
		expect(fromMinutes(845)).toBe('14:05');
		expect(() => toMinutes('24:00')).toThrow();
	});

	it('accepts the founding agenda', () => {
		const slots = [
			'14:00',
			'14:05',
			'14:10',
			'14:15',
			'14:20',
			'14:35',
			'14:45',
			'15:05',
			'15:10',
			'15:35',
			'15:55',
			'16:00'
		];
		const items = slots.slice(0, -1).map((start, i) => item(start, slots[i + 1]!));
		expect(checkAgenda(meeting, items)).toEqual([]);
	});

	it('names an item that ends before it starts', () => {
		const problems = checkAgenda(meeting, [item('14:30', '14:10', 'Umfrage')]);
		expect(problems).toEqual([
			expect.objectContaining({
				index: 0,
				field: 'end',
				key: 'agenda.endNotAfterStart',
				params: expect.objectContaining({ title: 'Umfrage' })
			})
		]);
	});

	it('names items outside the meeting', () => {
		const problems = checkAgenda(meeting, [item('13:50', '14:05', 'Früh'), item('15:50', '16:10', 'Spät')]);
		expect(problems.map((p) => [p.index, p.field, p.key])).toEqual([
			[0, 'start', 'agenda.outsideMeeting'],
			[1, 'end', 'agenda.outsideMeeting']
		]);
	});

	it('names the later of two overlapping items and the other', () => {
		const problems = checkAgenda(meeting, [item('14:00', '14:30', 'A'), item('14:20', '14:40', 'B')]);
		expect(problems).toEqual([
			{ index: 1, field: 'start', key: 'agenda.overlaps', params: { title: 'B', other: 'A' } }
		]);
	});

	it('finds an overlap with an item listed out of time order', () => {
		const problems = checkAgenda(meeting, [item('15:00', '15:30', 'Late'), item('14:00', '15:10', 'Long')]);
		expect(problems).toEqual([
			{ index: 1, field: 'start', key: 'agenda.overlaps', params: { title: 'Long', other: 'Late' } }
		]);
	});

	it('lets items touch without overlapping', () => {
		expect(checkAgenda(meeting, [item('14:00', '14:30'), item('14:30', '15:00')])).toEqual([]);
	});

	it('refuses a meeting that ends before it starts', () => {
		expect(checkMeetingTimes({ start: '16:00', end: '14:00' })).toHaveLength(1);
		expect(checkMeetingTimes(meeting)).toEqual([]);
	});

	it('reorders and recomputes times from durations', () => {
		const items = [item('14:00', '14:05', 'A'), item('14:05', '14:20', 'B'), item('14:20', '14:30', 'C')];
		const moved = reorder(items, 2, 0);
		expect(moved.map((i) => [i.title, i.start, i.end])).toEqual([
			['C', '14:00', '14:10'],
			['A', '14:10', '14:15'],
			['B', '14:15', '14:30']
		]);
		expect(layOutSequentially([item('10:00', '10:30', 'X')], '14:00')[0]).toMatchObject({
			start: '14:00',
			end: '14:30'
		});
	});

	it('shifts an agenda to a new start', () => {
		const shifted = shiftAgenda([item('14:00', '14:05'), item('14:05', '14:30')], '14:00', '10:30');
		expect(shifted.map((i) => [i.start, i.end])).toEqual([
			['10:30', '10:35'],
			['10:35', '11:00']
		]);
	});

	it('proposes the next free start', () => {
		expect(nextFreeStart(meeting, [])).toBe('14:00');
		expect(nextFreeStart(meeting, [item('14:00', '14:25')])).toBe('14:25');
	});
});

describe('checking one item against its agenda', () => {
	const begruessung = item('14:05', '14:10', 'Begrüßung');
	const ankommen = item('14:00', '14:05', 'Ankommen');

	it('accepts an item that fits between the others', () => {
		expect(
			checkItemInAgenda(meeting, [ankommen, begruessung], item('14:10', '14:15', 'Kurze Umfrage'))
		).toEqual([]);
	});

	it('names the item and the one it overlaps', () => {
		expect(
			checkItemInAgenda(meeting, [ankommen, begruessung], item('14:08', '14:15', 'Kurze Umfrage'))
		).toEqual([
			{ field: 'start', key: 'agenda.overlaps', params: { title: 'Kurze Umfrage', other: 'Begrüßung' } }
		]);
		expect(checkItemInAgenda(meeting, [begruessung], item('14:00', '14:07', 'Früh'))).toEqual([
			{ field: 'end', key: 'agenda.overlaps', params: { title: 'Früh', other: 'Begrüßung' } }
		]);
	});

	it('refuses an end before the start and an item outside the meeting', () => {
		expect(checkItemInAgenda(meeting, [], item('14:30', '14:20', 'Rückwärts'))).toEqual([
			expect.objectContaining({ field: 'end', key: 'agenda.endNotAfterStart' })
		]);
		expect(checkItemInAgenda(meeting, [], item('15:50', '16:10', 'Zu lang'))).toEqual([
			{
				field: 'end',
				key: 'agenda.outsideMeeting',
				params: { title: 'Zu lang', start: '14:00', end: '16:00' }
			}
		]);
	});

	it('finds the earliest start', () => {
		expect(earliestStart([ankommen, begruessung].reverse())).toBe('14:00');
	});
});
