// The engine worker's order of work. The background engine loads its model at normal priority and
// only then drops to SCHED_IDLE: at the lowest priority on a machine kept busy the load may never get a
// core, and dispose (Quit, a model switch, a test's teardown) waits for it. Once loaded, every pass runs
// low. After each pass the heap is collected, so spent audio does not pile up (engineMemory.ts).
import { describe, expect, it, vi } from 'vitest';
import type { FromEngine, ToEngine } from '../../../src/core/asr/engineProcess/engineProtocol';

const order: string[] = [];
vi.mock('../../../src/core/asr/engineProcess/lowerPriority', () => ({
  lowerOwnPriority: () => order.push('lowered'),
}));
vi.mock('../../../src/core/asr/whisperTranscriber', () => ({
  ModelLoadError: class extends Error {},
  WhisperTranscriber: {
    load: async () => {
      order.push('loading');
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('loaded');
      return {
        modelInfo: { multilingual: false },
        transcribe: async () => ({ words: [], text: '', computeMs: 1 }),
        dispose: async () => undefined,
      };
    },
  },
}));

const { runEngineWorker } = await import('../../../src/core/asr/engineProcess/engineWorker');

/** A worker on `lane`: loads, then runs one pass; `order` holds what happened, `loaded` as it was then. */
async function loadThenTranscribe(lane: 'live' | 'background') {
  order.length = 0;
  const posted: FromEngine[] = [];
  let deliver: (m: ToEngine) => void = () => {};
  runEngineWorker({ post: (m) => posted.push(m), onMessage: (cb) => (deliver = cb), exit: () => {} });
  const next = (type: FromEngine['type']) =>
    vi.waitFor(() => expect(posted.map((m) => m.type)).toContain(type));
  deliver({ type: 'load', modelPath: 'm.bin', params: { threads: 1, language: 'en' }, lane });
  await next('loaded');
  const loaded = [...order];
  deliver({ type: 'transcribe', id: 1, audio: new Float32Array(16), options: {} });
  await next('result');
  return { loaded, order: [...order] };
}

describe('the engine worker', () => {
  it('lowers a background engine once its model is loaded, before it says so', async () => {
    const { loaded, order: after } = await loadThenTranscribe('background');
    expect(loaded).toEqual(['loading', 'loaded', 'lowered']);
    expect(after.at(-1)).toBe('lowered');
  });

  it('collects the garbage after each pass, once its result is sent', async () => {
    vi.stubGlobal('gc', () => order.push('collected'));
    try {
      const { loaded, order: after } = await loadThenTranscribe('live');
      expect(loaded).not.toContain('collected');
      expect(after.at(-1)).toBe('collected');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('leaves a live engine at normal priority', async () => {
    const { order: after } = await loadThenTranscribe('live');
    expect(after).not.toContain('lowered');
  });
});
