// The install-time patch that gives smart-whisper an abort entry point: it must apply to the 0.8.1
// sources exactly once, and refuse loudly (not patch blindly) sources it does not recognise.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ABORT_PATCH_EDITS,
  ABORT_PATCH_VERSION,
  applyAbortPatch,
  ORIGINAL_SHA256,
} from '../../scripts/whisperAbortPatch.mjs';
import { REPO_ROOT, tempDir } from '../helpers/fixtures';

const edits = ABORT_PATCH_EDITS;
const require = createRequire(path.join(REPO_ROOT, 'package.json'));
const installed = path.dirname(require.resolve('smart-whisper/package.json'));
const files = [...new Set(edits.map(([file]) => file))];

/** A copy of the installed (patched) binding sources with the patch taken back out: the 0.8.1 originals. */
function pristineCopy(): string {
  const dir = tempDir();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(installed, file), path.join(dir, file));
  }
  for (const [file, anchor, replacement] of [...edits].reverse()) {
    const p = path.join(dir, file);
    const text = readFileSync(p, 'utf8');
    expect(text).toContain(replacement);
    writeFileSync(p, text.replace(replacement, anchor));
  }
  return dir;
}

describe('whisper abort patch', () => {
  it('was applied by this install, and the build marker records its version', () => {
    const marker = JSON.parse(readFileSync(path.join(installed, 'build', 'coach-simd.json'), 'utf8'));
    expect(marker.abortPatch).toBe(ABORT_PATCH_VERSION);
    expect(applyAbortPatch(installed)).toBe(false);
  });

  it('turns the original sources into exactly the installed ones, once', () => {
    const dir = pristineCopy();
    // Taking the edits back out must give the files published on npm (hashes pinned from the tarball):
    // the installed sources are the 0.8.1 originals plus exactly these edits.
    for (const file of files) {
      const text = readFileSync(path.join(dir, file));
      expect(createHash('sha256').update(text).digest('hex')).toBe(ORIGINAL_SHA256[file]);
    }
    expect(applyAbortPatch(dir)).toBe(true);
    for (const file of files) {
      expect(readFileSync(path.join(dir, file), 'utf8')).toBe(
        readFileSync(path.join(installed, file), 'utf8'),
      );
    }
    expect(applyAbortPatch(dir)).toBe(false);
  });

  it('refuses sources it does not recognise, and half-patched ones, with a clear message', () => {
    const changed = pristineCopy();
    const cc = path.join(changed, 'src/binding/transcribe.cc');
    writeFileSync(cc, readFileSync(cc, 'utf8').replace('whisper_full operation failed', 'failed'));
    expect(() => applyAbortPatch(changed)).toThrow(/not the 0\.8\.1 source/);

    const olderPatch = pristineCopy();
    const h = path.join(olderPatch, 'src/binding/transcribe.h');
    writeFileSync(h, `${readFileSync(h, 'utf8')}/* interview-coach abort patch v0 */\n`);
    expect(() => applyAbortPatch(olderPatch)).toThrow(/another version of the abort patch/);

    const half = pristineCopy();
    cpSync(path.join(installed, 'src/binding/binding.cc'), path.join(half, 'src/binding/binding.cc'));
    expect(() => applyAbortPatch(half)).toThrow(/partly patched/);
  });
});
