/** A generated file (export, list) as a download; personal data, so never kept by a shared cache. */
export function downloadResponse(file: {
	body: string | Uint8Array;
	contentType: string;
	fileName: string;
}): Response {
	return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
}
