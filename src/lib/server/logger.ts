import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs on stdout; one child logger per request carries its request id. Tests
 * (NODE_ENV=test) log warnings and errors only, so that their output stays readable.
 */
export const logger: Logger = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: { app: 'netzwerkstatt' },
	redact: ['password', '*.password', 'token', '*.token']
});

export const REDACTED = '[redacted]';

/**
 * Addresses whose next path segment is a secret: whoever holds it confirms or manages a
 * registration, signs in, or joins a live session. Only the segment itself is replaced.
 */
const SECRET_SEGMENT_AFTER = [
	'/login/link/',
	'/registrations/confirm/',
	'/registrations/manage/',
	'/live/',
	'/api/v1/live/'
];

/** Query parameters whose values are secrets. */
const SECRET_QUERY = /^(token|code|key|secret|password|magic|link)$/i;

/**
 * A request path (with or without its query) as it may be logged: the secret path segments
 * (tokens of registrations and sign-in links, live join codes) and secret query values are
 * replaced with `[redacted]`. Everything else stays, so the log still says which page it was.
 */
export function redactPath(pathAndQuery: string): string {
	const queryStart = pathAndQuery.indexOf('?');
	let path = queryStart < 0 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
	const query = queryStart < 0 ? '' : pathAndQuery.slice(queryStart + 1);
	for (const prefix of SECRET_SEGMENT_AFTER) {
		if (!path.startsWith(prefix)) continue;
		const rest = path.slice(prefix.length);
		const slash = rest.indexOf('/');
		const segment = slash < 0 ? rest : rest.slice(0, slash);
		if (segment) path = `${prefix}${REDACTED}${slash < 0 ? '' : rest.slice(slash)}`;
		break;
	}
	if (!query) return queryStart < 0 ? path : `${path}?`;
	const parts = query.split('&').map((part) => {
		const equals = part.indexOf('=');
		const name = equals < 0 ? part : part.slice(0, equals);
		let decoded = name;
		try {
			decoded = decodeURIComponent(name.replace(/\+/g, ' '));
		} catch {
			// a malformed name is kept as it came
		}
		return equals >= 0 && SECRET_QUERY.test(decoded) ? `${name}=${REDACTED}` : part;
	});
	return `${path}?${parts.join('&')}`;
}
