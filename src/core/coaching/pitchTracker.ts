// Pitch (f0) and loudness per 10 ms frame with the YIN algorithm (de Cheveigné & Kawahara, 2002): a
// difference function, its cumulative-mean normalisation, an absolute threshold and parabolic
// interpolation. Voice analysis and the filled-pause detector both read this track.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import { SampleBuffer, samplesToSec } from '../audio/pcm';

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
  const tracker = new YinTracker(decimate(samples, DECIMATION), { ...DEFAULT_PITCH_PARAMS, ...params });
  return { hopSec: tracker.params.hopSec, frames: tracker.frames(0, tracker.frameCount) };
}

/** The same track, computed in slices with a yield between them, so a UI process stays responsive. */
export async function trackPitchAsync(
  samples: Float32Array,
  params: Partial<PitchParams> = {},
): Promise<PitchTrack> {
  const tracker = new YinTracker(decimate(samples, DECIMATION), { ...DEFAULT_PITCH_PARAMS, ...params });
  const frames: PitchFrame[] = [];
  for (let start = 0; start < tracker.frameCount; start += FRAMES_PER_SLICE) {
    frames.push(...tracker.frames(start, Math.min(tracker.frameCount, start + FRAMES_PER_SLICE)));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { hopSec: tracker.params.hopSec, frames };
}

/**
 * The same track when its first frames were computed earlier (written while recording, read back after
 * a crash): only the frames after them are computed. Frames beyond this audio are dropped.
 */
export function trackPitchAfter(
  samples: Float32Array,
  done: readonly PitchFrame[],
  params: Partial<PitchParams> = {},
): PitchTrack {
  const tracker = new YinTracker(decimate(samples, DECIMATION), { ...DEFAULT_PITCH_PARAMS, ...params });
  const kept = done.slice(0, tracker.frameCount);
  return {
    hopSec: tracker.params.hopSec,
    frames: [...kept, ...tracker.frames(kept.length, tracker.frameCount)],
  };
}

/**
 * The same track built while the audio arrives (a live answer), a slice at a time, so that Stop only
 * computes the last few frames instead of the whole answer's: its frames equal trackPitch's over the
 * same audio. It keeps only the decimated audio the next frames read, not the whole answer's (19 MB at
 * ten minutes): an answer's memory must not grow with its length beyond its own samples (issue #15).
 */
export class PitchTrackBuilder {
  readonly params: PitchParams;
  /** The decimated audio from the start of the next frame to compute on. */
  private readonly signal = new SampleBuffer();
  /** Frames before `signal` starts: their audio was dropped, whole hops at a time. */
  private framesDropped = 0;
  /** A 16 kHz sample waiting for its partner before the pair is decimated. */
  private odd: number | null = null;
  private readonly done: PitchFrame[] = [];

  constructor(params: Partial<PitchParams> = {}) {
    this.params = { ...DEFAULT_PITCH_PARAMS, ...params };
  }

  push(samples: Float32Array): void {
    let from = 0;
    const head: number[] = [];
    if (this.odd !== null && samples.length > 0) {
      head.push((this.odd + samples[0]!) / DECIMATION);
      this.odd = null;
      from = 1;
    }
    const pairs = Math.floor((samples.length - from) / DECIMATION);
    this.signal.append(Float32Array.from(head));
    this.signal.append(decimate(samples.subarray(from, from + pairs * DECIMATION), DECIMATION));
    if ((samples.length - from) % DECIMATION === 1) this.odd = samples[samples.length - 1]!;
  }

  /** Computes up to `maxFrames` more of the frames whose audio has all arrived; returns how many. */
  advance(maxFrames = Number.POSITIVE_INFINITY): number {
    const tracker = this.tracker();
    const from = this.done.length - this.framesDropped;
    const to = Math.min(tracker.completeFrames(), from + maxFrames);
    if (to <= from) return 0;
    this.done.push(...tracker.frames(from, to));
    this.dropComputed(tracker);
    return to - from;
  }

  get frameCount(): number {
    return this.done.length;
  }

  /** The audio held for the frames still to compute, in seconds: a fraction of one, however long the answer. */
  get heldSec(): number {
    return samplesToSec(this.signal.length * DECIMATION);
  }

  /** The frames computed so far (final: later audio does not change them). */
  get computed(): readonly PitchFrame[] {
    return this.done;
  }

  /** The track of all audio pushed so far (the frames near its end computed now). */
  finish(): PitchTrack {
    const tracker = this.tracker();
    const from = this.done.length - this.framesDropped;
    if (tracker.frameCount > from) this.done.push(...tracker.frames(from, tracker.frameCount));
    return {
      hopSec: this.params.hopSec,
      frames: this.done.slice(0, this.framesDropped + tracker.frameCount),
    };
  }

  private tracker(): YinTracker {
    return new YinTracker(this.signal.view(), this.params, this.framesDropped);
  }

  /** Only the frames not yet computed read the audio from here on. */
  private dropComputed(tracker: YinTracker): void {
    const frames = this.done.length - this.framesDropped;
    this.signal.dropFront(frames * tracker.hop);
    this.framesDropped += frames;
  }
}

class YinTracker {
  readonly frameCount: number;
  private readonly signal: Float32Array;
  private readonly rate: number;
  private readonly window: number;
  readonly hop: number;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly diff: Float64Array;

  /**
   * `signal`: the audio already decimated by DECIMATION; `originFrames`: how many frames of the
   * recording came before it (their audio dropped), for the frames' times.
   */
  constructor(
    signal: Float32Array,
    readonly params: PitchParams,
    private readonly originFrames = 0,
  ) {
    this.signal = signal;
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

  /** Frames whose difference function reads only samples that exist (the last ones may read one past). */
  completeFrames(): number {
    return Math.max(
      0,
      Math.min(
        this.frameCount,
        Math.floor((this.signal.length - this.window - this.maxLag - 1) / this.hop) + 1,
      ),
    );
  }

  frames(from: number, to: number): PitchFrame[] {
    const out: PitchFrame[] = [];
    for (let index = from; index < to; index += 1) out.push(this.frame(index));
    return out;
  }

  private frame(index: number): PitchFrame {
    const start = index * this.hop;
    const timeSec = ((this.originFrames + index) * this.hop + this.window / 2) / this.rate;
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

/**
 * The frames (in time order) from `fromSec` up to `toSec`, inclusive or not, found by binary search:
 * filtering the whole track once per word or gap made a 10-minute answer's analysis take seconds.
 */
export function framesBetween<F extends { timeSec: number }>(
  frames: readonly F[],
  fromSec: number,
  toSec: number,
  end: 'inclusive' | 'exclusive' = 'inclusive',
): F[] {
  const first = firstIndex(frames, (f) => f.timeSec >= fromSec);
  const past = firstIndex(frames, end === 'inclusive' ? (f) => f.timeSec > toSec : (f) => f.timeSec >= toSec);
  return past > first ? frames.slice(first, past) : [];
}

/** The first index whose frame passes `after` (which, once true, stays true for every later frame). */
function firstIndex<F>(frames: readonly F[], after: (f: F) => boolean): number {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(frames[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
