// Turns per-window speech probabilities into speech segments, the pauses between them, and an
// "utterance ended" signal, while audio streams in. The rules follow Silero's get_speech_timestamps:
// speech starts at the first window at or above `threshold`; it ends at the first window below
// `negThreshold` (hysteresis) once `minSilenceMs` of such silence has followed; candidates shorter than
// `minSpeechMs` are dropped as clicks and coughs; kept segments are widened by `speechPadMs` each side.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import type { SpeechProbabilityModel } from './sileroVad';

export type VadParams = {
  /** A window at or above this probability is speech. */
  threshold: number;
  /** Once in speech, only a window below this counts as silence (hysteresis against flicker). */
  negThreshold: number;
  /** Shorter candidates are dropped; a segment is confirmed (and reported as started) this far in. */
  minSpeechMs: number;
  /** Silence this long closes a segment, so shorter gaps (breaths, stops) stay inside one. */
  minSilenceMs: number;
  /** Widens each segment on both sides, so clipped word edges are kept. */
  speechPadMs: number;
  /**
   * Silence this long after speech means the speaker has finished a thought: the streaming engine can
   * commit the tail instead of waiting for more audio. Longer than minSilenceMs, so a pause is not an end.
   */
  endOfUtteranceMs: number;
};

/** How far below `threshold` the silence threshold sits by default, as in Silero's own segmenter. */
export const NEG_THRESHOLD_GAP = 0.15;

export const DEFAULT_VAD_PARAMS: Readonly<VadParams> = Object.freeze({
  threshold: 0.5,
  negThreshold: 0.5 - NEG_THRESHOLD_GAP,
  minSpeechMs: 250,
  minSilenceMs: 300,
  speechPadMs: 30,
  endOfUtteranceMs: 600,
});

/**
 * Defaults plus overrides; a `threshold` given without `negThreshold` brings its own hysteresis
 * (threshold − 0.15) rather than keeping the default's 0.35. Throws RangeError on nonsense values.
 */
export function vadParams(overrides: Partial<VadParams> = {}): VadParams {
  const threshold = overrides.threshold ?? DEFAULT_VAD_PARAMS.threshold;
  const p: VadParams = {
    ...DEFAULT_VAD_PARAMS,
    ...overrides,
    negThreshold: overrides.negThreshold ?? Math.max(0, threshold - NEG_THRESHOLD_GAP),
  };
  if (!(p.threshold > 0 && p.threshold < 1))
    throw new RangeError(`VAD threshold ${p.threshold} is not in (0, 1)`);
  if (!(p.negThreshold >= 0 && p.negThreshold <= p.threshold)) {
    throw new RangeError(`VAD negThreshold ${p.negThreshold} must lie in [0, threshold ${p.threshold}]`);
  }
  for (const key of ['minSpeechMs', 'minSilenceMs', 'speechPadMs', 'endOfUtteranceMs'] as const) {
    if (!(p[key] >= 0 && Number.isFinite(p[key]))) throw new RangeError(`VAD ${key} ${p[key]} is not ≥ 0`);
  }
  return p;
}

export type SpeechSegment = { startSec: number; endSec: number };
export type Pause = { startSec: number; endSec: number };

export type VadEvent =
  /** Speech confirmed (minSpeechMs long); `startSec` is the padded start, already in the past. */
  | { type: 'speech-start'; startSec: number }
  /** A segment closed, minSilenceMs after its speech ended (or at flush). */
  | { type: 'segment'; segment: SpeechSegment }
  /** The silence between the previous segment and one just confirmed (padded edges). */
  | { type: 'pause'; pause: Pause }
  /** endOfUtteranceMs of silence followed speech ending at `speechEndSec` (unpadded); once per silence. */
  | { type: 'utterance-end'; speechEndSec: number; atSec: number };

export type VadSegmenterOptions = {
  /** Called with every window's probability and start time, e.g. for a level meter or a log. */
  onWindow?: (probability: number, windowStartSec: number) => void;
};

const msToSamples = (ms: number): number => Math.round((ms * SAMPLE_RATE_HZ) / 1000);
const toSec = (samples: number): number => samples / SAMPLE_RATE_HZ;

