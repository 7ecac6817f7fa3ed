import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { copyFileSync, rmSync } from 'node:fs';

const node = nodeAdapter({ out: 'build', precompress: false });

/**
 * adapter-node, with our server entry (scripts/server.js) as the build's index.js: it serves the
 * live vote ahead of SvelteKit and everything else through adapter-node's handler.js.
 * @type {import('@sveltejs/kit').Adapter}
 */
const adapter = {
	...node,
	async adapt(builder) {
		await node.adapt(builder);
		copyFileSync(new URL('./scripts/server.js', import.meta.url), 'build/index.js');
		rmSync('build/index.js.map', { force: true });
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter,
		// Form posts must come from our own origin: SvelteKit's origin check stays on (the default);
		// adapter-node compares with ORIGIN.
		// One content security policy for every page: nothing from outside servers, no framing.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
