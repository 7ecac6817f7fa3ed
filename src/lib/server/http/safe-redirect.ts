/**
 * Control characters (a tab or line break inside the path is dropped by browsers, so `/\t/evil`
 * becomes `//evil`) and backslashes (read as slashes by browsers) are never part of a target.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * The one check for redirects to a user-given target (`?next=`): only a path on our own origin,
 * returned as path and query (no fragment), else the fallback. The target is resolved against
 * the origin with the URL parser, so what the browser would follow is what is compared.
 */
export function safeRedirectTarget(next: string | null | undefined, origin: string, fallback = '/'): string {
	if (!next || !next.startsWith('/') || UNSAFE.test(next)) return fallback;
	let base: URL;
	let target: URL;
	try {
		base = new URL(origin);
		target = new URL(next, base);
	} catch {
		return fallback;
	}
	if (target.origin !== base.origin) return fallback;
	const path = target.pathname + target.search;
	// `/.//evil` resolves to the path `//evil`, which a browser reads as another host.
	if (!path.startsWith('/') || path.startsWith('//')) return fallback;
	return path;
}
