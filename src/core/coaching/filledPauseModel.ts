// A small logistic-regression classifier over the features of filledPauseFeatures.ts: is this voiced run a
// filled pause? Its weights are fitted by bench/coachingCorpus/trainFilledPause.ts on the tuning voices
// and scripts only, and written to filledPauseWeights.ts; the benchmark reports it on voices it never saw.
import type { RunFeatures } from './filledPauseFeatures';

export const FEATURE_NAMES = [
  'log duration',
  'pitch spread',
  'log pitch slope',
  'spectral change ratio',
  'level vs speech',
  'above floor',
  'level spread',
  'aperiodicity',
  'outside words',
  'edge dip',
  'voiced share',
  'log transcript gap',
  'level slope',
  'dip before',
  'continues the voice before',
] as const;

export type LogisticModel = {
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
  /** Probability at or above which a run is reported: chosen for precision on the tuning data. */
  threshold: number;
};

/** The features as the model sees them: logs for durations and slopes, clamps for far-out levels. */
export function featureVector(f: RunFeatures): number[] {
  return [
    Math.log(Math.max(0.01, f.durationSec)),
    Math.min(6, f.pitchSpreadSemitones),
    Math.log1p(Math.min(100, f.pitchSlopeSemitonesPerSec)),
    Math.min(3, f.spectralChangeRatio),
    Math.max(-40, Math.min(10, f.levelVsSpeechDb)),
    Math.max(0, Math.min(60, f.aboveFloorDb)),
    Math.min(20, f.levelSpreadDb),
    f.aperiodicity,
    f.outsideWordsShare,
    Math.max(-10, Math.min(40, f.edgeDipDb)),
    f.voicedShare,
    Math.log(0.05 + Math.min(3, f.gapSec)),
    Math.max(-200, Math.min(200, f.levelSlopeDbPerSec)),
    Math.max(-10, Math.min(40, f.dipBeforeDb)),
    f.continuesPitchBefore,
  ];
}

export function fillerProbability(model: LogisticModel, features: RunFeatures): number {
  const x = featureVector(features);
  let z = model.bias;
  for (let i = 0; i < x.length; i += 1) {
    z += model.weights[i]! * ((x[i]! - model.means[i]!) / (model.scales[i]! || 1));
  }
  return 1 / (1 + Math.exp(-z));
}
