/**
 * Responses for files a user downloads (generated documentation, uploaded attachments). They are
 * always attachments, never sniffed, and run nothing if opened: an uploaded file could be HTML or
 * SVG in disguise, and a downloaded documentation.html must not load or run anything.
 */
export interface DownloadFile {
	bytes: Uint8Array;
	mediaType: string;
	fileName: string;
}

/** `attachment; filename="…"`, with an RFC 5987 `filename*` when the name is not plain ASCII. */
export function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	if (ascii === fileName) return `attachment; filename="${ascii}"`;
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function downloadResponse(
	file: DownloadFile,
	options: { contentSecurityPolicy: string; cacheControl?: string }
): Response {
	return new Response(Uint8Array.from(file.bytes), {
		status: 200,
		headers: {
			'Content-Type': file.mediaType,
			'Content-Length': String(file.bytes.length),
			'Content-Disposition': contentDisposition(file.fileName),
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': options.contentSecurityPolicy,
			'Cache-Control': options.cacheControl ?? 'private, no-store'
		}
	});
}
