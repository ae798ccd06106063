import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_AUDIO_DIR } from '../../scripts/sharedAssets';
import { float32ToPcm16 } from '../../src/core/audio/pcm';

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

/** Frame `i` (200 ms, 16-bit PCM) of a steady tone: voiced audio for scripted engines that ignore it. */
export const toneFrame = (i: number): ArrayBuffer =>
  float32ToPcm16(new Float32Array(3200).map((_, j) => 0.2 * Math.sin((i * 3200 + j) / 9)))
    .buffer as ArrayBuffer;
