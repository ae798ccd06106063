// better-sqlite3 is not an N-API addon, so Electron (a different ABI from Node) needs its own
// build. We compile a second copy for Electron into native/electron-<version>/ and leave
// node_modules untouched, so tests, the CLI and the server keep using the Node build.
// smart-whisper is N-API and loads in both runtimes unchanged.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

function electronVersion() {
  try {
    const binary = require('electron');
    if (typeof binary !== 'string' || !existsSync(binary)) return null;
    return require('electron/package.json').version;
  } catch {
    return null;
  }
}

const version = electronVersion();
if (version === null) {
  console.log(
    '[coach] Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): skipping the Electron build of better-sqlite3.',
  );
  process.exit(0);
}
const outDir = path.join(root, 'native', `electron-${version}`);
const target = path.join(outDir, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`[coach] building better-sqlite3 for Electron ${version}…`);
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(os.tmpdir(), `coach-bsql3-electron-${version}-${process.pid}`);
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const nodeGyp = process.env.npm_config_node_gyp;
const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ['npx', ['--yes', 'node-gyp']];
const res = spawnSync(
  cmd,
  [
    ...args,
    'rebuild',
    '--release',
    `--target=${version}`,
    '--dist-url=https://electronjs.org/headers',
    `--jobs=${os.cpus().length}`,
  ],
  // An npmrc `nodedir` would point node-gyp at Node's headers instead of Electron's.
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
if (res.status !== 0) {
  console.error('[coach] building better-sqlite3 for Electron failed; see the output above.');
  process.exit(res.status ?? 1);
}
mkdirSync(outDir, { recursive: true });
copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`[coach] wrote ${path.relative(root, target)}`);
