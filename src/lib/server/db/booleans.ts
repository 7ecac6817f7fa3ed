/** Booleans are stored as 0/1 integers on both databases; these two functions are the only conversion. */
export function toBoolInt(value: boolean | null | undefined): number {
	return value ? 1 : 0;
}

export function fromBoolInt(value: number | boolean | null | undefined): boolean {
	return value === 1 || value === true;
}
