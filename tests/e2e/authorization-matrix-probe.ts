import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join, relative, sep } from 'node:path';
import { projectRoot } from '../../scripts/build-if-stale.js';

/** How a request was answered: '2xx', a redirect to sign-in ('login'), another redirect ('3xx'), or the status. */
export type Answer = '2xx' | 'login' | '3xx' | number;

export interface Probe {
	method: string;
	path: string;
	cookie: string;
	/**
	 * read: GET; form: a form action posted with an empty body, as an enhanced form does (the
	 * action's own answer, without the page's load functions around it); json: an API change.
	 */
	kind: 'read' | 'form' | 'json';
	/** The JSON body of an API change (`{}` when not given). */
	body?: unknown;
	/**
	 * The loopback address to send from: each role has its own, as people on their own machines,
	 * so that per-address rate limits count each role apart (and apart from the other tests).
	 */
	localAddress?: string;
}

export interface Sent {
	status: number;
	location: string;
	/** The body as text; empty when it was not read (`readBody: false`, e.g. an event stream). */
	body: string;
	setCookie: string[];
}

/** One HTTP request over a fresh connection from `localAddress` (node:http: fetch cannot choose it). */
export function send(
	url: string,
	options: {
		method?: string;
		headers?: Record<string, string>;
		body?: string;
		localAddress?: string;
		readBody?: boolean;
	}
): Promise<Sent> {
	// A length, not chunks: Node's server refuses a chunked body on DELETE with a bare 400.
	const headers =
		options.body === undefined
			? options.headers
			: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) };
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(
			url,
			{
				method: options.method ?? 'GET',
				headers,
				localAddress: options.localAddress,
				agent: false
			},
			(response) => {
				const answer = {
					status: response.statusCode ?? 0,
					location: response.headers.location ?? '',
					setCookie: response.headers['set-cookie'] ?? []
				};
				if (options.readBody === false) {
					response.destroy();
					resolve({ ...answer, body: '' });
					return;
				}
				let body = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (body += chunk));
				response.on('end', () => resolve({ ...answer, body }));
				response.on('error', reject);
			}
		);
		outgoing.on('error', reject);
		outgoing.end(options.body);
	});
}

const routesDir = join(projectRoot, 'src', 'routes');

/** The route id SvelteKit gives a folder under src/routes: `/manage/series/[series]` (groups left out). */
function routeIdOf(folder: string): string {
	const parts = relative(routesDir, folder)
		.split(sep)
		.filter((part) => part !== '' && !/^\(.*\)$/.test(part));
	return `/${parts.join('/')}`;
}

/**
 * The names of a page's form actions: the keys of its `export const actions` object (one tab in,
 * up to the object's closing `};`), whether written `name: async …`, `name,` or `async name(…)`.
 */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const end = source.indexOf('\n};', start);
	const body = source.slice(start, end < 0 ? undefined : end);
	return [...body.matchAll(/^\t(?:async\s+)?(\w+)\s*(?::|\(|,|$)/gm)].map((match) => match[1]!);
}

/**
 * Every operation of the route tree, as `METHOD route-id`: each page (GET), each of its form
 * actions (`POST route-id` for the default action, `POST route-id?/name` for named ones) and each
 * method an endpoint (+server.ts) exports.
 */
export function routeTreeOperations(): Set<string> {
	const operations = new Set<string>();
	const files = readdirSync(routesDir, { recursive: true, encoding: 'utf8' }).map((file) =>
		join(routesDir, file)
	);
	for (const file of files) {
		const name = file.slice(file.lastIndexOf(sep) + 1);
		const id = routeIdOf(dirname(file));
		if (name === '+page.svelte' || name === '+page.ts' || name === '+page.server.ts')
			operations.add(`GET ${id}`);
		if (name === '+page.server.ts') {
			for (const action of actionNames(readFileSync(file, 'utf8')))
				operations.add(action === 'default' ? `POST ${id}` : `POST ${id}?/${action}`);
		}
		if (name === '+server.ts') {
			const source = readFileSync(file, 'utf8');
			for (const match of source.matchAll(
				/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g
			))
				operations.add(`${match[1]} ${id}`);
		}
	}
	return operations;
}

