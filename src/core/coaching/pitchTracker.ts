// Pitch (f0) and loudness per 10 ms frame with the YIN algorithm (de Cheveigné & Kawahara, 2002): a
// difference function, its cumulative-mean normalisation, an absolute threshold and parabolic
// interpolation. Voice analysis and the filled-pause detector both read this track.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

export type PitchParams = {
  /** Time between frame centres. */
  hopSec: number;
  /** Integration window of the difference function; must hold two periods of the lowest pitch. */
  windowSec: number;
  minHz: number;
  maxHz: number;
  /** YIN's absolute threshold on the normalised difference: lower is stricter about periodicity. */
  threshold: number;
  /** Frames quieter than this (dB full scale) are silence and never voiced. */
  silenceDb: number;
};

export const DEFAULT_PITCH_PARAMS: Readonly<PitchParams> = {
  hopSec: 0.01,
  windowSec: 0.03,
  minHz: 70,
  maxHz: 400,
  threshold: 0.25,
  silenceDb: -50,
};

/** Speech pitch lies far below 4 kHz, so YIN runs on audio decimated by this factor: four times cheaper. */
const DECIMATION = 2;
/** How many frames one slice of the async tracker computes before yielding to the event loop. */
const FRAMES_PER_SLICE = 400;
const DB_FLOOR = -120;

export type PitchFrame = {
  timeSec: number;
  /** Null when the frame is silent or not periodic enough to be voiced. */
  f0Hz: number | null;
  /** YIN's normalised difference at the chosen lag: near 0 for a clean periodic sound, 1 for noise. */
  aperiodicity: number;
  rmsDb: number;
};

export type PitchTrack = { hopSec: number; frames: PitchFrame[] };

/** The whole track at once; fine for tests and the CLI, but blocks the event loop for long audio. */
export function trackPitch(samples: Float32Array, params: Partial<PitchParams> = {}): PitchTrack {
  const tracker = new YinTracker(samples, { ...DEFAULT_PITCH_PARAMS, ...params });
  return { hopSec: tracker.params.hopSec, frames: tracker.frames(0, tracker.frameCount) };
}

/** The same track, computed in slices with a yield between them, so a UI process stays responsive. */
export async function trackPitchAsync(
  samples: Float32Array,
  params: Partial<PitchParams> = {},
): Promise<PitchTrack> {
  const tracker = new YinTracker(samples, { ...DEFAULT_PITCH_PARAMS, ...params });
  const frames: PitchFrame[] = [];
  for (let start = 0; start < tracker.frameCount; start += FRAMES_PER_SLICE) {
    frames.push(...tracker.frames(start, Math.min(tracker.frameCount, start + FRAMES_PER_SLICE)));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { hopSec: tracker.params.hopSec, frames };
}

class YinTracker {
  readonly frameCount: number;
  private readonly signal: Float32Array;
  private readonly rate: number;
  private readonly window: number;
  private readonly hop: number;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly diff: Float64Array;

  constructor(
    samples: Float32Array,
    readonly params: PitchParams,
  ) {
    this.signal = decimate(samples, DECIMATION);
    this.rate = SAMPLE_RATE_HZ / DECIMATION;
    this.window = Math.round(params.windowSec * this.rate);
    this.hop = Math.max(1, Math.round(params.hopSec * this.rate));
    this.minLag = Math.max(2, Math.floor(this.rate / params.maxHz));
    this.maxLag = Math.ceil(this.rate / params.minHz);
    this.diff = new Float64Array(this.maxLag + 2);
    this.frameCount = Math.max(
      0,
      Math.floor((this.signal.length - this.window - this.maxLag) / this.hop) + 1,
    );
  }

  frames(from: number, to: number): PitchFrame[] {
    const out: PitchFrame[] = [];
    for (let index = from; index < to; index += 1) out.push(this.frame(index));
    return out;
  }

  private frame(index: number): PitchFrame {
    const start = index * this.hop;
    const timeSec = (start + this.window / 2) / this.rate;
    const rmsDb = levelDb(this.signal, start, this.window);
    if (rmsDb < this.params.silenceDb) return { timeSec, f0Hz: null, aperiodicity: 1, rmsDb };
    const lag = this.bestLag(start);
    if (lag === null) return { timeSec, f0Hz: null, aperiodicity: 1, rmsDb };
    const aperiodicity = this.diff[lag]!;
    const f0Hz = this.rate / refineLag(this.diff, lag);
    const voiced =
      aperiodicity < this.params.threshold && f0Hz >= this.params.minHz && f0Hz <= this.params.maxHz;
    return { timeSec, f0Hz: voiced ? f0Hz : null, aperiodicity, rmsDb };
  }

  /** Fills `diff` with the cumulative-mean-normalised difference and returns YIN's chosen lag. */
  private bestLag(start: number): number | null {
    const { signal, window, maxLag, diff } = this;
    diff[0] = 1;
    let runningSum = 0;
    for (let lag = 1; lag <= maxLag + 1; lag += 1) {
      let sum = 0;
      for (let j = 0; j < window; j += 1) {
        const delta = signal[start + j]! - signal[start + j + lag]!;
        sum += delta * delta;
      }
      runningSum += sum;
      diff[lag] = runningSum > 0 ? (sum * lag) / runningSum : 1;
    }
    // The first dip under the threshold, followed down to its bottom; else the deepest dip overall.
    let best: number | null = null;
    for (let lag = this.minLag; lag <= maxLag; lag += 1) {
      if (diff[lag]! < this.params.threshold) {
        while (lag + 1 <= maxLag && diff[lag + 1]! < diff[lag]!) lag += 1;
        return lag;
      }
      if (best === null || diff[lag]! < diff[best]!) best = lag;
    }
    return best;
  }
}

/** Sub-sample lag from a parabola through the dip and its neighbours. */
function refineLag(diff: Float64Array, lag: number): number {
  const before = diff[lag - 1];
  const at = diff[lag];
  const after = diff[lag + 1];
  if (before === undefined || at === undefined || after === undefined) return lag;
  const curvature = before - 2 * at + after;
  if (curvature <= 0) return lag;
  return lag + (before - after) / (2 * curvature);
}

/** Averages each `factor` samples: a crude low-pass that is enough below 400 Hz. */
function decimate(samples: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(Math.floor(samples.length / factor));
  for (let i = 0; i < out.length; i += 1) {
    let sum = 0;
    for (let k = 0; k < factor; k += 1) sum += samples[i * factor + k]!;
    out[i] = sum / factor;
  }
  return out;
}

function levelDb(signal: Float32Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i += 1) sum += signal[i]! * signal[i]!;
  const rms = Math.sqrt(sum / Math.max(1, length));
  return rms > 0 ? Math.max(DB_FLOOR, 20 * Math.log10(rms)) : DB_FLOOR;
}

/** Pitch in semitones relative to 100 Hz, the scale on which pitch movement is heard evenly. */
export function hzToSemitones(hz: number): number {
  return 12 * Math.log2(hz / 100);
}
