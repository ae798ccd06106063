// Stopping a pass that is no longer wanted, on the real whisper.cpp addon (patched at install by
// scripts/whisperAbortPatch.mjs) with the synthetic model: abort must end a long pass early, leave
// the engine usable, and never reach a later pass.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { TranscriptionAbortedError } from '../../../src/core/asr/transcriber';
import { WhisperTranscriber } from '../../../src/core/asr/whisperTranscriber';
import { DEFAULT_STREAM_PARAMS, finalPassOptions } from '../../../src/core/streaming/streamParams';
import { sharedAudio } from '../../helpers/fixtures';

/** 30 s of real speech: jfk.wav repeated, the length of a full final-pass window. */
function thirtySecondsOfSpeech(): Float32Array {
  const jfk = readWav16kMono(sharedAudio('jfk.wav')).samples;
  const out = new Float32Array(30 * 16_000);
  for (let at = 0; at < out.length; at += jfk.length) out.set(jfk.subarray(0, out.length - at), at);
  return out;
}

describe('WhisperTranscriber abort', () => {
  let engine: WhisperTranscriber;
  const audio = thirtySecondsOfSpeech();
  // Full encoder context over 30 s, as a final pass, but without temperature fallback and with few
  // tokens per segment: the synthetic model's meaningless words make decoding run on (retried by
  // fallback), and one such pass took over 120 s beside two CPU burners. Abort needs a pass that runs a
  // while (the encoder alone does), not the slowest one possible.
  const options = { ...finalPassOptions(DEFAULT_STREAM_PARAMS, 30), temperatureInc: 0, maxTokens: 16 };

  beforeAll(async () => {
    engine = await WhisperTranscriber.load(inject('syntheticModelPath'), { threads: 2 });
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  it('is available in the installed addon', () => {
    expect(engine.canAbort).toBe(true);
  });

  it('ends a running pass early with TranscriptionAbortedError, and the engine keeps working', async () => {
    const full = await engine.transcribe(audio, options);

    const controller = new AbortController();
    const pass = engine.transcribe(audio, { ...options, signal: controller.signal });
    let abortedAt = 0;
    setTimeout(
      () => {
        abortedAt = performance.now();
        controller.abort();
      },
      Math.min(150, full.computeMs / 4),
    );
    const error = await pass.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptionAbortedError);
    // whisper.cpp itself gave up (its pass failed on the abort flag), not a finished pass thrown away:
    // that, not a time compared with another pass's on a machine whose load changes, shows it stopped early.
    expect((error as TranscriptionAbortedError).stoppedEarly).toBe(true);
    expect(abortedAt).toBeGreaterThan(0);

    const after = await engine.transcribe(audio.subarray(0, 5 * 16_000), { audioCtx: 300 });
    expect(Array.isArray(after.words)).toBe(true);
  });

  it('never starts a pass whose signal is already aborted, nor touches the passes queued after it', async () => {
    const controller = new AbortController();
    controller.abort();
    const doomed = engine.transcribe(audio, { ...options, signal: controller.signal });
    const next = engine.transcribe(audio.subarray(0, 3 * 16_000), { audioCtx: 250 });
    await expect(doomed).rejects.toBeInstanceOf(TranscriptionAbortedError);
    await expect(next).resolves.toMatchObject({ words: expect.any(Array) });
  });

  it('ignores an abort that comes after its pass has finished', async () => {
    const controller = new AbortController();
    await engine.transcribe(audio.subarray(0, 2 * 16_000), { audioCtx: 250, signal: controller.signal });
    controller.abort();
    await expect(engine.transcribe(audio.subarray(0, 2 * 16_000), { audioCtx: 250 })).resolves.toMatchObject({
      words: expect.any(Array),
    });
  });
});
