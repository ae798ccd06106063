// A whole recording through the live pipeline, as if it were spoken into the app: 200 ms frames,
// live sliding-window steps, the final pass, scoring and saving. For uploads (the server's
// POST /api/transcribe), where nobody is waiting on live captions.
import { float32ToPcm16 } from '../audio/pcm';
import { FRAME_SAMPLES } from '../../shared/audioFormat';
import type { AnswerResult } from '../../shared/domain';
import type { PracticeService, StartAnswerRequest } from './practiceService';

export async function analyzeRecording(
  service: PracticeService,
  samples: Float32Array,
  question: StartAnswerRequest,
): Promise<AnswerResult> {
  const { answerId } = await service.startAnswer(question);
  try {
    for (let i = 0; i < samples.length; i += FRAME_SAMPLES) {
      const frame = float32ToPcm16(samples.subarray(i, i + FRAME_SAMPLES));
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