/**
 * Streaming segmenter: push Float32 chunks of any length (16 kHz mono); it cuts them into the model's
 * windows, so results do not depend on how the audio was chunked. Times are seconds from the first sample.
 */
export class VadSegmenter {
  readonly params: VadParams;
  private readonly window: Float32Array;
  private pendingLength = 0;
  /** Samples run through the model (whole windows). */
  private processed = 0;
  /** Samples received, including those still waiting for a full window. */
  private received = 0;
  private finished = false;

  private triggered = false;
  private confirmed = false;
  /** Raw (unpadded) start of the current candidate, in samples. */
  private speechStart = 0;
  /** Padded start of the current segment, set when it is confirmed. */
  private segmentStart = 0;
  /** Where silence began inside the current candidate, or null while it is still speech. */
  private silenceStart: number | null = null;
  /** Padded end of the last closed segment, for pauses and so padding never overlaps it. */
  private lastSegmentEnd: number | null = null;
  /** Unpadded end of the last confirmed speech, where the utterance-end silence is measured from. */
  private lastSpeechEnd: number | null = null;
  private utteranceEndFired = false;

  private readonly closedSegments: SpeechSegment[] = [];
  private readonly foundPauses: Pause[] = [];

  private readonly thresholds: {
    minSpeech: number;
    minSilence: number;
    pad: number;
    endOfUtterance: number;
  };

  constructor(
    private readonly model: SpeechProbabilityModel,
    params: Partial<VadParams> = {},
    private readonly options: VadSegmenterOptions = {},
  ) {
    this.params = vadParams(params);
    this.window = new Float32Array(model.windowSamples);
    this.thresholds = {
      minSpeech: msToSamples(this.params.minSpeechMs),
      minSilence: msToSamples(this.params.minSilenceMs),
      pad: msToSamples(this.params.speechPadMs),
      endOfUtterance: msToSamples(this.params.endOfUtteranceMs),
    };
    model.reset();
  }

  /** 'speech' from the moment a segment is confirmed until it closes (minSilenceMs after it ends). */
  get state(): 'speech' | 'silence' {
    return this.triggered && this.confirmed ? 'speech' : 'silence';
  }

  /** True once utterance-end has fired, until speech is confirmed again. */
  get utteranceEnded(): boolean {
    return this.utteranceEndFired;
  }

  /** Closed segments so far (the open one, if any, is not included until it closes or flush()). */
  get segments(): readonly SpeechSegment[] {
    return this.closedSegments;
  }

  /** Pauses between segments so far. */
  get pauses(): readonly Pause[] {
    return this.foundPauses;
  }

  /** Audio judged so far: whole windows, so up to 32 ms behind what was pushed (until flush()). */
  get processedSec(): number {
    return toSec(this.processed);
  }

