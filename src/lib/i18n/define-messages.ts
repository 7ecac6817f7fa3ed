/**
 * Declares one area's messages in both languages. The English dictionary must have exactly the
 * German keys, which the type checker enforces.
 */
export function defineMessages<const German extends Record<string, string>>(
	de: German,
	en: { [Key in keyof German]: string }
): { de: German; en: { [Key in keyof German]: string } } {
	return { de, en };
}
