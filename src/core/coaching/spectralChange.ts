// How fast the spectral envelope changes over a stretch of audio. A held "uh" keeps one vowel, so its
// envelope barely moves; a word glides from sound to sound. The envelope is summarised by the first
// normalised autocorrelation lags of the pre-emphasised signal, which track the formants cheaply.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import type { AudioSamples } from '../audio/pcm';

const WINDOW_SEC = 0.025;
const STEP_SEC = 0.01;
/** Frames compared are this far apart: about one phone, long enough to see a transition. */
const COMPARE_SEC = 0.03;
const LAGS = 8;
const PRE_EMPHASIS = 0.97;

const WINDOW_SIZE = Math.round(WINDOW_SEC * SAMPLE_RATE_HZ);
/** The Hann window, computed once: the cosine per sample per frame was most of Stop's analysis time. */
const HANN = Float64Array.from(
  { length: WINDOW_SIZE },
  (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (WINDOW_SIZE - 1)),
);

/**
 * Mean envelope distance between frames COMPARE_SEC apart within [fromSec, toSec]; 0 when too short.
 * The lags are divided by the frame's energy, so 16-bit samples give what their Float32 form would.
 */
export function meanSpectralChange(samples: AudioSamples, fromSec: number, toSec: number): number {
  // Each frame is compared twice (as the later frame of one pair and the earlier of another): the
  // last few are kept by their first sample, so each is computed once.
  const kept = new RecentEnvelopes();
  const at = (centreSec: number) => {
    const start = Math.round(centreSec * SAMPLE_RATE_HZ) - Math.floor(WINDOW_SIZE / 2);
    return kept.get(start) ?? kept.put(start, envelope(samples, start));
  };
  let total = 0;
  let count = 0;
  for (let t = fromSec + WINDOW_SEC / 2; t + COMPARE_SEC + WINDOW_SEC / 2 <= toSec + 1e-9; t += STEP_SEC) {
    const a = at(t);
    const b = at(t + COMPARE_SEC);
    let sum = 0;
    for (let i = 0; i < LAGS; i += 1) sum += (a[i]! - b[i]!) ** 2;
    total += Math.sqrt(sum);
    count += 1;
  }
  return count ? total / count : 0;
}

/** The first LAGS normalised autocorrelation lags of the windowed frame starting at sample `start`. */
function envelope(samples: AudioSamples, start: number): Float64Array {
  const x = new Float64Array(WINDOW_SIZE);
  for (let i = 0; i < WINDOW_SIZE; i += 1) {
    const current = samples[start + i] ?? 0;
    const previous = samples[start + i - 1] ?? 0;
    x[i] = (current - PRE_EMPHASIS * previous) * HANN[i]!;
  }
  const lag = (k: number) => {
    let sum = 0;
    for (let i = k; i < WINDOW_SIZE; i += 1) sum += x[i]! * x[i - k]!;
    return sum;
  };
  const energy = lag(0) || 1;
  const out = new Float64Array(LAGS);
  for (let k = 0; k < LAGS; k += 1) out[k] = lag(k + 1) / energy;
  return out;
}

/** The envelopes of the last few frames, enough to span COMPARE_SEC of steps. */
class RecentEnvelopes {
  private readonly starts: number[] = [];
  private readonly values: Float64Array[] = [];
  private next = 0;
  private static readonly SIZE = Math.ceil(COMPARE_SEC / STEP_SEC) + 2;

  get(start: number): Float64Array | undefined {
    const i = this.starts.indexOf(start);
    return i < 0 ? undefined : this.values[i];
  }

  put(start: number, value: Float64Array): Float64Array {
    this.starts[this.next] = start;
    this.values[this.next] = value;
    this.next = (this.next + 1) % RecentEnvelopes.SIZE;
    return value;
  }
}
