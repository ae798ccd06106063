// Voice activity on the real engine: jfk.wav, a 3 s pause, its first 3 s again and 6 s of silence,
// streamed in 100 ms frames with the real Silero VAD model. The silence must not reach whisper.cpp,
// the pause must be reported live, and the answer's words must be committed during the final
// silence, before Stop.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import { WhisperTranscriber } from '../../src/core/asr/whisperTranscriber';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { AnswerResult, CaptionUpdate, LiveStats } from '../../src/shared/domain';
import { openDatabase, type Db } from '../../src/core/storage/database';
import { PracticeService } from '../../src/core/practice/practiceService';
import { DEFAULT_STREAM_PARAMS } from '../../src/core/streaming/streamParams';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { SILERO_MODEL_PATH } from '../../scripts/sharedAssets';
import { RecordingTranscriber } from '../helpers/recordingTranscriber';

const FRAME = 1600;
const FIRST_SEC = 11;
const PAUSE_SEC = 3;
const SECOND_SEC = 3;
const SPEECH_SEC = FIRST_SEC + SECOND_SEC;
const SILENCE_SEC = 6;
/** Reported to the throttle for every pass, below minStepMs: passes run every MIN_STEP_MS of audio. */
const ENGINE_COST_MS = 200;
/** One pass per second of audio: fewer real passes, so a loaded machine takes minutes, not many. */
const MIN_STEP_MS = 1000;

describe('live transcription with the Silero VAD on the real engine', () => {
  let engine: EngineHost;
  let recorder: RecordingTranscriber;
  let db: Db;
  const captions: CaptionUpdate[] = [];
  const stats: LiveStats[] = [];
  /** Answer time (audio fed so far) at which each live pass ran; feeding is lock-step. */
  const passStartedAtSec: number[] = [];
  let lastCaptionBeforeStop: CaptionUpdate;
  let callsBeforeStop: number;
  let result: AnswerResult;

  beforeAll(async () => {
    const paths = dataPaths(tempDir());
    engine = new EngineHost({
      modelsDir: paths.modelsDir,
      modelPath: inject('syntheticModelPath'),
      vadModelPath: SILERO_MODEL_PATH,
      // A fixed reported cost (below minStepMs) so the pass schedule is the same on a loaded machine.
      load: async (p) =>
        (recorder = new RecordingTranscriber(await WhisperTranscriber.load(p), ENGINE_COST_MS)),
    });
    db = openDatabase(paths.dbPath);
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: {
        caption: (u) => captions.push(u),
        stats: (st) => stats.push(st),
        nudge: () => {},
        answerError: () => {},
      },
      streamParams: { ...DEFAULT_STREAM_PARAMS, minStepMs: MIN_STEP_MS },
      // Lock-step feeding: audio is the only clock.
      restTimer: () => () => {},
    });
    const speech = readWav16kMono(sharedAudio('jfk.wav')).samples;
    const audio = new Float32Array((SPEECH_SEC + PAUSE_SEC + SILENCE_SEC) * 16_000);
    audio.set(speech.subarray(0, FIRST_SEC * 16_000));
    audio.set(speech.subarray(0, SECOND_SEC * 16_000), (FIRST_SEC + PAUSE_SEC) * 16_000);
    const { answerId } = await service.startAnswer({
      questionId: 'q',
      questionText: 'Tell me about yourself.',
    });
    for (let i = 0; i < audio.length; i += FRAME) {
      const before = recorder.calls.length;
      service.pushAudio(answerId, float32ToPcm16(audio.subarray(i, i + FRAME)).buffer as ArrayBuffer);
      await service.drain(answerId);
      if (recorder.calls.length > before) passStartedAtSec.push((i + FRAME) / 16_000);
    }
    await service.settle(answerId);
    lastCaptionBeforeStop = captions.at(-1)!;
    callsBeforeStop = recorder.calls.length;
    result = await service.stopAnswer(answerId);
  });

  afterAll(async () => {
    await engine.dispose();
    db.close();
  });

  it('loads the VAD model beside the engine', () => {
    expect(engine.speechModel()).not.toBeNull();
  });

  it('does not send the pause or the trailing silence to whisper.cpp', () => {
    // Once the VAD has heard the end of an utterance, a pass may still run to commit it; after that,
    // steps keep coming every minStepMs but skip the engine.
    const settledSec = 1;
    const inPause = (t: number) => t > FIRST_SEC + settledSec && t <= FIRST_SEC + PAUSE_SEC;
    const inTrailingSilence = (t: number) => t > SPEECH_SEC + PAUSE_SEC + settledSec;
    expect(passStartedAtSec.filter(inPause).length).toBeLessThanOrEqual(2);
    expect(stats.filter((st) => inTrailingSilence(st.elapsedSec)).length).toBeGreaterThanOrEqual(4);
    expect(passStartedAtSec.filter(inTrailingSilence).length).toBeLessThanOrEqual(1);
    const live = recorder.calls.filter((c) => !c.options.thorough);
    // At most one pass per second of speech (minStepMs 1000), plus the passes that close utterances;
    // the 9 s of silence would add up to 9 more.
    expect(live.length).toBeLessThanOrEqual(SPEECH_SEC + 3);
    expect(live.length).toBeGreaterThanOrEqual(3);
  });

  it('makes each utterance final during the answer, so Stop transcribes nothing again', () => {
    const finals = recorder.calls.filter((c) => c.options.thorough);
    // One pass per utterance, closed at the pauses the VAD heard: they cover the speech once, and
    // not the trailing silence.
    expect(finals.length).toBeGreaterThanOrEqual(2);
    expect(finals.every((c) => c.options.priority === 'background')).toBe(true);
    const coveredSec = finals.reduce((sum, c) => sum + c.audioSec, 0);
    expect(coveredSec).toBeGreaterThan(SPEECH_SEC + PAUSE_SEC - 1);
    expect(coveredSec).toBeLessThan(SPEECH_SEC + PAUSE_SEC + 1);
    // Nothing is transcribed at Stop: the answer's final text was ready before it.
    expect(recorder.calls.length).toBe(callsBeforeStop);
    expect(result.words.length).toBe(finals.reduce((sum, c) => sum + c.result.words.length, 0));
  });

  it('has committed everything, with nothing left tentative, by the end of the pause', () => {
    expect(lastCaptionBeforeStop.audioSec).toBeCloseTo(SPEECH_SEC + PAUSE_SEC + SILENCE_SEC, 0);
    expect(lastCaptionBeforeStop.tentativeText).toBe('');
    expect(lastCaptionBeforeStop.committedText.length).toBeGreaterThan(0);
  });

  it('reports the 3 s pause between the two utterances in the live stats, and only that one', () => {
    const beforePause = stats.filter((st) => st.elapsedSec < FIRST_SEC);
    expect(beforePause.every((st) => st.longPauseCount === 0)).toBe(true);
    expect(stats.at(-1)!.longPauseCount).toBe(1);
  });
});
