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

const LIVE_PASS_DELAY_MS = 2000;
const FRAME_EVERY_MS = 100; // 200 ms frames at twice the pace of speech

/** The real engine, with each live pass taking `delayMs` longer; final passes run at full speed. */
class SlowLiveTranscriber implements Transcriber {
  readonly passes: { thorough: boolean; audioSec: number }[] = [];
  constructor(
    private readonly inner: Transcriber,
    private readonly delayMs: number,
  ) {}
  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    this.passes.push({ thorough: !!options.thorough, audioSec: audio.length / 16_000 });
    if (!options.thorough) await new Promise((r) => setTimeout(r, this.delayMs));
    return this.inner.transcribe(audio, options);
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
        (slow = new SlowLiveTranscriber(await WhisperTranscriber.load(p), LIVE_PASS_DELAY_MS)),
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
      await new Promise((r) => setTimeout(r, FRAME_EVERY_MS));
    }
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

  it('loses no audio: one final pass over the whole answer, and the whole WAV', () => {
    const totalSec = frames.reduce((n, f) => n + f.byteLength, 0) / 32_000;
    const finals = slow.passes.filter((p) => p.thorough);
    expect(finals).toHaveLength(1);
    expect(finals[0]!.audioSec).toBeCloseTo(totalSec, 2);
    expect(result.metrics.durationSec).toBeCloseTo(totalSec, 2);
    expect(readWav16kMono(result.audioPath).info.durationSec).toBeCloseTo(totalSec, 2);
    // Far fewer live passes than seconds of audio: the live captions fell behind, the transcript did not.
    expect(slow.passes.filter((p) => !p.thorough).length).toBeLessThan(totalSec / 2);
  });
});
