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
