// `npm start`: builds the app when the build is missing or older than the sources, then serves it.
// Runs on the Node that npm puts first on PATH (the project's Node 24 dev dependency).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, projectRoot } from './build-if-stale.js';

try {
	buildIfStale();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}

// adapter-node reads these; give a local start sensible defaults.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
process.env.BODY_SIZE_LIMIT ??= '60M';
console.log(`Netzwerkstatt starts at ${process.env.ORIGIN}`);
await import(pathToFileURL(join(projectRoot, 'build', 'index.js')).href);
