// The benchmarks' answers: one public-domain reading looped to any length, so Stop and a crash can be
// measured at 30 s and at 10 min on the same voice.
import path from 'node:path';
import { SHARED_AUDIO_DIR } from '../scripts/sharedAssets';

export const LOOPED_SOURCE_WAV = path.join(
  SHARED_AUDIO_DIR,
  'librivox_shakespeare_sonnets_002_003_concat.wav',
);

/** `sec` of the source recording, looped, starting `offsetSec` into it (different runs stop mid-different words). */
export function answerAudio(source: Float32Array, sec: number, offsetSec: number): Float32Array {
  const out = new Float32Array(Math.round(sec * 16_000));
  let from = Math.round(offsetSec * 16_000) % source.length;
  for (let at = 0; at < out.length;) {
    const n = Math.min(source.length - from, out.length - at);
    out.set(source.subarray(from, from + n), at);
    at += n;
    from = 0;
  }
  return out;
}
