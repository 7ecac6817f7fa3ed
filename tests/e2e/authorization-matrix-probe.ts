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

/** The names of a page's form actions, read from its `export const actions` object. */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	return [...source.slice(start).matchAll(/^\t(\w+): async/gm)].map((match) => match[1]!);
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
 * The operations of the OpenAPI document, as `METHOD route-id` of the route that serves them
 * (`/meetings/{series}/{number}/documentation.pdf` is served by `documentation.[format=docformat]`).
 */
export async function openApiOperations(baseUrl: string, tree: Set<string>): Promise<Set<string>> {
	const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
	if (!response.ok) throw new Error(`The OpenAPI document answered ${response.status}`);
	const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
	const routes = [...new Set([...tree].map((key) => key.slice(key.indexOf(' ') + 1)))]
		.filter((id) => id.startsWith('/api/v1/'))
		.map((id) => ({ id, ...routePattern(id) }))
		.sort((a, b) => a.parameters - b.parameters);
	const operations = new Set<string>();
	for (const [path, methods] of Object.entries(document.paths)) {
		const concrete = `/api/v1${path}`.replace(/\{(\w+)\}/g, 'x$1');
		const route = routes.find((candidate) => candidate.pattern.test(concrete));
		for (const method of Object.keys(methods))
			operations.add(`${method.toUpperCase()} ${route?.id ?? `/api/v1${path} (no route serves it)`}`);
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
