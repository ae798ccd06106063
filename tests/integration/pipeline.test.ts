// The whole practice pipeline on the real whisper.cpp binding with the synthetic tiny.en model:
// jfk.wav streamed in 100 ms frames → live captions → final pass → scores → SQLite + WAV.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import { WhisperTranscriber } from '../../src/core/asr/whisperTranscriber';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { AnswerResult, CaptionUpdate, LiveStats } from '../../src/shared/domain';
import { openDatabase, type Db } from '../../src/core/storage/database';
import { PracticeService } from '../../src/core/practice/practiceService';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { DEFAULT_STREAM_PARAMS, DISFLUENCY_PROMPT } from '../../src/core/streaming/streamParams';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { RecordingTranscriber } from '../helpers/recordingTranscriber';

const FRAME = 1600; // 100 ms

/** Above minStepMs at a 50% share, so the throttle, not minStepMs, sets the schedule: a pass per 1.2 s. */
const ENGINE_COST_MS = 600;

describe('practice pipeline on the real engine', () => {
  let engine: EngineHost;
  let recorder: RecordingTranscriber;
  let db: Db;
  let service: PracticeService;
  const captions: CaptionUpdate[] = [];
  const finalTextAt = new Set<number>();
  const stats: LiveStats[] = [];
  const paths = dataPaths(tempDir());
  let result: AnswerResult;
  let sessionId: string;

  beforeAll(async () => {
    engine = new EngineHost({
      modelsDir: paths.modelsDir,
      modelPath: inject('syntheticModelPath'),
      // A fixed reported cost: the throttle sees the same engine whatever the machine's load.
      load: async (p) =>
        (recorder = new RecordingTranscriber(await WhisperTranscriber.load(p), ENGINE_COST_MS)),
    });
    db = openDatabase(paths.dbPath);
    service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: {
        caption: (u) => captions.push(u),
        // The caption that follows an utterance's final text shows it in place of the live words.
        finalText: () => finalTextAt.add(captions.at(-1)?.seq ?? 0),
        stats: (s) => stats.push(s),
        nudge: () => {},
        answerError: () => {},
      },
      // Lock-step feeding: audio is the only clock (no wall-clock rest), so the share check holds in audio time.
      restTimer: () => () => {},
    });
    const { samples } = readWav16kMono(sharedAudio('jfk.wav'));
    const started = await service.startAnswer({
      questionId: 'mot-about-you',
      questionText: 'Tell me about yourself.',
    });
    sessionId = started.sessionId;
    for (let i = 0; i < samples.length; i += FRAME) {
      service.pushAudio(
        started.answerId,
        float32ToPcm16(samples.subarray(i, i + FRAME)).buffer as ArrayBuffer,
      );
      await service.drain(started.answerId);
    }
    result = await service.stopAnswer(started.answerId);
  });

  afterAll(async () => {
    await engine.dispose();
    db.close();
  });

  it('loads the model once and reports it ready', () => {
    expect(engine.status.state).toBe('ready');
  });

  it('runs live steps at most every minStepMs and within the engine share, and final passes per utterance', () => {
    const live = recorder.calls.filter((c) => !c.options.thorough);
    const final = recorder.calls.filter((c) => c.options.thorough);
    const { minStepMs, engineShare } = DEFAULT_STREAM_PARAMS;
    expect(live.length).toBeGreaterThanOrEqual(3);
    expect(live.length).toBeLessThanOrEqual(Math.ceil((11 * 1000) / minStepMs) + 1);
    // A pass of c ms waits for c / engineShare of audio: live compute stays within the share of the
    // audio, plus the last pass, however slow this machine is right now.
    const liveMs = live.map((c) => c.result.computeMs);
    expect(liveMs.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(engineShare * 11_000 + Math.max(...liveMs));
    expect(live.every((c) => c.options.audioCtx! < 1500)).toBe(true);
    // Final passes hear each stretch of the answer once, one utterance at a time, never all of it.
    expect(final.length).toBeGreaterThanOrEqual(1);
    expect(final.reduce((sum, c) => sum + c.audioSec, 0)).toBeCloseTo(11, 0);
    expect(final.every((c) => c.audioSec <= DEFAULT_STREAM_PARAMS.maxUtteranceSec)).toBe(true);
    expect(recorder.calls.at(-1)!.options.thorough).toBe(true);
  });

  it("emits caption updates in order whose committed text only grows, or takes an utterance's final text", () => {
    expect(captions.length).toBeGreaterThanOrEqual(3);
    captions.forEach((c, i) => {
      if (i === 0) return;
      expect(c.seq).toBe(captions[i - 1]!.seq + 1);
      if (!finalTextAt.has(c.seq))
        expect(c.committedText.startsWith(captions[i - 1]!.committedText)).toBe(true);
      expect(c.audioSec).toBeGreaterThanOrEqual(captions[i - 1]!.audioSec);
    });
    expect(captions.some((c) => c.tentativeText.length > 0)).toBe(true);
    const last = captions.at(-1)!;
    expect(last.tentativeText).toBe('');
    expect(last.committedText.length).toBeGreaterThan(0);
  });

  it('reports live stats with elapsed audio time', () => {
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.at(-1)!.elapsedSec).toBeGreaterThan(9);
  });

  it("returns the final passes' words with timings inside the answer, and metrics", () => {
    const finals = recorder.calls.filter((c) => c.options.thorough);
    expect(result.words.map((w) => w.text)).toEqual(finals.flatMap((c) => c.result.words.map((w) => w.text)));
    for (const w of result.words) {
      expect(w.startSec).toBeGreaterThanOrEqual(0);
      expect(w.endSec).toBeLessThanOrEqual(11.01);
      expect(w.endSec).toBeGreaterThanOrEqual(w.startSec);
    }
    expect(result.report.durationSec).toBeCloseTo(11, 1);
    expect(result.report.wordCount).toBe(result.words.length);
  });

  it('prompts whisper.cpp for verbatim disfluencies on every pass', () => {
    for (const call of recorder.calls) expect(call.options.prompt?.startsWith(DISFLUENCY_PROMPT)).toBe(true);
  });

  it('returns and saves the full coaching analysis, voice from the recorded audio', () => {
    const analysis = result.report.coaching!;
    expect(analysis.questionKind).toBeNull();
    expect(analysis.voice).not.toBeNull();
    // JFK's voice, whatever the synthetic model heard.
    expect(analysis.voice!.medianPitchHz).toBeGreaterThan(70);
    expect(analysis.voice!.medianPitchHz).toBeLessThan(250);
    expect(analysis.score.total).toBeGreaterThanOrEqual(0);
    expect(analysis.score.total).toBeLessThanOrEqual(100);
    expect(result.report.pace.timeline.every((p) => p.atSec >= 0 && p.atSec <= 11.01)).toBe(true);
    expect(service.getSession(sessionId).answers[0]!.report.coaching).toEqual(analysis);
  });

  it('saves the session row, the answer and its 11 s WAV', () => {
    expect(service.listSessions().map((s) => s.id)).toContain(sessionId);
    const detail = service.getSession(sessionId);
    expect(detail.answers).toHaveLength(1);
    expect(detail.answers[0]!.words).toEqual(result.words);
    expect(existsSync(result.audioPath)).toBe(true);
    const { info } = readWav16kMono(result.audioPath);
    expect(info.durationSec).toBeCloseTo(11, 1);
  });
});
