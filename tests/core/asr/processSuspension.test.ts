// Freezing the background engine process while a caption pass runs (processSuspension.ts), on real
// engine processes with the synthetic model: frozen means stopped by the kernel; a pass sent meanwhile
// waits and then completes; dispose ends a frozen engine; and an app killed while its engine is frozen
// leaves no stopped engine behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { forkEngine } from '../../../src/core/asr/engineProcess/forkEngine';
import { canSuspendProcesses } from '../../../src/core/asr/engineProcess/processSuspension';
import { ProcessTranscriber } from '../../../src/core/asr/engineProcess/processTranscriber';
import { REPO_ROOT } from '../../helpers/fixtures';

/** The kernel's state letter for a process: 'T' when stopped; null once it is gone. */
function stateOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' ? null : state;
  } catch {
    return null;
  }
}

/** Checks `done` on every event-loop turn (a short timer apart) until true or `limitMs` has passed. */
async function until(done: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** suspend() refuses until its watcher runs; asks again until the engine is frozen. */
async function freeze(engine: ProcessTranscriber): Promise<void> {
  const frozen = await until(() => {
    engine.suspend();
    return engine.suspended;
  }, 10_000);
  expect(frozen).toBe(true);
}

const audio = new Float32Array(16_000);

describe.runIf(process.platform === 'linux')('suspending an engine process', () => {
  let engine: ProcessTranscriber | null = null;
  afterEach(async () => {
    await engine?.dispose();
    engine = null;
  });

  it('stops the process until resumed; a pass sent meanwhile waits, then completes', async () => {
    engine = await ProcessTranscriber.start(forkEngine, inject('syntheticModelPath'), {}, {}, 'background');
    const pid = engine.pid!;
    await freeze(engine);
    // The kernel stops a process a moment after the signal.
    expect(await until(() => stateOf(pid) === 'T', 10_000)).toBe(true);

    let done = false;
    const pass = engine.transcribe(audio, { maxTokens: 4 }).then((r) => {
      done = true;
      return r;
    });
    // A stopped process cannot answer, however long it is given; a second is plenty to tell.
    expect(await until(() => done, 1000)).toBe(false);

    engine.resume();
    expect(engine.suspended).toBe(false);
    expect(await until(() => stateOf(pid) !== 'T', 10_000)).toBe(true);
    const result = await pass;
    expect(result.computeMs).toBeGreaterThan(0);
  });

  it('ends a frozen engine on dispose, watcher included', async () => {
    engine = await ProcessTranscriber.start(forkEngine, inject('syntheticModelPath'), {}, {}, 'background');
    const pid = engine.pid!;
    await freeze(engine);
    const watchers = watchersOf(pid);
    expect(watchers.length).toBe(1);
    await engine.dispose();
    engine = null;
    expect(await until(() => stateOf(pid) === null && watchersOf(pid).length === 0, 10_000)).toBe(true);
  });

  it('leaves no stopped engine behind when the app is killed while it is frozen', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const modulePath = (p: string) => JSON.stringify(pathToFileURL(path.join(REPO_ROOT, p)).href);
    // The "app": starts a background engine, freezes it, says so, and waits to be killed. It stays
    // in this test's process group, so the kernel's own rescue of stopped orphans (which needs the
    // group orphaned) does not apply: only the watcher can wake the engine.
    const script = `
      const { ProcessTranscriber } = await import(${modulePath('src/core/asr/engineProcess/processTranscriber.ts')});
      const { forkEngine } = await import(${modulePath('src/core/asr/engineProcess/forkEngine.ts')});
      const engine = await ProcessTranscriber.start(forkEngine, ${JSON.stringify(inject('syntheticModelPath'))}, {}, {}, 'background');
      const timer = setInterval(() => {
        engine.suspend();
        if (engine.suspended) {
          clearInterval(timer);
          console.log('FROZEN ' + engine.pid);
          setInterval(() => undefined, 1000);
        }
      }, 50);
    `;
    const app = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const enginePid = await new Promise<number>((resolve, reject) => {
      let out = '';
      app.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /FROZEN (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      app.once('exit', () => reject(new Error(`the app ended first: ${out}`)));
    });
    expect(await until(() => stateOf(enginePid) === 'T', 10_000)).toBe(true);
    const appGone = new Promise((r) => app.once('exit', r));
    app.kill('SIGKILL');
    await appGone;
    const ended = await until(() => stateOf(enginePid) === null, 20_000);
    if (!ended) process.kill(enginePid, 'SIGKILL');
    expect(ended).toBe(true);
  });
});

describe('canSuspendProcesses', () => {
  it('is on wherever the signals exist, and off when asked (the benchmark comparison)', () => {
    expect(canSuspendProcesses({})).toBe(process.platform !== 'win32');
    expect(canSuspendProcesses({ COACH_BACKGROUND_FREEZE: 'off' })).toBe(false);
  });
});

/** The watcher shells whose argument is `pid`. */
function watchersOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
        return argv.includes('coach-engine-watch') && argv.includes(String(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}
