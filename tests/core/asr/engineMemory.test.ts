// The engine processes start with glibc's allocator set to hand freed compute buffers back (see
// engineMemory.ts): without it their memory grows with the answer's length (bench:stop-memory).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_MALLOC_ENV, engineEnvironment } from '../../../src/core/asr/engineProcess/engineMemory';
import { forkEngine } from '../../../src/core/asr/engineProcess/forkEngine';

const environOf = (pid: number): Record<string, string> =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );

describe('the engine process environment', () => {
  it.runIf(process.platform === 'linux')('starts a forked engine with the allocator settings', async () => {
    const engine = forkEngine();
    try {
      const environ = environOf(engine.pid!);
      for (const [name, value] of Object.entries(ENGINE_MALLOC_ENV)) expect(environ[name]).toBe(value);
      expect(environ.PATH).toBe(process.env.PATH);
    } finally {
      const exited = new Promise<void>((resolve) => engine.onExit(() => resolve()));
      engine.kill();
      await exited;
    }
  });

  it('keeps a setting the user made themselves', () => {
    const env = engineEnvironment({ MALLOC_ARENA_MAX: '8', HOME: '/home/someone' });
    expect(env.MALLOC_ARENA_MAX).toBe('8');
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe(ENGINE_MALLOC_ENV.MALLOC_MMAP_THRESHOLD_);
    expect(env.HOME).toBe('/home/someone');
  });

  it("leaves glibc's defaults when asked to (the benchmark's comparison)", () => {
    const env = engineEnvironment({ COACH_ENGINE_MALLOC: 'glibc-default' });
    for (const name of Object.keys(ENGINE_MALLOC_ENV)) expect(env[name]).toBeUndefined();
  });
});
