/** String lists (paragraphs, guiding questions, partner sectors) are stored as JSON text: one place converts them. */
export function toJsonList(values: readonly string[] | null | undefined): string {
	return JSON.stringify(values ?? []);
}

export function fromJsonList(text: string | null | undefined): string[] {
	if (!text) return [];
	const parsed: unknown = JSON.parse(text);
	if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === 'string')) {
		throw new Error(`Stored list is not an array of strings: ${text.slice(0, 80)}`);
	}
	return parsed;
}
