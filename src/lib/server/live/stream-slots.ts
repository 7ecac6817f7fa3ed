/** How many live event streams may be open: per listener (a participant or moderator) and in all. */
export interface StreamLimits {
	perListener: number;
	total: number;
}

export type SlotGrant = { ok: true; release: () => void } | { ok: false; reason: 'listener' | 'total' };

/**
 * The open event streams of this process, counted per listener and in total. Each stream holds
 * memory and a connection for hours; a few tabs per person are normal, hundreds from one cookie
 * are not, and the instance as a whole has a ceiling. With several instances each counts its own.
 */
export class StreamSlots {
	private readonly perListener = new Map<string, number>();
	private total = 0;

	/** Takes a slot for the listener, or says which limit is reached. `release` may be called twice. */
	acquire(listener: string, limits: StreamLimits): SlotGrant {
		const mine = this.perListener.get(listener) ?? 0;
		if (mine >= limits.perListener) return { ok: false, reason: 'listener' };
		if (this.total >= limits.total) return { ok: false, reason: 'total' };
		this.perListener.set(listener, mine + 1);
		this.total += 1;
		let isReleased = false;
		return {
			ok: true,
			release: () => {
				if (isReleased) return;
				isReleased = true;
				this.total -= 1;
				const left = (this.perListener.get(listener) ?? 1) - 1;
				if (left > 0) this.perListener.set(listener, left);
				else this.perListener.delete(listener);
			}
		};
	}

	/** Open streams: of one listener, or in all. */
	count(listener?: string): number {
		return listener === undefined ? this.total : (this.perListener.get(listener) ?? 0);
	}
}
