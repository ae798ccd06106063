// Voice activity on the real engine: jfk.wav followed by 6 s of silence, streamed in 100 ms frames
// with the real Silero VAD model. The silence must not reach whisper.cpp, and the answer's words must
// be committed during the pause, before Stop.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import { WhisperTranscriber } from '../../src/core/asr/whisperTranscriber';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { CaptionUpdate } from '../../src/core/domain';
import { openDatabase, type Db } from '../../src/core/sessions/database';
import { PracticeService } from '../../src/core/sessions/practiceService';
import { SessionRepository } from '../../src/core/sessions/sessionRepository';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';
import { RecordingTranscriber } from '../helpers/recordingTranscriber';

const FRAME = 1600;
const SPEECH_SEC = 11;
const SILENCE_SEC = 6;

describe('live transcription with the Silero VAD on the real engine', () => {
  let engine: EngineHost;
  let recorder: RecordingTranscriber;
  let db: Db;
  const captions: CaptionUpdate[] = [];
  let lastCaptionBeforeStop: CaptionUpdate;

  beforeAll(async () => {
    const paths = dataPaths(tempDir());
    engine = new EngineHost({
      modelsDir: paths.modelsDir,
      modelPath: inject('syntheticModelPath'),
      vadModelPath: path.resolve(REPO_ROOT, '../shared/models/ggml-silero-v6.2.0.bin'),
      load: async (p) => (recorder = new RecordingTranscriber(await WhisperTranscriber.load(p))),
    });
    db = openDatabase(paths.dbPath);
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: { caption: (u) => captions.push(u), stats: () => {}, nudge: () => {}, answerError: () => {} },
    });
    const speech = readWav16kMono(sharedAudio('jfk.wav')).samples;
    const audio = new Float32Array(speech.length + SILENCE_SEC * 16_000);
    audio.set(speech);
    const { answerId } = await service.startAnswer({
      questionId: 'q',
      questionText: 'Tell me about yourself.',
    });
    for (let i = 0; i < audio.length; i += FRAME) {
      service.pushAudio(answerId, float32ToPcm16(audio.subarray(i, i + FRAME)).buffer as ArrayBuffer);
      await service.drain(answerId);
    }
    lastCaptionBeforeStop = captions.at(-1)!;
    await service.stopAnswer(answerId);
  });

  afterAll(async () => {
    await engine.dispose();
    db.close();
  });

  it('loads the VAD model beside the engine', () => {
    expect(engine.speechModel()).not.toBeNull();
  });

  it('does not send the trailing silence to whisper.cpp', () => {
    const live = recorder.calls.filter((c) => !c.options.thorough);
    // About one pass per second of speech, plus at most the pass that closes the utterance.
    expect(live.length).toBeLessThanOrEqual(SPEECH_SEC + 2);
    expect(live.length).toBeGreaterThanOrEqual(SPEECH_SEC - 3);
    expect(recorder.calls.filter((c) => c.options.thorough)).toHaveLength(1);
  });

  it('has committed everything, with nothing left tentative, by the end of the pause', () => {
    expect(lastCaptionBeforeStop.audioSec).toBeCloseTo(SPEECH_SEC + SILENCE_SEC, 0);
    expect(lastCaptionBeforeStop.tentativeText).toBe('');
    expect(lastCaptionBeforeStop.committedText.length).toBeGreaterThan(0);
  });
});