  /** Feeds more audio; returns what it caused, in time order. */
  push(chunk: Float32Array): VadEvent[] {
    if (this.finished) {
      throw new Error('VadSegmenter.push after flush(); call reset() to start a new recording');
    }
    const events: VadEvent[] = [];
    const size = this.window.length;
    this.received += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(size - this.pendingLength, chunk.length - offset);
      this.window.set(chunk.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength === size) {
        this.step(this.window, events);
        this.pendingLength = 0;
      }
    }
    return events;
  }

  /**
   * Ends the recording: judges a last partial window (zero-padded) and closes an open segment at the
   * end of the audio (or where its silence began). push() is refused afterwards until reset().
   */
  flush(): VadEvent[] {
    if (this.finished) return [];
    const events: VadEvent[] = [];
    if (this.pendingLength > 0) {
      this.window.fill(0, this.pendingLength);
      this.step(this.window, events);
      this.pendingLength = 0;
    }
    this.finished = true;
    if (this.triggered) {
      const end = Math.min(this.silenceStart ?? this.received, this.received);
      if (!this.confirmed && end - this.speechStart >= this.thresholds.minSpeech) this.confirm(events);
      this.close(end, this.received, events);
    }
    return events;
  }

  /** Forgets everything, including the model's state, for a new recording. */
  reset(): void {
    this.model.reset();
    this.pendingLength = 0;
    this.processed = 0;
    this.received = 0;
    this.finished = false;
    this.triggered = false;
    this.confirmed = false;
    this.silenceStart = null;
    this.lastSegmentEnd = null;
    this.lastSpeechEnd = null;
    this.utteranceEndFired = false;
    this.closedSegments.length = 0;
    this.foundPauses.length = 0;
  }

  private step(frame: Float32Array, events: VadEvent[]): void {
    const { threshold, negThreshold } = this.params;
    const { minSpeech, minSilence, endOfUtterance } = this.thresholds;
    const start = this.processed;
    const end = start + frame.length;
    const p = this.model.process(frame);
    this.processed = end;
    this.options.onWindow?.(p, toSec(start));

    if (p >= threshold) {
      this.silenceStart = null;
      if (!this.triggered) {
        this.triggered = true;
        this.confirmed = false;
        this.speechStart = start;
      }
    } else if (this.triggered && p < negThreshold && this.silenceStart === null) {
      this.silenceStart = start;
    }

    if (this.triggered) {
      if (!this.confirmed && (this.silenceStart ?? end) - this.speechStart >= minSpeech) this.confirm(events);
      if (this.silenceStart !== null && end - this.silenceStart >= minSilence) {
        this.close(this.silenceStart, end, events);
      }
    }

    // Silence is measured from the last confirmed speech; an unconfirmed candidate (maybe a cough,
    // maybe the next word) holds the decision until it is confirmed or dropped.
    const silenceFrom = this.triggered ? (this.confirmed ? this.silenceStart : null) : this.lastSpeechEnd;
    if (!this.utteranceEndFired && silenceFrom !== null && end - silenceFrom >= endOfUtterance) {
      this.utteranceEndFired = true;
      events.push({ type: 'utterance-end', speechEndSec: toSec(silenceFrom), atSec: toSec(end) });
    }
  }

  private confirm(events: VadEvent[]): void {
    this.confirmed = true;
    this.utteranceEndFired = false;
    const previousEnd = this.lastSegmentEnd ?? 0;
    const start = Math.max(previousEnd, this.speechStart - this.thresholds.pad);
    if (this.lastSegmentEnd !== null && start > this.lastSegmentEnd) {
      const pause = { startSec: toSec(this.lastSegmentEnd), endSec: toSec(start) };
      this.foundPauses.push(pause);
      events.push({ type: 'pause', pause });
    }
    this.segmentStart = start;
    events.push({ type: 'speech-start', startSec: toSec(start) });
  }

  /** Ends the current candidate at `speechEnd` (unpadded); keeps it only if it was confirmed. */
  private close(speechEnd: number, audioEnd: number, events: VadEvent[]): void {
    if (this.confirmed) {
      // audioEnd can be a zero-padded window's end during flush(); padding never runs past real audio.
      const end = Math.min(speechEnd + this.thresholds.pad, audioEnd, this.received);
      const segment = { startSec: toSec(this.segmentStart), endSec: toSec(end) };
      this.closedSegments.push(segment);
      this.lastSegmentEnd = end;
      this.lastSpeechEnd = speechEnd;
      events.push({ type: 'segment', segment });
    }
    this.triggered = false;
    this.confirmed = false;
    this.silenceStart = null;
  }
}

export type SpeechDetection = {
  segments: SpeechSegment[];
  pauses: Pause[];
  /** Every window's probability (window i starts at i × 512 samples). */
  probabilities: Float32Array;
};

/** Segments a whole recording in one go (resets the model first). */
export function detectSpeechSegments(
  samples: Float32Array,
  model: SpeechProbabilityModel,
  params: Partial<VadParams> = {},
): SpeechDetection {
  const probabilities = new Float32Array(Math.ceil(samples.length / model.windowSamples));
  let i = 0;
  const segmenter = new VadSegmenter(model, params, { onWindow: (p) => (probabilities[i++] = p) });
  segmenter.push(samples);
  segmenter.flush();
  return { segments: [...segmenter.segments], pauses: [...segmenter.pauses], probabilities };
}
