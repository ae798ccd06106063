// A computer too slow for live captions: every live pass of the real engine (synthetic model) is delayed
// while audio keeps arriving at a speaker's pace. The live stats say `behind` (the UI then shows its
// "falling behind" notice, tests/renderer/practiceRecording.test.tsx), and nothing is lost: the final
// pass hears the whole answer and the WAV holds all of it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../src/core/asr/transcriber';
import { WhisperTranscriber } from '../../src/core/asr/whisperTranscriber';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { AnswerResult, LiveStats } from '../../src/shared/domain';
import { openDatabase, type Db } from '../../src/core/storage/database';
import { PracticeService } from '../../src/core/practice/practiceService';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { tempDir } from '../helpers/fixtures';
import { pcmFrames } from '../helpers/serverHarness';

/** Audio that arrives while each live pass is held back: more than behindAfterSec (3 s). */
const LIVE_PASS_LAG_FRAMES = 20; // 200 ms frames: 4 s

/**
 * The real engine, with each live pass held until `lagFrames` more frames have arrived; final passes run
 * at once. Frames are the clock: the feeder waits while the engine itself computes (`engineIdle`), so a
 * loaded machine changes how long the test takes, never how much audio a pass lags behind.
 */
class SlowLiveTranscriber implements Transcriber {
  readonly passes: { thorough: boolean; audioSec: number }[] = [];
  private framesFed = 0;
  private feedEnded = false;
  private waiters: { atFrame: number; resume: () => void }[] = [];
  private computing: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly inner: Transcriber,
    private readonly lagFrames: number,
  ) {}
  frameFed(): void {
    this.framesFed++;
    this.release();
  }
  feedEnd(): void {
    this.feedEnded = true;
    this.release();
  }
  private release(): void {
    const ready = this.waiters.filter((w) => this.feedEnded || w.atFrame <= this.framesFed);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => w.resume());
  }
  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    if (!options.thorough && !this.feedEnded) {
      await new Promise<void>((resume) =>
        this.waiters.push({ atFrame: this.framesFed + this.lagFrames, resume }),
      );
    }
    const pass = this.inner.transcribe(audio, options);
    this.computing = pass.catch(() => {});
    // Passes that ran to the end: a pass abandoned at Stop heard nothing.
    void pass.then(
      () => this.passes.push({ thorough: !!options.thorough, audioSec: audio.length / 16_000 }),
      () => undefined,
    );
    return pass;
  }
  /** Resolves once no engine pass is computing. */
  async engineIdle(): Promise<void> {
    await this.computing;
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

describe('slow inference during a live answer', () => {
  let db: Db;
  let engine: EngineHost;
  let slow: SlowLiveTranscriber;
  const stats: LiveStats[] = [];
  const errors: string[] = [];
  let result: AnswerResult;
  const frames = pcmFrames('jfk.wav');

  beforeAll(async () => {
    const paths = dataPaths(tempDir());
    db = openDatabase(paths.dbPath);
    engine = new EngineHost({
      modelsDir: paths.modelsDir,
      modelPath: inject('syntheticModelPath'),
      load: async (p) =>
        (slow = new SlowLiveTranscriber(await WhisperTranscriber.load(p), LIVE_PASS_LAG_FRAMES)),
    });
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: {
        caption: () => {},
        stats: (s) => stats.push(s),
        nudge: () => {},
        answerError: (e) => errors.push(e.message),
      },
    });
    const { answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Why?' });
    // Like a microphone: frames keep coming whether or not the engine keeps up.
    for (const frame of frames) {
      service.pushAudio(answerId, new Uint8Array(frame).buffer);
      slow.frameFed();
      await new Promise((r) => setImmediate(r));
      await slow.engineIdle();
    }
    slow.feedEnd();
    result = await service.stopAnswer(answerId);
  });

  afterAll(async () => {
    await engine.dispose();
    db.close();
  });

  it('reports `behind` in the live stats once unheard audio piles up', () => {
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.some((s) => s.behind)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('loses no audio: final passes over every stretch of the answer once, and the whole WAV', () => {
    const totalSec = frames.reduce((n, f) => n + f.byteLength, 0) / 32_000;
    const finals = slow.passes.filter((p) => p.thorough);
    expect(finals.length).toBeGreaterThanOrEqual(1);
    expect(finals.reduce((sum, p) => sum + p.audioSec, 0)).toBeCloseTo(totalSec, 2);
    expect(result.report.durationSec).toBeCloseTo(totalSec, 2);
    expect(readWav16kMono(result.audioPath).info.durationSec).toBeCloseTo(totalSec, 2);
    // Far fewer live passes than seconds of audio: the live captions fell behind, the transcript did not.
    expect(slow.passes.filter((p) => !p.thorough).length).toBeLessThan(totalSec / 2);
  });
});
