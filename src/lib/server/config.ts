import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The server's configuration, read once from the environment. Every variable is listed in the
 * README's configuration table; keep the two in step.
 */
const EnvironmentSchema = z.object({
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z.string().min(1).optional(),
	DEMO_DATA: z.enum(['on', 'off']).optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
	LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
	UPLOAD_LIMIT_MB: z.coerce.number().min(1).max(2000).default(50),
	SMTP_URL: z.string().min(1).optional(),
	MAIL_FROM: z.string().min(3).default('Netzwerkstatt <netzwerkstatt@localhost>'),
	ORIGIN: z.url().optional(),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	LIVE_STREAM_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10_000)
});

export interface AppConfig {
	dataDir: string;
	databaseUrl: string;
	isDemoDataEnabled: boolean;
	logLevel: z.infer<typeof EnvironmentSchema>['LOG_LEVEL'];
	sessionDays: number;
	/** Failed logins allowed per email and per client address within 15 minutes. */
	loginRateLimit: number;
	/** Largest uploaded file, in bytes. adapter-node's BODY_SIZE_LIMIT must be at least this much. */
	uploadLimitBytes: number;
	/** SMTP server for mails (smtp://user:password@host:587); without it mails go to DATA_DIR/outbox as .eml files. */
	smtpUrl: string | undefined;
	mailFrom: string;
	/** The address users reach the app at, for links in mails and calendars (ORIGIN, as adapter-node uses it). */
	publicOrigin: string;
	/** Live event streams this process keeps open at most, all sessions together (each a connection). */
	liveStreamLimit: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const parsed = EnvironmentSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues
			.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
			.join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	const values = parsed.data;
	const dataDir = resolve(values.DATA_DIR);
	const databaseUrl = values.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'netzwerkstatt.sqlite')}`;
	const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
	return {
		dataDir,
		databaseUrl,
		isDemoDataEnabled: values.DEMO_DATA ? values.DEMO_DATA === 'on' : !isPostgres,
		logLevel: values.LOG_LEVEL,
		sessionDays: values.SESSION_DAYS,
		loginRateLimit: values.LOGIN_RATE_LIMIT,
		uploadLimitBytes: Math.round(values.UPLOAD_LIMIT_MB * 1024 * 1024),
		smtpUrl: values.SMTP_URL,
		mailFrom: values.MAIL_FROM,
		publicOrigin: (values.ORIGIN ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
		liveStreamLimit: values.LIVE_STREAM_LIMIT
	};
}
