import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_AUDIO_DIR } from '../../scripts/sharedAssets';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real public-domain / CC-BY recordings with reference transcripts (see its README). */
export const SHARED_AUDIO = SHARED_AUDIO_DIR;
export const sharedAudio = (name: string): string => path.join(SHARED_AUDIO, name);

export const tempDir = (prefix = 'coach-test-'): string => mkdtempSync(path.join(os.tmpdir(), prefix));

/** Every file under the folder, recursively (none when it does not exist): "nothing saved" checks. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
