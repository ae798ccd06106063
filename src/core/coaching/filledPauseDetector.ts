// Whisper tends to leave "um" and "uh" out of its text, so the stretches around and between transcribed
// words are checked for them acoustically: a filled pause is voiced, holds one pitch and one vowel, and
// stands apart from the words around it. filledPauseFeatures.ts measures each voiced run; the classifier
// of filledPauseModel.ts (fitted on the tuning voices, see docs/benchmarks.md) decides.
import type { FilledPauseCandidate, Word } from '../../shared/domain';
import type { AudioSamples } from '../audio/pcm';
import { filledPauseRuns, type RunFeatures } from './filledPauseFeatures';
import { fillerProbability, type LogisticModel } from './filledPauseModel';
import { FILLED_PAUSE_MODEL } from './filledPauseWeights';

/**
 * A filled pause holds one note. A run whose pitch spreads wider than this is speech whatever the
 * classifier makes of it: the corpus's synthetic voices never glide like that, so the classifier never
 * learnt it (see the unit tests' gliding sound).
 */
export const MAX_PITCH_SPREAD_SEMITONES = 2;
/**
 * …and drifts no faster than this (semitones per second); a word's pitch glides faster. Above the
 * fastest drift of any filler in the tuning answers (29 st/s: over a 0.15 s "uh" a small wobble is steep).
 */
export const MAX_PITCH_SLOPE_SEMITONES_PER_SEC = 35;

/**
 * A filled pause is voiced: at least this share of a run's frames must carry a pitch (fewer than 5% of
 * the tuning answers' fillers have less). Runs that are mostly merely periodic-ish are noise or breath.
 */
export const MIN_VOICED_SHARE = 0.4;

/**
 * …and stands out of the background: a steady hum or the room is as loud as its own floor, and well below
 * the words. Every filler in the tuning answers is at least 14 dB above the floor. (A recording with
 * almost no silence has its floor at the words' level: a run as loud as the words still counts there.)
 */
export const MIN_ABOVE_FLOOR_DB = 10;

/** Runs of one hesitation split by a tracker dropout are reported once. */
const MERGE_GAP_SEC = 0.12;

/**
 * Filled pauses in `track` that the transcript `words` does not hold. `samples` (the 16 kHz audio the
 * track came from) adds the spectral-steadiness evidence; the app and the benchmark always pass them.
 */
export function detectFilledPauses(
  track: Parameters<typeof filledPauseRuns>[0],
  words: readonly Word[],
  durationSec: number,
  options: { samples?: AudioSamples; model?: LogisticModel } = {},
): FilledPauseCandidate[] {
  const model = options.model ?? FILLED_PAUSE_MODEL;
  const runs = filledPauseRuns(track, words, durationSec, options.samples, holdsOneNote);
  const accepted = runs.flatMap((run) => {
    const probability = fillerProbability(model, run);
    return probability >= model.threshold ? [{ run, probability }] : [];
  });
  return mergeNearby(accepted);
}

/** The gates every candidate must pass before the classifier is asked. */
export function holdsOneNote(run: RunFeatures): boolean {
  return (
    run.pitchSpreadSemitones <= MAX_PITCH_SPREAD_SEMITONES &&
    run.pitchSlopeSemitonesPerSec <= MAX_PITCH_SLOPE_SEMITONES_PER_SEC &&
    run.voicedShare >= MIN_VOICED_SHARE &&
    (run.aboveFloorDb >= MIN_ABOVE_FLOOR_DB || run.levelVsSpeechDb >= -MIN_ABOVE_FLOOR_DB) &&
    // Carrying on the note of the voice just before, it is a word's held end or its reverb: no filler in
    // the tuning answers does.
    run.continuesPitchBefore === 0
  );
}

function mergeNearby(accepted: readonly { run: RunFeatures; probability: number }[]): FilledPauseCandidate[] {
  const out: FilledPauseCandidate[] = [];
  for (const { run, probability } of accepted) {
    const previous = out.at(-1);
    if (previous && run.startSec - previous.endSec <= MERGE_GAP_SEC) {
      previous.endSec = run.endSec;
      previous.durationSec = previous.endSec - previous.startSec;
      previous.confidence = Math.max(previous.confidence, probability);
      continue;
    }
    out.push({
      startSec: run.startSec,
      endSec: run.endSec,
      durationSec: run.durationSec,
      pitchHz: run.pitchHz,
      confidence: probability,
    });
  }
  return out;
}
