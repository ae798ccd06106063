// The machine's shared test assets (real recordings, the Silero VAD model), outside the repository:
// COACH_SHARED_DIR, else the nearest `shared/` folder above the checkout (/work/main → /work/shared,
// and a worktree or a CI clone deeper down finds the same one).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = path.join('audio', 'manifest.json');

function findSharedDir(): string {
  const fromEnv = process.env.COACH_SHARED_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  for (let dir = path.dirname(ROOT); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(ROOT, '../shared');
  }
}

export const SHARED_DIR = findSharedDir();
export const SHARED_AUDIO_DIR = path.join(SHARED_DIR, 'audio');
export const SILERO_MODEL_PATH = path.join(SHARED_DIR, 'models', 'ggml-silero-v6.2.0.bin');

/** What the suite needs from SHARED_DIR, for the up-front check in tests/globalSetup.ts. */
export function missingSharedAssets(): string[] {
  return [path.join(SHARED_AUDIO_DIR, 'manifest.json'), SILERO_MODEL_PATH].filter((p) => !existsSync(p));
}
