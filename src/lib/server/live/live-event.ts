import { scopeOf, type EventScope } from '../../domain/live/visibility';
import type { LiveEventRecord } from '../repositories/live-events';

/** What travels on a meeting's stream: `state` (what is current), coalesced `tally` events and `card` changes of breakout boards. */
export type LiveEventType = 'state' | 'tally' | 'card';

export interface LiveEvent {
	meetingId: string;
	seq: number;
	type: LiveEventType;
	/** The event's JSON payload, serialized once for every listener. */
	json: string;
	/** Who may see it (domain/live/visibility.ts), read from the payload once, when the event is made. */
	scope: EventScope;
}

export type LiveListener = (event: LiveEvent) => void;

/** An event as stored in live_events (another instance's, or one replayed): its payload is parsed once here. */
export function eventFromRow(row: LiveEventRecord): LiveEvent {
	const type = row.type as LiveEventType;
	return {
		meetingId: row.meetingId,
		seq: row.seq,
		type,
		json: row.payload,
		scope: scopeOf(type, JSON.parse(row.payload))
	};
}
