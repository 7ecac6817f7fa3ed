#!/usr/bin/env node
// The `netzwerkstatt` command. It runs the TypeScript sources through tsx, so it needs no build.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.ts');
const { run } = await import(pathToFileURL(main).href);
process.exitCode = await run(process.argv.slice(2));
