// The engine processes start with glibc's allocator set to hand freed compute buffers back, and with
// `gc` exposed so each pass's audio is freed (engineMemory.ts): without them their memory grows with
// the answer's length (bench:stop-memory).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_MALLOC_ENV,
  engineEnvironment,
  engineExecArgv,
} from '../../../src/core/asr/engineProcess/engineMemory';
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
      // So that the worker can collect each pass's spent audio.
      expect(readFileSync(`/proc/${engine.pid!}/cmdline`, 'utf8').split('\0')).toContain('--expose-gc');
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

  it("starts the engines as before when asked to (the benchmark's comparison)", () => {
    const base = { COACH_ENGINE_MEMORY: 'unmanaged' };
    const env = engineEnvironment(base);
    for (const name of Object.keys(ENGINE_MALLOC_ENV)) expect(env[name]).toBeUndefined();
    expect(engineExecArgv(base)).toEqual([]);
  });
});
