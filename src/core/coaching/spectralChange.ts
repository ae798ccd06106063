// How fast the spectral envelope changes over a stretch of audio. A held "uh" keeps one vowel, so its
// envelope barely moves; a word glides from sound to sound. The envelope is summarised by the first
// normalised autocorrelation lags of the pre-emphasised signal, which track the formants cheaply.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

const WINDOW_SEC = 0.025;
const STEP_SEC = 0.01;
/** Frames compared are this far apart: about one phone, long enough to see a transition. */
const COMPARE_SEC = 0.03;
const LAGS = 8;
const PRE_EMPHASIS = 0.97;

/** Mean envelope distance between frames COMPARE_SEC apart within [fromSec, toSec]; 0 when too short. */
export function meanSpectralChange(samples: Float32Array, fromSec: number, toSec: number): number {
  const distances: number[] = [];
  for (let t = fromSec + WINDOW_SEC / 2; t + COMPARE_SEC + WINDOW_SEC / 2 <= toSec + 1e-9; t += STEP_SEC) {
    const a = envelope(samples, t);
    const b = envelope(samples, t + COMPARE_SEC);
    distances.push(Math.sqrt(a.reduce((sum, value, i) => sum + (value - b[i]!) ** 2, 0)));
  }
  return distances.length ? distances.reduce((sum, d) => sum + d, 0) / distances.length : 0;
}

function envelope(samples: Float32Array, centreSec: number): number[] {
  const size = Math.round(WINDOW_SEC * SAMPLE_RATE_HZ);
  const start = Math.round(centreSec * SAMPLE_RATE_HZ) - Math.floor(size / 2);
  const x = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const current = samples[start + i] ?? 0;
    const previous = samples[start + i - 1] ?? 0;
    x[i] = (current - PRE_EMPHASIS * previous) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1)));
  }
  const lag = (k: number) => {
    let sum = 0;
    for (let i = k; i < size; i += 1) sum += x[i]! * x[i - k]!;
    return sum;
  };
  const energy = lag(0) || 1;
  return Array.from({ length: LAGS }, (_, k) => lag(k + 1) / energy);
}
