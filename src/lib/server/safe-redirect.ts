/** Only same-site paths may be redirect targets; anything else goes home. */
export function safeRedirectTarget(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	return next;
}
