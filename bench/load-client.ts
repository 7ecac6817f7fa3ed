/**
 * What a load benchmark's client needs (bench/live.ts, bench/live-breakouts.ts): HTTP requests
 * over one keep-alive agent, and a fixed pool of workers.
 */
import http from 'node:http';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export function request(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string }
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: options.method ?? 'GET',
				headers: options.headers,
				agent,
				localAddress: options.localAddress
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			}
		);
		req.on('error', (error: NodeJS.ErrnoException) => {
			// A keep-alive socket closed by the server just as it was reused: the request never
			// reached the server, so it is sent again on a fresh socket.
			if (req.reusedSocket && error.code === 'ECONNRESET') request(url, options).then(resolve, reject);
			else reject(error);
		});
		if (options.body) req.write(options.body);
		req.end();
	});
}

/** Runs jobs with a fixed number of workers. */
export async function pool<T>(items: T[], workers: number, job: (item: T, index: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: workers }, async () => {
			while (next < items.length) {
				const index = next++;
				await job(items[index]!, index);
			}
		})
	);
}
