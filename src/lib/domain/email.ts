/**
 * Emails compare without case and surrounding spaces: Anna@Example.org is anna@example.org.
 * The one rule for it: registrations (unique per meeting), sign-in links, "my data", attendance
 * matching and the outbox's file names all use this function.
 */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}
