// Voiced runs of every corpus answer, as the detector sees them (jittered word timings, samples given),
// labelled against the answer's true fillers: the data the classifier and the hand thresholds are fitted
// on and judged by.
import { filledPauseRuns } from '../../src/core/coaching/filledPauseFeatures';
import { answerAudio, EVAL_JITTER_SEC, transcriptWords } from './acousticEvaluation';
import type { AnswerTruth } from './renderAnswer';
import type { LabelledRun } from './trainFilledPause';

export type AnswerRuns = { truth: AnswerTruth; runs: LabelledRun[] };

/** A run is a filler when at least this much of it (or half of a shorter run) is a true filler. */
const LABEL_OVERLAP_SEC = 0.08;

const overlapSec = (a: { startSec: number; endSec: number }, b: { startSec: number; endSec: number }) =>
  Math.max(0, Math.min(a.endSec, b.endSec) - Math.max(a.startSec, b.startSec));

export function answerRuns(
  truths: readonly AnswerTruth[],
  options: { jitterSec?: number; droppedShare?: number } = {},
): AnswerRuns[] {
  const jitterSec = options.jitterSec ?? EVAL_JITTER_SEC;
  return truths.map((truth, index) => {
    const audio = answerAudio(truth);
    const words = transcriptWords(truth, jitterSec, 7 + index, options.droppedShare ?? 0);
    const runs = filledPauseRuns(audio.track, words, truth.durationSec, audio.samples);
    return {
      truth,
      runs: runs.map((features) => ({
        features,
        isFiller: truth.vocalFillers.some(
          (f) => overlapSec(features, f) >= Math.min(LABEL_OVERLAP_SEC, 0.5 * features.durationSec),
        ),
      })),
    };
  });
}
