/** The request body as an object, with the path's names merged in (they win). */
export function withPath(body: unknown, path: Record<string, string | undefined>): Record<string, unknown> {
	const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
	return { ...(object as Record<string, unknown>), ...path };
}
