import type { IncomingMessage, ServerResponse } from 'node:http';
import { getAppContext } from '../app';
import { logger } from '../logger';
import type { CookieReader } from '../services/live-participants';
import { parseJsonText } from './api';
import { castVoteFromRequest } from './live-vote';
import { problemDocumentOf } from './problems';
import { assertSameOrigin, logRequest, recognizeRequest, setSecurityHeaders } from './request-guard';

/**
 * The live vote (POST /api/v1/live/{code}/votes) served ahead of SvelteKit, by the server entry
 * scripts/server.js. Why: a live poll brings thousands of votes within seconds, and around the
 * endpoint SvelteKit spent about as much as the vote itself — adapter-node turning Node's request
 * into a Fetch Request (with a body stream) and the Response back, the router (whose parameter
 * matchers are imported per request), the event object and the endpoint wrapper. A lighter path
 * inside the `handle` hook would still pay the request and response conversion, so the vote is
 * answered here on Node's own request and response, with the same steps as the hook and the route
 * (request-guard.ts, live-vote.ts, problems.ts): request id, locale, actor, origin check, body
 * limit, problem documents, security headers, request log. Anything unusual (another method, a
 * body that is not JSON, an address SvelteKit would normalize) is left to SvelteKit, whose route
 * answers it as before.
 */

/** What the server entry knows of the transport, as adapter-node configures it. */
export interface ServerTransport {
	/** Our origin (adapter-node's ORIGIN), as SvelteKit's `url.origin` has it. */
	origin: string;
	/** adapter-node's BODY_SIZE_LIMIT in bytes (Infinity: none). */
	bodySizeLimit: number;
	/** The client's address as SvelteKit's `getClientAddress` gives it; undefined: leave it to SvelteKit. */
	clientAddress(req: IncomingMessage): string | undefined;
}

/** Answers the request and returns true, or returns false and leaves it untouched for SvelteKit. */
export type FastPath = (req: IncomingMessage, res: ServerResponse, transport: ServerTransport) => boolean;

/** Where the app leaves its fast path for the server entry (which cannot import the bundle's modules). */
export const FAST_PATH_KEY = Symbol.for('netzwerkstatt.fast-path');

/** Called from the `init` hook: the server entry finds the fast path once the bundle has loaded. */
export function registerVoteFastPath(): void {
	(globalThis as Record<symbol, unknown>)[FAST_PATH_KEY] = serveVote;
}

/** Plain join codes only: `.`, `%` and the like are for SvelteKit's normalization to resolve. */
const VOTE_PATH = /^\/api\/v1\/live\/([\w-]{1,40})\/votes$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

