// How long the final passes left at Stop will take, from the final passes already run on this machine.
// A final pass pays for a full 30 s encoder run (and, on hard audio, temperature fallback) whatever the
// utterance's length, so its cost is a fixed part plus a part per second of audio: a real-time factor
// alone, taken from a long utterance, promised a short tail in a fraction of its time.
// One estimator serves every answer of a run (PracticeService owns it), so an answer whose utterances
// have not closed yet starts from this machine's earlier passes rather than from a guess.
import { median } from '../median';

/** Milliseconds on a clock that only moves forward (performance.now() in the app, a virtual one in tests). */
export type Clock = () => number;

/** One timed pass: seconds of audio, and the wall time it took from being sent to its words. */
export type TimedPass = { audioSec: number; wallMs: number };

export type PassCostParams = {
  /**
   * Before two passes of different lengths have been timed, the fixed part is taken to cost as much as
   * this many seconds of audio: on 2 cores the tiny model's final pass over 2, 5 and 10 s took 7.7,
   * 11.4 and 7.7 s (the encoder's 30 s and the fallback decodes, not the audio, set the cost).
   */
  fixedAsAudioSec: number;
  /** Until any pass has been timed: wall ms per second of audio (plus the fixed part above). */
  defaultMsPerSec: number;
  /** Lengths closer than this cannot tell the fixed part from the per-second part. */
  minSpreadSec: number;
  /** The passes kept: the machine's load changes during a long answer. */
  maxPasses: number;
};

/**
 * A run's final-pass timings, shared by its answers: the background's full-context passes, and Stop's,
 * whose context is fitted to their audio. Each learns only its own kind.
 */
export type FinalPassCosts = { background: PassCostEstimator; atStop: PassCostEstimator };

export const DEFAULT_PASS_COST_PARAMS: PassCostParams = {
  fixedAsAudioSec: 15,
  defaultMsPerSec: 1200,
  minSpreadSec: 3,
  maxPasses: 12,
};

export class PassCostEstimator {
  private readonly passes: TimedPass[] = [];
  private readonly params: PassCostParams;

  constructor(
    private readonly clock: Clock = () => performance.now(),
    params: Partial<PassCostParams> = {},
  ) {
    this.params = { ...DEFAULT_PASS_COST_PARAMS, ...params };
  }

  /** Starts timing a pass over `audioSec`; call the result when its words arrive (not if it failed). */
  start(audioSec: number): () => void {
    const startedMs = this.clock();
    return () => this.observe({ audioSec, wallMs: this.clock() - startedMs });
  }

  observe(pass: TimedPass): void {
    if (!(pass.audioSec > 0) || !(pass.wallMs >= 0)) return;
    this.passes.push(pass);
    if (this.passes.length > this.params.maxPasses) this.passes.shift();
  }

  get timedPasses(): readonly TimedPass[] {
    return this.passes;
  }

  /** Wall ms the passes over these lengths (seconds of audio each) should take, one after another. */
  estimateMs(spansSec: readonly number[]): number {
    const { fixedMs, msPerSec } = this.model();
    return spansSec.reduce((sum, sec) => sum + (sec > 0 ? fixedMs + msPerSec * sec : 0), 0);
  }

  /**
   * cost = fixedMs + msPerSec · seconds, fitted to the passes timed so far. Medians, not least squares:
   * one runaway decode (the synthetic model's garbage, a hallucination loop, a burst of load) must not
   * set the estimate of every pass after it.
   */
  model(): { fixedMs: number; msPerSec: number } {
    const { fixedAsAudioSec, defaultMsPerSec, minSpreadSec } = this.params;
    const passes = this.passes;
    if (passes.length === 0) return { fixedMs: fixedAsAudioSec * defaultMsPerSec, msPerSec: defaultMsPerSec };
    // Theil–Sen: the median of the slopes between passes far enough apart in length to tell the two
    // parts apart; a slope or intercept below zero is noise, not a free pass.
    const slopes: number[] = [];
    for (let i = 0; i < passes.length; i++) {
      for (let j = i + 1; j < passes.length; j++) {
        const dSec = passes[j]!.audioSec - passes[i]!.audioSec;
        if (Math.abs(dSec) >= minSpreadSec) slopes.push((passes[j]!.wallMs - passes[i]!.wallMs) / dSec);
      }
    }
    if (slopes.length > 0) {
      const msPerSec = Math.max(0, median(slopes));
      const fixedMs = median(passes.map((p) => p.wallMs - msPerSec * p.audioSec));
      if (fixedMs >= 0) return { fixedMs, msPerSec };
      return { fixedMs: 0, msPerSec: median(passes.map((p) => p.wallMs / p.audioSec)) };
    }
    // Passes of about one length: their typical speed, split between the two parts in the engine's usual
    // shape.
    const msPerSec = median(passes.map((p) => p.wallMs / (fixedAsAudioSec + p.audioSec)));
    return { fixedMs: fixedAsAudioSec * msPerSec, msPerSec };
  }
}

export function finalPassCosts(clock?: Clock): FinalPassCosts {
  return { background: new PassCostEstimator(clock), atStop: new PassCostEstimator(clock) };
}
