// A whole recording through the live pipeline, as if it were spoken into the app: FRAME_MS frames,
// live sliding-window steps, the final pass, scoring and saving. For uploads (the server's
// POST /api/transcribe) and `coach analyze`.
import { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import type { AnswerResult } from '../../shared/domain';
import { float32ToPcm16 } from '../audio/pcm';
import type { PracticeService, StartAnswerRequest } from './practiceService';

export type AnalyzeRecordingOptions = {
  /**
   * Feed frames at the pace they were spoken, so live steps compete with the clock as in the app.
   * Otherwise each live step finishes before the next frame, as if the machine were infinitely fast.
   */
  realtime?: boolean;
  /** Stops feeding and discards the answer (nothing is saved); checked before every frame. */
  signal?: AbortSignal;
  /** Seconds of audio fed so far, after each frame has been through its live step (the import's progress). */
  onFed?: (fedSec: number) => void;
  /** All audio is in: the final pass over the whole answer starts. */
  onFinalPass?: () => void;
};

async function* oneChunk(samples: Float32Array): AsyncGenerator<Float32Array> {
  yield samples;
}

/**
 * `samples` may be one array or chunks as a decoder produces them (decodeAudioChunks): frames are fed
 * as the chunks arrive, so the decode is never held whole beside the answer's own copy.
 */
export async function analyzeRecording(
  service: PracticeService,
  samples: Float32Array | AsyncIterable<Float32Array>,
  question: StartAnswerRequest,
  options: AnalyzeRecordingOptions = {},
): Promise<AnswerResult> {
  const source = (samples instanceof Float32Array ? oneChunk(samples) : samples)[Symbol.asyncIterator]();
  // The first chunk before the answer starts: a file the decoder refuses leaves no answer behind.
  const first = await source.next();
  const { answerId } = await service.startAnswer(question);
  const startedMs = performance.now();
  let frames = 0;
  let fedSamples = 0;
  const feed = async (frame: Float32Array) => {
    options.signal?.throwIfAborted();
    service.pushAudio(answerId, float32ToPcm16(frame).buffer as ArrayBuffer);
    frames += 1;
    if (options.realtime) {
      const dueMs = frames * FRAME_MS;
      await new Promise((r) => setTimeout(r, Math.max(0, dueMs - (performance.now() - startedMs))));
    } else {
      await service.drain(answerId);
    }
    fedSamples += frame.length;
    options.onFed?.(fedSamples / SAMPLE_RATE_HZ);
  };
  try {
    const pending = new Float32Array(FRAME_SAMPLES);
    let filled = 0;
    for (let next = first; !next.done; next = await source.next()) {
      const chunk = next.value;
      for (let i = 0; i < chunk.length;) {
        const n = Math.min(FRAME_SAMPLES - filled, chunk.length - i);
        pending.set(chunk.subarray(i, i + n), filled);
        filled += n;
        i += n;
        if (filled === FRAME_SAMPLES) {
          await feed(pending);
          filled = 0;
        }
      }
    }
    if (filled > 0) await feed(pending.subarray(0, filled));
    options.signal?.throwIfAborted();
  } catch (err) {
    await service.cancelAnswer(answerId);
    throw err;
  } finally {
    // Ends the decoder early on a cancel or an error, so its ffmpeg is killed instead of left blocked on
    // a full pipe (which also kept `coach serve` from exiting).
    await source.return?.(undefined);
  }
  options.onFinalPass?.();
  return service.stopAnswer(answerId);
}