export const serveVote: FastPath = (req, res, transport) => {
	if (req.method !== 'POST') return false;
	const url = req.url ?? '';
	const queryStart = url.indexOf('?');
	const pathname = queryStart < 0 ? url : url.slice(0, queryStart);
	const match = VOTE_PATH.exec(pathname);
	// Form encodings would first meet SvelteKit's own origin check of form posts: theirs to answer.
	if (!match || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return false;
	const clientAddress = transport.clientAddress(req);
	if (clientAddress === undefined) return false;
	answerVote(req, res, transport, { code: match[1]!, pathname, clientAddress }).catch((error: unknown) => {
		logger.error({ err: error }, 'the vote fast path failed');
		if (res.headersSent) res.destroy();
		else res.writeHead(500).end();
	});
	return true;
};

async function answerVote(
	req: IncomingMessage,
	res: ServerResponse,
	transport: ServerTransport,
	request: { code: string; pathname: string; clientAddress: string }
): Promise<void> {
	const startedAt = performance.now();
	const { database, config } = await getAppContext();
	const cookies = cookieReader(req.headers.cookie);
	const context = await recognizeRequest(database.db, {
		requestIdHeader: header(req, 'x-request-id'),
		authorization: header(req, 'authorization'),
		cookies
	});
	let status = 200;
	let body: string;
	let contentType = 'application/json';
	try {
		assertSameOrigin(
			{
				method: 'POST',
				origin: header(req, 'origin'),
				ownOrigin: transport.origin,
				authenticatedBy: context.authenticatedBy
			},
			{ guestCookies: true }
		);
		const result = await castVoteFromRequest(database.db, {
			viewer: { actor: context.actor, cookies },
			code: request.code,
			readBody: async () => parseJsonText(await readBody(req, transport.bodySizeLimit)),
			clientAddress: request.clientAddress
		});
		body = JSON.stringify(result);
	} catch (error) {
		const problem = problemDocumentOf(error, context.locale, context.requestId);
		status = problem.status;
		body = JSON.stringify(problem);
		contentType = 'application/problem+json; charset=utf-8';
	}
	res.statusCode = status;
	res.setHeader('content-length', Buffer.byteLength(body));
	res.setHeader('content-type', contentType);
	setSecurityHeaders(
		{ set: (name, value) => res.setHeader(name.toLowerCase(), value), has: (name) => res.hasHeader(name) },
		context.requestId,
		config.publicOrigin
	);
	res.end(body);
	logRequest(context, { method: 'POST', pathname: request.pathname, status, startedAt });
}

/** A request header as the Fetch API's `headers.get` gives it (Node joins repeated ones alike). */
function header(req: IncomingMessage, name: string): string | null {
	const value = req.headers[name];
	return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** A body over the limit: status 413, as adapter-node's reader fails (problems.ts `isBodyTooLarge`). */
class BodyTooLargeError extends Error {
	readonly status = 413;
}

/**
 * The body as text, as adapter-node reads it for SvelteKit: empty without a length (HTTP/1.x)
 * or with length 0, refused over the limit by the announced length or by what arrives, decoded
 * as UTF-8 without a byte order mark (the Fetch API's `text()`).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
	const length = Number(req.headers['content-length']);
	const hasLength = Number.isFinite(length);
	if (
		(req.httpVersionMajor === 1 && !hasLength && req.headers['transfer-encoding'] === undefined) ||
		length === 0
	)
		return Promise.resolve('');
	if (hasLength && length > limit)
		return Promise.reject(
			new BodyTooLargeError(`Content-length of ${length} exceeds limit of ${limit} bytes.`)
		);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit || (hasLength && size > length)) {
				req.off('data', onData);
				req.off('end', onEnd);
				reject(new BodyTooLargeError(`request body size exceeded the limit of ${limit}`));
				return;
			}
			chunks.push(chunk);
		};
		let isEnded = false;
		const onEnd = () => {
			isEnded = true;
			resolve(utf8.decode(Buffer.concat(chunks, size)));
		};
		req.on('data', onData);
		req.on('end', onEnd);
		req.once('error', reject);
		// A client gone before its body ended: nothing is voted (the answer finds no socket).
		req.once('close', () => {
			if (!isEnded) reject(new Error('the request was aborted'));
		});
	});
}

const utf8 = new TextDecoder();

/** The cookies of a Cookie header, read as SvelteKit reads them (the `cookie` package's parse). */
function cookieReader(cookieHeader: string | undefined): CookieReader {
	const jar = new Map<string, string>();
	const text = cookieHeader ?? '';
	let index = 0;
	while (index < text.length) {
		const equals = text.indexOf('=', index);
		if (equals < 0) break;
		let end = text.indexOf(';', index);
		if (end < 0) end = text.length;
		else if (end < equals) {
			// A pair without '=': go on after its semicolon.
			index = text.lastIndexOf(';', equals - 1) + 1;
			continue;
		}
		const name = text.slice(index, equals).trim();
		if (!jar.has(name)) {
			let value = text.slice(equals + 1, end).trim();
			if (value.charCodeAt(0) === 0x22) value = value.slice(1, -1);
			jar.set(name, decodeCookie(value));
		}
		index = end + 1;
	}
	return { get: (name) => jar.get(name) };
}

function decodeCookie(value: string): string {
	if (!value.includes('%')) return value;
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
