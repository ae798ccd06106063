// A whole recording through the live pipeline, as if it were spoken into the app: FRAME_MS frames,
// live sliding-window steps, the final pass, scoring and saving. For uploads (the server's
// POST /api/transcribe) and `coach analyze`.
import { FRAME_MS, FRAME_SAMPLES } from '../../shared/audioFormat';
import type { AnswerResult } from '../../shared/domain';
import { float32ToPcm16 } from '../audio/pcm';
import type { PracticeService, StartAnswerRequest } from './practiceService';

export type AnalyzeRecordingOptions = {
  /**
   * Feed frames at the pace they were spoken, so live steps compete with the clock as in the app.
   * Otherwise each live step finishes before the next frame, as if the machine were infinitely fast.
   */
  realtime?: boolean;
};

export async function analyzeRecording(
  service: PracticeService,
  samples: Float32Array,
  question: StartAnswerRequest,
  options: AnalyzeRecordingOptions = {},
): Promise<AnswerResult> {
  const { answerId } = await service.startAnswer(question);
  const startedMs = performance.now();
  try {
    for (let i = 0, frame = 0; i < samples.length; i += FRAME_SAMPLES, frame++) {
      const pcm16 = float32ToPcm16(samples.subarray(i, i + FRAME_SAMPLES));
      service.pushAudio(answerId, pcm16.buffer as ArrayBuffer);
      if (options.realtime) {
        const dueMs = (frame + 1) * FRAME_MS;
        await new Promise((r) => setTimeout(r, Math.max(0, dueMs - (performance.now() - startedMs))));
      } else {
        await service.drain(answerId);
      }
    }
  } catch (err) {
    await service.cancelAnswer(answerId);
    throw err;
  }
  return service.stopAnswer(answerId);
}
