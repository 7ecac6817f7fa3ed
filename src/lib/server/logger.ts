import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout; one child logger per request carries its request id. */
export const logger: Logger = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: { app: 'netzwerkstatt' },
	redact: ['password', '*.password', 'token', '*.token']
});
