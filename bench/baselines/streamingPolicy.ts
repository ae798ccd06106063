// The shape every live-caption policy takes in the streaming benchmark: audio goes in as it arrives,
// the caller asks whether the policy's schedule wants a step now, and each step reports the words it
// made final and the tentative tail it now shows. Ours and the baselines share it, so one runner
// feeds them all the same audio on the same engine.
import type { Word } from '../../src/shared/domain';

export type PolicyStep = {
  /** Words made final by this step (times from the start of the stream). */
  committed: Word[];
  /** The tentative words now shown after the committed text, replacing the previous ones. */
  tentative: Word[];
  /** Engine time of this step; 0 when the engine was not run. */
  computeMs: number;
  /** Seconds of audio the engine transcribed in this step. */
  windowSec: number;
  /** True when the policy decided not to run the engine (e.g. only silence was pending). */
  skipped: boolean;
  /** True when this step made text final, even if the engine heard no words in it. */
  finalises: boolean;
};

export interface StreamingPolicy {
  readonly name: string;
  pushAudio(samples: Float32Array): void;
  /** Whether the schedule calls for a step now, given the audio received so far. */
  stepDue(): boolean;
  step(): Promise<PolicyStep>;
  /** Ends the stream: transcribes what is left and makes all of it final (nothing stays tentative). */
  finish(): Promise<PolicyStep>;
}

/** Several passes reported as one (the end of a stream): their final words in order, their compute summed. */
export function mergeSteps(steps: PolicyStep[]): PolicyStep {
  return {
    committed: steps.flatMap((s) => s.committed),
    tentative: [],
    computeMs: steps.reduce((sum, s) => sum + s.computeMs, 0),
    windowSec: Math.max(0, ...steps.map((s) => s.windowSec)),
    skipped: steps.every((s) => s.skipped),
    finalises: true,
  };
}

/** Final words that need no engine pass, e.g. a tentative tail taken as it is when the stream ends. */
export const finalWithoutPass = (committed: Word[]): PolicyStep => ({
  committed,
  tentative: [],
  computeMs: 0,
  windowSec: 0,
  skipped: true,
  finalises: true,
});

/** Keeps only words that start after the last final word, so overlapping windows do not repeat it. */
export function wordsAfter(words: Word[], lastFinalEndSec: number, slackSec: number): Word[] {
  return words.filter((w) => w.startSec > lastFinalEndSec - slackSec);
}

export const shiftWords = (words: Word[], offsetSec: number): Word[] =>
  words.map((w) => ({ ...w, startSec: w.startSec + offsetSec, endSec: w.endSec + offsetSec }));
