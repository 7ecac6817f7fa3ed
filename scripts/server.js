// Netzwerkstatt's server entry: the build's index.js (svelte.config.js copies this file over
// adapter-node's), so `npm start`, `node build`, the tests and the benchmarks all run it.
//
// adapter-node's documented custom-server setup: its handler.js behind our own http server. Why
// our own: the live vote (POST /api/v1/live/{code}/votes) is answered ahead of SvelteKit by a fast
// path that the app registers from its `init` hook (src/lib/server/http/vote-fast-path.ts, same
// bundle, same services and guards); everything else, and whatever the fast path declines, goes to
// SvelteKit as before. The rest keeps adapter-node's index.js behaviour: PORT, HOST, SOCKET_PATH,
// KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT, SHUTDOWN_TIMEOUT and the `sveltekit:shutdown` event after a
// graceful stop (systemd socket activation and IDLE_TIMEOUT are not offered). The fast path reads
// ORIGIN, BODY_SIZE_LIMIT, ADDRESS_HEADER and XFF_DEPTH as adapter-node does; without ORIGIN, or
// with LIVE_VOTE_FAST_PATH=off, every request goes to SvelteKit.
import http from 'node:http';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Beside this file in the build: adapter-node's environment reader and request handler. */
const buildDir = dirname(fileURLToPath(import.meta.url));
/** @type {{ env: (name: string, fallback?: any) => any, timeout_env: (name: string) => number | undefined }} */
const { env, timeout_env } = await import(pathToFileURL(join(buildDir, 'env.js')).href);
// Loading the handler starts the app: its `init` hook opens the database and registers the fast path.
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => unknown }} */
const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);

/** adapter-node's BODY_SIZE_LIMIT syntax: bytes, or with K, M or G; Infinity for none. */
function parseBytes(/** @type {string} */ value) {
	const multiplier = { K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 }[value.at(-1)?.toUpperCase() ?? ''];
	return Number(multiplier ? value.slice(0, -1) : value) * (multiplier ?? 1);
}

const origin = env('ORIGIN', undefined);
const addressHeader = env('ADDRESS_HEADER', '').toLowerCase();
const xffDepth = parseInt(env('XFF_DEPTH', '1'));

/**
 * The client address as adapter-node gives SvelteKit's `getClientAddress`; undefined where it
 * would fail (the fast path then leaves the request to SvelteKit, which answers as it always did).
 * @param {http.IncomingMessage} req
 * @returns {string | undefined}
 */
function clientAddress(req) {
	if (!addressHeader) return req.socket.remoteAddress;
	const value = req.headers[addressHeader];
	if (typeof value !== 'string') return value === undefined ? undefined : value.join(', ');
	if (addressHeader !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	if (!(xffDepth >= 1) || xffDepth > addresses.length) return undefined;
	return addresses[addresses.length - xffDepth]?.trim();
}

/** @type {import('../src/lib/server/http/vote-fast-path').ServerTransport | undefined} */
const transport = origin
	? {
			origin: new URL(origin.trim()).origin,
			bodySizeLimit: parseBytes(env('BODY_SIZE_LIMIT', '512K')),
			clientAddress
		}
	: undefined;
/** @type {import('../src/lib/server/http/vote-fast-path').FastPath | undefined} */
const fastPath =
	transport && env('LIVE_VOTE_FAST_PATH', 'on') !== 'off'
		? /** @type {any} */ (globalThis)[Symbol.for('netzwerkstatt.fast-path')]
		: undefined;

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function notFound(req, res) {
	res.statusCode = 404;
	res.end('Not Found');
}

const server = http.createServer((req, res) => {
	if (fastPath && transport && fastPath(req, res, transport)) return;
	void handler(req, res, () => notFound(req, res));
});
const keepAliveTimeout = timeout_env('KEEP_ALIVE_TIMEOUT');
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout * 1000;
const headersTimeout = timeout_env('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

const socketPath = env('SOCKET_PATH', false);
const host = env('HOST', '0.0.0.0');
const port = env('PORT', !socketPath && '3000');
const listening = () => {
	const address = server.address();
	const where = typeof address === 'string' ? address : `http://${host}:${address?.port ?? port}`;
	console.log(`Listening on ${where}${fastPath ? ' (live votes ahead of SvelteKit)' : ''}`);
};
if (socketPath) server.listen(socketPath, listening);
else server.listen(Number(port), host, listening);

const shutdownTimeout = parseInt(env('SHUTDOWN_TIMEOUT', '30'));
/** @type {NodeJS.Timeout | undefined} */
let shutdownTimer;

/** As adapter-node: stop taking connections, end idle ones, and force the rest after SHUTDOWN_TIMEOUT. */
function gracefulShutdown(/** @type {NodeJS.Signals} */ reason) {
	if (shutdownTimer) return;
	// A keep-alive connection would hold close() open until it timed out.
	server.closeIdleConnections();
	server.close((error) => {
		if (error) return;
		clearTimeout(shutdownTimer);
		// The app closes the live bus and the database on this (hooks.server.ts).
		process.emit(/** @type {any} */ ('sveltekit:shutdown'), reason);
	});
	shutdownTimer = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
}
// Connections that finish a request during the shutdown are closed as soon as they are idle.
server.on('request', (/** @type {http.IncomingMessage} */ req) => {
	req.on('close', () => {
		if (shutdownTimer) server.closeIdleConnections();
	});
});
process.on('SIGTERM', gracefulShutdown);
process.on('SIGINT', gracefulShutdown);

export { server };
