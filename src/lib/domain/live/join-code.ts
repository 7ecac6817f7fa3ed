/**
 * Join codes of live sessions: six digits, easy to read aloud and type on a phone. Stored as
 * digits only ("482913"), shown in two groups ("482 913"); input may contain spaces.
 */
export const JOIN_CODE = /^\d{6}$/;

/** A random code from a source of random integers (crypto in production, fixed in tests). */
export function generateJoinCode(randomInt: (maxExclusive: number) => number): string {
	return String(randomInt(1_000_000)).padStart(6, '0');
}

/** "482913" → "482 913". */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** What someone typed ("482 913", " 482-913 ") as stored digits, or undefined when it is no code. */
export function normalizeJoinCode(input: string): string | undefined {
	const digits = input.replace(/[\s-]/g, '');
	return JOIN_CODE.test(digits) ? digits : undefined;
}
