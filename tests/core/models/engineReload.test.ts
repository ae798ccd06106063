// EngineHost.reload() while a pass is finishing: the old model is freed before the new one loads,
// whoever asks for the engine in between, and two reloads never interleave.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import type { Transcriber } from '../../../src/core/asr/transcriber';
import { tempDir } from '../../helpers/fixtures';
import { writeFakeGgmlModel } from '../../helpers/fakeGgmlModel';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Engines that count how many are in memory at once; disposing one takes `disposeMs`. */
function countingEngines(disposeMs: number) {
  const stats = { alive: 0, maxAlive: 0, loads: 0, disposed: 0 };
  const load = async (): Promise<Transcriber> => {
    stats.loads += 1;
    stats.alive += 1;
    stats.maxAlive = Math.max(stats.maxAlive, stats.alive);
    await tick();
    let freed = false;
    return {
      transcribe: async () => ({ words: [], text: '', computeMs: 0 }),
      dispose: async () => {
        if (freed) return;
        freed = true;
        await tick(disposeMs); // waits for the pass in flight
        stats.alive -= 1;
        stats.disposed += 1;
      },
    };
  };
  return { stats, load };
}

function host(disposeMs: number) {
  const modelsDir = path.join(tempDir('coach-reload-'), 'models');
  mkdirSync(modelsDir);
  writeFakeGgmlModel(path.join(modelsDir, 'ggml-base.en.bin'));
  const { stats, load } = countingEngines(disposeMs);
  return { engine: new EngineHost({ modelsDir, load }), stats };
}

describe('EngineHost.reload', () => {
  it('loads the new model only after the old one is freed, even if asked for in between', async () => {
    const { engine, stats } = host(60);
    await engine.transcriber();
    const reloaded = engine.reload();
    await tick(10); // the old engine is being disposed now
    const during = engine.transcriber();
    expect(stats.loads).toBe(1);
    await Promise.all([reloaded, during]);
    expect(await during).toBe(await engine.transcriber());
    expect(stats).toMatchObject({ loads: 2, disposed: 1, alive: 1, maxAlive: 1 });
    expect(engine.status.state).toBe('ready');
  });

  it('runs concurrent reloads one after the other, never two engines at once', async () => {
    const { engine, stats } = host(40);
    await engine.transcriber();
    const first = engine.reload();
    const second = engine.reload();
    await tick(10);
    const during = engine.transcriber();
    await Promise.all([first, second, during]);
    // `during` got the first reload's engine, which the second one then replaced.
    expect(await engine.transcriber()).not.toBe(await during);
    expect(stats).toMatchObject({ loads: 3, disposed: 2, alive: 1, maxAlive: 1 });
    await engine.dispose();
    expect(stats.alive).toBe(0);
  });

  it('recovers when a reload fails: the next call loads again', async () => {
    const modelsDir = path.join(tempDir('coach-reload-'), 'models');
    mkdirSync(modelsDir);
    const { stats, load } = countingEngines(0);
    const engine = new EngineHost({ modelsDir, load });
    await expect(engine.reload()).rejects.toThrow(/No Whisper model found/);
    expect(engine.status.state).toBe('error');
    // A model appears (put back by hand): the next reload (the engine's "Try again") loads it.
    writeFakeGgmlModel(path.join(modelsDir, 'ggml-base.en.bin'));
    await engine.reload();
    expect(engine.status.state).toBe('ready');
    expect(stats.loads).toBe(1);
  });
});
