// Every streaming, VAD and engine knob is in StreamParams, logged at answer start, and the engine's
// thread count there is the one the app loads the model with.
import { describe, expect, it } from 'vitest';
import { createCoachApp } from '../../../src/core/app/coachApp';
import { dataPaths } from '../../../src/core/dataPaths';
import {
  DEFAULT_ENGINE_THREADS,
  DEFAULT_STREAM_PARAMS,
  describeStreamParams,
  finalPassOptions,
  FULL_AUDIO_CTX,
} from '../../../src/core/streaming/streamParams';
import { DEFAULT_WHISPER_PARAMS } from '../../../src/core/asr/whisperTranscriber';
import type { EngineHostOptions } from '../../../src/core/asr/engineHost';
import { tempDir } from '../../helpers/fixtures';

describe('stream params', () => {
  it('logs the engine, streaming and VAD knobs in one line', () => {
    const line = describeStreamParams(DEFAULT_STREAM_PARAMS);
    expect(line).toContain(`engineThreads=${DEFAULT_ENGINE_THREADS}`);
    expect(line).toContain('finalTemperatureInc=0.2');
    expect(line).toContain('minStepMs=500');
    expect(line).toContain('vad.endOfUtteranceMs=600');
    expect(line).toContain('commitSlackSec=0.1 dedupeMaxNgram=5 seamWindowSec=1 forcedCutKeepShare=0.5');
    expect(DEFAULT_WHISPER_PARAMS.threads).toBe(DEFAULT_ENGINE_THREADS);
  });

  it('loads the engine with the thread count of the app’s stream params', async () => {
    const app = createCoachApp({
      paths: dataPaths(tempDir()),
      events: { caption: () => {}, nudge: () => {}, stats: () => {}, answerError: () => {} },
      log: () => {},
      streamParams: { ...DEFAULT_STREAM_PARAMS, engineThreads: 1 },
      recoverInterrupted: false,
    });
    try {
      const options = (app.engine as unknown as { opts: EngineHostOptions }).opts;
      expect(options.whisperParams).toEqual({ threads: 1 });
    } finally {
      await app.close();
    }
  });

  it('caps the tokens of a final pass by its length, with a floor, and not at all when set to 0', () => {
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 3).maxTokens).toBe(24);
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 0.5).maxTokens).toBe(16);
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 28).maxTokens).toBe(224);
    expect(finalPassOptions({ ...DEFAULT_STREAM_PARAMS, finalMaxTokensPerSec: 0 }, 3).maxTokens).toBe(0);
  });

  it('gives a pass at Stop an encoder context fitted to its audio, and every other final pass the full one', () => {
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 6).audioCtx).toBe(FULL_AUDIO_CTX);
    // 6 s of audio and the 1 s margin, at 50 encoder frames a second.
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 6, { atStop: true }).audioCtx).toBe(350);
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 1, { atStop: true }).audioCtx).toBe(
      DEFAULT_STREAM_PARAMS.minAudioCtx,
    );
    expect(finalPassOptions(DEFAULT_STREAM_PARAMS, 45, { atStop: true }).audioCtx).toBe(FULL_AUDIO_CTX);
    const full = { ...DEFAULT_STREAM_PARAMS, fitStopContext: false };
    expect(finalPassOptions(full, 6, { atStop: true }).audioCtx).toBe(FULL_AUDIO_CTX);
  });
});