/** A route id as a pattern of concrete paths; static segments win over parameters, as in SvelteKit. */
function routePattern(id: string): { pattern: RegExp; parameters: number } {
	let parameters = 0;
	const source = id
		.split(/(\[[^\]]+\])/)
		.map((part) => {
			if (part.startsWith('[')) {
				parameters += 1;
				return '[^/]+';
			}
			return part.replace(/[.*+?^${}()|\\]/g, '\\$&');
		})
		.join('');
	return { pattern: new RegExp(`^${source}$`), parameters };
}

/**
 * The route that serves a concrete path, as SvelteKit chooses it: of the route ids whose pattern
 * matches, the one with the fewest parameters (`agenda/reorder` before `agenda/[itemId]`), then
 * the most fixed text (`export.[format]` before `[id]`).
 */
export function routeOf(path: string, routeIds: Iterable<string>): string | undefined {
	const pathname = path.replace(/\?.*$/, '');
	const candidates = [...new Set(routeIds)]
		.map((id) => ({ id, ...routePattern(id) }))
		.filter((candidate) => candidate.pattern.test(pathname))
		.sort((a, b) => a.parameters - b.parameters || fixedText(b.id) - fixedText(a.id));
	return candidates[0]?.id;
}

const fixedText = (id: string) => id.replace(/\[[^\]]+\]/g, '').length;

/** The route ids of a set of `METHOD route-id` keys. */
export function routeIdsOf(operations: Iterable<string>): string[] {
	return [...operations].map((key) => key.slice(key.indexOf(' ') + 1).replace(/\?\/.*$/, ''));
}

/**
 * The operations of the OpenAPI document, as `METHOD route-id` of the route that serves them
 * (`/meetings/{series}/{number}/documentation.pdf` is served by `documentation.[format=docformat]`).
 */
export async function openApiOperations(baseUrl: string, tree: Set<string>): Promise<Set<string>> {
	const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
	if (!response.ok) throw new Error(`The OpenAPI document answered ${response.status}`);
	const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
	const routeIds = routeIdsOf(tree).filter((id) => id.startsWith('/api/v1/'));
	const operations = new Set<string>();
	for (const [path, methods] of Object.entries(document.paths)) {
		const concrete = `/api/v1${path}`.replace(/\{(\w+)\}/g, 'x$1');
		const route = routeOf(concrete, routeIds) ?? `/api/v1${path} (no route serves it)`;
		for (const method of Object.keys(methods)) operations.add(`${method.toUpperCase()} ${route}`);
	}
	return operations;
}

/** Sends one request of the matrix and classifies the answer. */
export async function probe(baseUrl: string, request: Probe): Promise<Answer> {
	const isJson = request.kind !== 'read' || request.path.startsWith('/api/');
	const headers: Record<string, string> = {
		origin: baseUrl,
		accept: isJson ? 'application/json' : 'text/html'
	};
	if (request.cookie) headers.cookie = request.cookie;
	let body: string | undefined;
	if (request.kind === 'form') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		headers['x-sveltekit-action'] = 'true';
		body = '';
	} else if (request.kind === 'json') {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(request.body ?? {});
	}
	const sent = await send(`${baseUrl}${request.path}`, {
		method: request.method,
		headers,
		body,
		localAddress: request.localAddress,
		// Only a form action's answer is read: an event stream would not end.
		readBody: request.kind === 'form'
	});
	return classify(request.kind === 'form' ? actionStatus(sent) : sent);
}

function classify({ status, location }: { status: number; location: string }): Answer {
	if (status >= 200 && status < 300) return '2xx';
	if (status >= 300 && status < 400)
		return /^(https?:\/\/[^/]+)?\/login(\/|\?|$)/.test(location) ? 'login' : '3xx';
	return status;
}

/**
 * A form action's answer to an enhanced request: `{ type, status, location }` as JSON (a failure's
 * status is inside; an error's is the response's), or a plain response when SvelteKit answered
 * before the action ran (405 for a page without actions, 403 for a foreign origin …).
 */
function actionStatus(sent: Sent): { status: number; location: string } {
	let result: { type?: string; status?: number; location?: string } | undefined;
	try {
		result = JSON.parse(sent.body) as typeof result;
	} catch {
		result = undefined;
	}
	if (result?.type === 'failure' || result?.type === 'redirect' || result?.type === 'success')
		return { status: result.status ?? 200, location: result.location ?? '' };
	return sent;
}
