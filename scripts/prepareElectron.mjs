// better-sqlite3 is not an N-API addon, so Electron (a different ABI from Node) needs its own
// build. We compile a second copy for Electron into native/<key>/ (keyed by Electron's and
// better-sqlite3's versions and the machine; native/better-sqlite3-electron.json says which) and
// leave node_modules untouched, so tests, the CLI and the server keep using the Node build.
// smart-whisper is N-API and loads in both runtimes unchanged.
//
// `--for-start` (npm start, npm run dev): a missing Electron binary is an error that says how to get
// it; on Linux, an AppArmor-restricted sandbox is explained before Electron aborts on it.
// `--for-dist` (npm run dist): builds for the installed electron package's version even without its
// binary (node-gyp needs only Electron's headers; electron-builder fetches Electron itself).
// Without either (postinstall), a missing binary is fine: everything else works without Electron.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  copyFileSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  linuxSandboxAdvice,
  manifestMatches,
  missingElectronMessage,
  packageCopyFilter,
  SQLITE_MANIFEST,
  sqliteManifest,
} from './electronNative.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const forStart = process.argv.includes('--for-start');
const forDist = process.argv.includes('--for-dist');

/** The Electron binary's path, or null when node_modules/electron came without it. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function fail(message) {
  console.error(`[coach] ${message}`);
  process.exit(1);
}

const binary = electronBinary();
if (binary === null && !forDist) {
  if (forStart) fail(missingElectronMessage().replaceAll('\n', '\n[coach] '));
  console.log(
    '[coach] Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): skipping the Electron build of better-sqlite3.',
  );
  process.exit(0);
}

if (forStart && binary !== null) {
  const readOrNull = (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  const helper = path.join(path.dirname(binary), 'chrome-sandbox');
  const advice = linuxSandboxAdvice({
    platform: process.platform,
    restrictUserns: readOrNull('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    sandboxHelper: existsSync(helper) ? statSync(helper) : null,
    electronDist: path.dirname(binary),
  });
  if (advice) console.warn(`[coach] ${advice.replaceAll('\n', '\n[coach] ')}`);
}

const runtime = {
  electron: require('electron/package.json').version,
  betterSqlite3: require('better-sqlite3/package.json').version,
  platform: process.platform,
  arch: process.arch,
};
const nativeDir = path.join(root, 'native');
const manifestPath = path.join(nativeDir, SQLITE_MANIFEST);
const manifest = sqliteManifest(runtime);
const target = path.join(nativeDir, manifest.binding);
const current = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
if (manifestMatches(current, runtime) && existsSync(target)) process.exit(0);

console.log(`[coach] building better-sqlite3 ${runtime.betterSqlite3} for Electron ${runtime.electron}…`);
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(os.tmpdir(), `coach-bsql3-electron-${runtime.electron}-${process.pid}`);
cpSync(src, work, { recursive: true, filter: packageCopyFilter(src) });
if (!existsSync(path.join(work, 'binding.gyp'))) {
  fail(`copying better-sqlite3 from ${src} to ${work} left no binding.gyp; nothing can be built.`);
}
const nodeGyp = process.env.npm_config_node_gyp;
const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ['npx', ['--yes', 'node-gyp']];
const res = spawnSync(
  cmd,
  [
    ...args,
    'rebuild',
    '--release',
    `--target=${runtime.electron}`,
    '--dist-url=https://electronjs.org/headers',
    `--jobs=${os.cpus().length}`,
  ],
  // An npmrc `nodedir` would point node-gyp at Node's headers instead of Electron's.
  {
    cwd: work,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: '' },
    shell: process.platform === 'win32',
  },
);
if (res.error) fail(`could not run node-gyp (${[cmd, ...args].join(' ')}): ${res.error.message}`);
if (res.status !== 0) {
  fail(
    `building better-sqlite3 for Electron failed (node-gyp exited with ${res.status ?? res.signal}); ` +
      "its output is above. It needs Python 3 and a C++ compiler, and downloads Electron's headers once.",
  );
}
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`[coach] wrote ${path.relative(root, target)}`);
