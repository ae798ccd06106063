// The whisper.cpp addon must be compiled with the CPU's vector instructions: without them the
// encoder is ~10x slower (docs/decisions.md). postinstall rebuilds it; this checks it happened.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('smart-whisper/package.json'));
const addon = path.join(pkgDir, 'build', 'Release', 'smart-whisper.node');

describe('whisper.cpp addon build', () => {
  it('was rebuilt by postinstall with the host SIMD flags', () => {
    const marker = JSON.parse(readFileSync(path.join(pkgDir, 'build', 'coach-simd.json'), 'utf8'));
    if (process.arch === 'x64') expect(marker.cflags).toMatch(/-march=native/);
    expect(marker.cflags).toMatch(/-O3/);
    expect(existsSync(addon)).toBe(true);
  });

  // objdump (binutils) is a prerequisite checked in tests/globalSetup.ts.
  it.runIf(process.arch === 'x64')('contains AVX2/FMA code in ggml', () => {
    const dis = spawnSync('objdump', ['-d', '--no-show-raw-insn', addon], { maxBuffer: 512 * 1024 * 1024 });
    const text = dis.stdout.toString();
    const fma = text.match(/\bvfmadd\d+ps\b/g)?.length ?? 0;
    const f16c = text.match(/\bvcvtph2ps\b/g)?.length ?? 0;
    expect(fma).toBeGreaterThan(50);
    expect(f16c).toBeGreaterThan(5);
  });
});
