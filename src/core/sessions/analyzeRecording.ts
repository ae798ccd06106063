// A whole recording through the live pipeline, as if it were spoken into the app: 200 ms frames,
// live sliding-window steps, the final pass, scoring and saving. For uploads (the server's
// POST /api/transcribe), where nobody is waiting on live captions.
import { float32ToPcm16, SAMPLE_RATE_HZ } from '../audio/pcm';
import type { AnswerResult } from '../domain';
import type { PracticeService, StartAnswerRequest } from './practiceService';

/** The app's microphone frames are 200 ms; recordings are fed the same way. */
export const RECORDING_FRAME_SAMPLES = SAMPLE_RATE_HZ / 5;

export async function analyzeRecording(
  service: PracticeService,
  samples: Float32Array,
  question: StartAnswerRequest,
): Promise<AnswerResult> {
  const { answerId } = await service.startAnswer(question);
  try {
    for (let i = 0; i < samples.length; i += RECORDING_FRAME_SAMPLES) {
      const frame = float32ToPcm16(samples.subarray(i, i + RECORDING_FRAME_SAMPLES));
      service.pushAudio(answerId, frame.buffer as ArrayBuffer);
      // Faster than real time: let each live step finish, as if the machine were infinitely fast.
      await service.drain(answerId);
    }
  } catch (err) {
    await service.cancelAnswer(answerId);
    throw err;
  }
  return service.stopAnswer(answerId);
}
