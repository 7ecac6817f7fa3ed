/**
 * The schemes a stored address may have to become a link: web pages and mail. Anything else
 * (`javascript:`, `data:`, `vbscript:`, `file:` …) could run code or reach local files when clicked.
 */
export const LINK_PROTOCOLS: readonly string[] = ['https:', 'http:', 'mailto:'];

/** Whether an absolute address may be rendered as a link (parsed as a browser parses it). */
export function isLinkUrl(url: string): boolean {
	try {
		return LINK_PROTOCOLS.includes(new URL(url.trim()).protocol);
	} catch {
		return false;
	}
}

/**
 * Defence in depth for renderers and pages: the address when it may be a link, else undefined
 * (an `href={undefined}` attribute is left out). Input is validated on the way in; this guards
 * against whatever got stored before that, or by another way.
 */
export function safeHref(url: string | null | undefined): string | undefined {
	if (typeof url !== 'string') return undefined;
	return isLinkUrl(url) ? url.trim() : undefined;
}
