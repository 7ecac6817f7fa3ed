/** A small map whose entries expire, for the lookups on the vote path. */
export class ExpiringMap<V> {
	private readonly entries = new Map<string, { value: V; expiresAt: number }>();
	constructor(
		private readonly ttlMs: number,
		private readonly maxSize = 50_000
	) {}
	async get(key: string, load: () => Promise<V>): Promise<V> {
		const now = Date.now();
		const hit = this.entries.get(key);
		if (hit && hit.expiresAt > now) return hit.value;
		const value = await load();
		this.remember(key, value, now);
		return value;
	}
	remember(key: string, value: V, now = Date.now()): void {
		if (this.entries.size >= this.maxSize) this.entries.clear();
		this.entries.set(key, { value, expiresAt: now + this.ttlMs });
	}
}
