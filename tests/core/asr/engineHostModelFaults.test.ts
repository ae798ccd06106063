// A damaged speech model, through EngineHost as the app uses it (the real loader, which validates the
// file before whisper.cpp sees it): a clear message in the engine status, no answer started, no crash.
import { copyFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import { dataPaths } from '../../../src/core/dataPaths';
import type { EngineStatus } from '../../../src/shared/domain';
import { openDatabase } from '../../../src/core/storage/database';
import { PracticeService } from '../../../src/core/practice/practiceService';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { writeFakeGgmlModel } from '../../helpers/fakeGgmlModel';
import { tempDir } from '../../helpers/fixtures';

const model = inject('syntheticModelPath');

function damaged(kind: 'truncated' | 'empty' | 'not-a-model'): string {
  const p = path.join(tempDir('coach-badmodel-'), `ggml-${kind}.bin`);
  if (kind === 'truncated') {
    copyFileSync(model, p);
    truncateSync(p, Math.floor(statSync(p).size / 2));
  } else writeFileSync(p, kind === 'empty' ? Buffer.alloc(0) : Buffer.from('<html>404 Not Found</html>'));
  return p;
}

describe('EngineHost with a damaged model file', () => {
  it.each([
    ['truncated', /ggml-truncated\.bin is truncated \(at byte \d+\)/],
    ['empty', /ggml-empty\.bin (is truncated|is not a whisper\.cpp ggml model)/],
    ['not-a-model', /ggml-not-a-model\.bin is not a whisper\.cpp ggml model \(bad magic number\)/],
  ] as const)('%s: the status names the file and the problem', async (kind, message) => {
    const paths = dataPaths(tempDir());
    const engine = new EngineHost({ modelsDir: paths.modelsDir, modelPath: damaged(kind) });
    const seen: EngineStatus[] = [];
    engine.onStatus((s) => seen.push(s));
    await expect(engine.transcriber()).rejects.toThrow(message);
    expect(seen.map((s) => s.state)).toEqual(['loading', 'error']);
    expect(engine.status.state).toBe('error');
    expect(engine.status.message).toMatch(message);
  });

  it.each([
    ['an incomplete vocabulary', { vocabTokens: 12 }, /ggml-broken\.bin has an incomplete vocabulary/],
    ['a missing tensor', { dropTensor: 'encoder.conv2.weight' }, /missing tensor "encoder\.conv2\.weight"/],
    [
      'a mis-shaped tensor',
      { reshape: { name: 'decoder.token_embedding.weight', ne: [384, 51865] } },
      /tensor "decoder\.token_embedding\.weight" has shape \[384, 51865\]/,
    ],
  ] as const)(
    'refuses a model with %s at load, before any engine process starts',
    async (_, damage, message) => {
      const paths = dataPaths(tempDir());
      const file = writeFakeGgmlModel(path.join(tempDir('coach-badmodel-'), 'ggml-broken.bin'), { damage });
      const engine = new EngineHost({ modelsDir: paths.modelsDir, modelPath: file });
      await expect(engine.transcriber()).rejects.toThrow(message);
      expect(engine.status).toMatchObject({ state: 'error', message: expect.stringMatching(message) });
      expect(engine.engineProcessId).toBeUndefined();
    },
  );

  it('refuses to start an answer (nothing recorded, no empty session), and loads once the file is replaced', async () => {
    const paths = dataPaths(tempDir());
    const file = damaged('truncated');
    const db = openDatabase(paths.dbPath);
    const engine = new EngineHost({ modelsDir: paths.modelsDir, modelPath: file });
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} },
    });
    await expect(service.startAnswer({ questionId: 'q', questionText: 'Why?' })).rejects.toThrow(/truncated/);
    expect(service.listSessions()).toEqual([]);
    // A failed load is retried: a good file at the same path works without restarting.
    copyFileSync(model, file);
    const started = await service.startAnswer({ questionId: 'q', questionText: 'Why?' });
    expect(engine.status.state).toBe('ready');
    await service.cancelAnswer(started.answerId);
    await engine.dispose();
    db.close();
  });
});
