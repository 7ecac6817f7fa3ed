import { describe, expect, it } from 'vitest';
import { EventSequencer } from './event-sequencer';

const event = (seq: number) => ({ seq });
const seqsOf = (events: { seq: number }[]) => events.map((each) => each.seq);

describe('EventSequencer', () => {
	it('hands out events that come in order at once', () => {
		const sequencer = new EventSequencer(5);
		expect(seqsOf(sequencer.offer(event(5)))).toEqual([5]);
		expect(seqsOf(sequencer.offer(event(6)))).toEqual([6]);
		expect(sequencer.next).toBe(7);
		expect(sequencer.gap()).toBeUndefined();
	});

	it('holds early events until the ones before them come, then hands them out in order', () => {
		const sequencer = new EventSequencer(1);
		expect(sequencer.offer(event(3))).toEqual([]);
		expect(sequencer.offer(event(2))).toEqual([]);
		expect(sequencer.waiting).toBe(2);
		expect(sequencer.gap()).toEqual({ from: 1, to: 1, isNoticed: false });
		expect(seqsOf(sequencer.offer(event(1)))).toEqual([1, 2, 3]);
		expect(sequencer.waiting).toBe(0);
	});

	it('hands out every event once: repeats and events before the cursor are dropped', () => {
		const sequencer = new EventSequencer(10);
		expect(sequencer.offer(event(9))).toEqual([]);
		expect(seqsOf(sequencer.offer(event(10)))).toEqual([10]);
		expect(sequencer.offer(event(10))).toEqual([]);
		expect(sequencer.offer(event(12))).toEqual([]);
		expect(sequencer.offer(event(12))).toEqual([]);
		expect(seqsOf(sequencer.offer(event(11)))).toEqual([11, 12]);
	});

	it('puts any order of many events back in sequence', () => {
		const sequencer = new EventSequencer(1);
		const order = [7, 3, 9, 1, 2, 10, 5, 4, 8, 6];
		const delivered = order.flatMap((seq) => seqsOf(sequencer.offer(event(seq))));
		expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('reports the first gap only, up to the next event in hand', () => {
		const sequencer = new EventSequencer(1);
		sequencer.offer(event(4));
		sequencer.offer(event(8));
		expect(sequencer.gap()).toEqual({ from: 1, to: 3, isNoticed: false });
		sequencer.fill({ from: 1, to: 3, isNoticed: false }, [event(1), event(2), event(3)], true);
		expect(sequencer.gap()).toEqual({ from: 5, to: 7, isNoticed: false });
	});

	it('makes a notice a gap to read at once, up to the noticed number', () => {
		const sequencer = new EventSequencer(3);
		sequencer.notice(2); // before the cursor: nothing to do
		expect(sequencer.gap()).toBeUndefined();
		sequencer.notice(6);
		expect(sequencer.gap()).toEqual({ from: 3, to: 6, isNoticed: true });
		const gap = sequencer.gap()!;
		expect(seqsOf(sequencer.fill(gap, [3, 4, 5, 6].map(event), true))).toEqual([3, 4, 5, 6]);
		expect(sequencer.gap()).toBeUndefined();
	});

	it('passes over numbers a complete read did not find (pruned events), and what was held after them follows', () => {
		const sequencer = new EventSequencer(1);
		sequencer.offer(event(5));
		const gap = sequencer.gap()!;
		expect(gap).toEqual({ from: 1, to: 4, isNoticed: false });
		expect(seqsOf(sequencer.fill(gap, [event(3)], true))).toEqual([3, 5]);
		expect(sequencer.next).toBe(6);
	});

	it('after a read cut short by its limit, passes over only what the read covered', () => {
		const sequencer = new EventSequencer(1);
		sequencer.notice(10);
		const gap = sequencer.gap()!;
		expect(seqsOf(sequencer.fill(gap, [event(2), event(4)], false))).toEqual([2, 4]);
		expect(sequencer.next).toBe(5);
		expect(sequencer.gap()).toEqual({ from: 5, to: 10, isNoticed: true });
	});

	it('takes a read that the events it looked for overtook: nothing twice, nothing lost', () => {
		const sequencer = new EventSequencer(1);
		sequencer.offer(event(3));
		const gap = sequencer.gap()!; // 1…2, read from the store meanwhile
		expect(seqsOf(sequencer.offer(event(1)))).toEqual([1]);
		expect(seqsOf(sequencer.fill(gap, [event(1), event(2)], true))).toEqual([2, 3]);
		expect(sequencer.offer(event(2))).toEqual([]);
		expect(sequencer.gap()).toBeUndefined();
	});

	it('ignores rows beyond the gap it read (they come in their own turn)', () => {
		const sequencer = new EventSequencer(1);
		sequencer.offer(event(3));
		expect(seqsOf(sequencer.fill({ from: 1, to: 1, isNoticed: false }, [event(1), event(7)], true))).toEqual([
			1
		]);
		expect(sequencer.gap()).toEqual({ from: 2, to: 2, isNoticed: false });
	});
});
