#!/usr/bin/env node
// `coach` command: runs the TypeScript CLI through tsx so there is no separate build step.
import { register } from 'tsx/esm/api';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, '../src/cli/coach.ts')).href);
process.exitCode = await main(process.argv.slice(2));
