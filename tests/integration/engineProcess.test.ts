// The engine in its own process, on the real whisper.cpp binding (synthetic model): killing that
// process mid-answer must not lose the answer, and the app must restart the engine by itself.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { EngineStatus } from '../../src/shared/domain';
import { openDatabase, type Db } from '../../src/core/storage/database';
import { PracticeService } from '../../src/core/practice/practiceService';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { sharedAudio, tempDir } from '../helpers/fixtures';

const FRAME = 1600; // 100 ms

describe('engine in its own process', () => {
  let engine: EngineHost;
  let db: Db;
  let service: PracticeService;
  const statuses: EngineStatus[] = [];
  const errors: string[] = [];
  const { samples } = readWav16kMono(sharedAudio('jfk.wav'));

  beforeAll(async () => {
    const paths = dataPaths(tempDir());
    engine = new EngineHost({ modelsDir: paths.modelsDir, modelPath: inject('syntheticModelPath') });
    engine.onStatus((s) => statuses.push(s));
    db = openDatabase(paths.dbPath);
    service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: {
        caption: () => {},
        stats: () => {},
        nudge: () => {},
        answerError: (e) => errors.push(e.message),
      },
    });
    await engine.transcriber();
  });

  afterAll(async () => {
    await engine.dispose();
    db.close();
  });

  const nextStatus = (state: EngineStatus['state']) =>
    new Promise<EngineStatus>((resolve) => {
      const off = engine.onStatus((s) => {
        if (s.state !== state) return;
        off();
        resolve(s);
      });
    });

  async function feed(answerId: string, from: number, to: number): Promise<void> {
    for (let i = from; i < to; i += FRAME) {
      service.pushAudio(
        answerId,
        float32ToPcm16(samples.subarray(i, Math.min(i + FRAME, to))).buffer as ArrayBuffer,
      );
      await service.drain(answerId);
    }
  }

  it('runs whisper.cpp in a child process, not in this one', () => {
    expect(engine.engineProcessId).toBeGreaterThan(0);
    expect(engine.engineProcessId).not.toBe(process.pid);
  });

  it('killed mid-answer and again during the final pass: the answer saves with a final transcript, the next answer works', async () => {
    const first = await service.startAnswer({ questionId: 'q1', questionText: 'Tell me about yourself.' });
    const half = Math.floor(samples.length / 2);
    await feed(first.answerId, 0, half);

    const firstPid = engine.engineProcessId!;
    const restarting = nextStatus('loading');
    const restored = nextStatus('ready');
    process.kill(firstPid, 'SIGKILL');
    expect((await restarting).message).toMatch(/speech engine stopped \(killed by SIGKILL\)/);
    await feed(first.answerId, half, samples.length);
    await restored;
    const secondPid = engine.engineProcessId!;
    expect(secondPid).not.toBe(firstPid);

    // Stop, and kill the engine while it runs the final pass over the whole answer.
    const saving = service.stopAnswer(first.answerId);
    const restoredAgain = nextStatus('ready');
    process.kill(secondPid, 'SIGKILL');
    const saved = await saving;
    await restoredAgain;
    expect(saved.words.length).toBeGreaterThan(0);
    expect(saved.report.durationSec).toBeCloseTo(samples.length / 16_000, 1);
    expect(service.getSession(first.sessionId).answers[0]!.words).toEqual(saved.words);
    expect(errors.some((m) => /Final pass failed/.test(m))).toBe(false);
    expect(engine.status.state).toBe('ready');

    const second = await service.startAnswer({
      sessionId: first.sessionId,
      questionId: 'q2',
      questionText: 'Why this role?',
    });
    await feed(second.answerId, 0, samples.length);
    const next = await service.stopAnswer(second.answerId);
    expect(next.words.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s.state === 'loading' && /stopped/.test(s.message))).toHaveLength(2);
  }, 300_000);
});
