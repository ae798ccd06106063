// Runs after `npm install`: rebuilds the whisper.cpp addon with SIMD, then prepares the
// non-N-API native modules for Electron's ABI when the Electron binary is present.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simdBuildEnv, hostDescription } from './simdFlags.mjs';
import { ABORT_PATCH_VERSION, applyAbortPatch } from './whisperAbortPatch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

function rebuildWhisperWithSimd() {
  const pkgDir = path.dirname(require.resolve('smart-whisper/package.json'));
  const marker = path.join(pkgDir, 'build', 'coach-simd.json');
  const { cflags, env } = simdBuildEnv();
  const wanted = { cflags, host: hostDescription(), abortPatch: ABORT_PATCH_VERSION };
  if (applyAbortPatch(pkgDir)) console.log('[coach] added the abort entry point to the whisper.cpp addon');
  if (existsSync(marker)) {
    const have = JSON.parse(readFileSync(marker, 'utf8'));
    if (have.cflags === wanted.cflags && have.host === wanted.host && have.abortPatch === wanted.abortPatch) {
      console.log(`[coach] whisper.cpp addon already built with "${cflags}"`);
      return;
    }
  }
  console.log(`[coach] building the whisper.cpp addon with "${cflags}" (takes a few minutes)…`);
  // npm sets npm_config_node_gyp to its bundled node-gyp inside lifecycle scripts.
  const nodeGyp = process.env.npm_config_node_gyp;
  const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ['npx', ['--yes', 'node-gyp']];
  const res = spawnSync(cmd, [...args, 'rebuild', `--jobs=${os.cpus().length}`], {
    cwd: pkgDir,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (res.status !== 0) {
    console.error('[coach] rebuilding whisper.cpp with SIMD failed; see the compiler output above.');
    process.exit(res.status ?? 1);
  }
  writeFileSync(marker, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2));
}

rebuildWhisperWithSimd();
const res = spawnSync(process.execPath, [path.join(root, 'scripts/prepareElectron.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (res.status !== 0) process.exit(res.status ?? 1);
