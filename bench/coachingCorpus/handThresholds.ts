// The hand-threshold alternative to the classifier, over the same run features: each feature must clear a
// fixed bound. Tuned by a small grid on the tuning voices; the benchmark reports it beside the classifier.
import type { RunFeatures } from '../../src/core/coaching/filledPauseFeatures';

export type HandThresholds = {
  minDurationSec: number;
  maxPitchSpreadSemitones: number;
  maxPitchSlopeSemitonesPerSec: number;
  maxSpectralChangeRatio: number;
  minLevelVsSpeechDb: number;
  minAboveFloorDb: number;
  minOutsideWordsShare: number;
  minEdgeDipDb: number;
};

export const HAND_THRESHOLD_GRID = {
  minDurationSec: [0.12, 0.15],
  maxPitchSpreadSemitones: [1, 1.5],
  maxPitchSlopeSemitonesPerSec: [6],
  maxSpectralChangeRatio: [0.7, 1, 1.5],
  minLevelVsSpeechDb: [-20],
  minAboveFloorDb: [12],
  minOutsideWordsShare: [0.4, 0.6, 0.8],
  minEdgeDipDb: [0, 3, 6],
} as const;

export function gridOf(grid: typeof HAND_THRESHOLD_GRID): HandThresholds[] {
  let out: Partial<HandThresholds>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    out = out.flatMap((partial) =>
      (values as readonly number[]).map((value) => ({ ...partial, [key]: value })),
    );
  }
  return out as HandThresholds[];
}

export function passesThresholds(f: RunFeatures, t: HandThresholds): boolean {
  return (
    f.durationSec >= t.minDurationSec &&
    f.pitchSpreadSemitones <= t.maxPitchSpreadSemitones &&
    f.pitchSlopeSemitonesPerSec <= t.maxPitchSlopeSemitonesPerSec &&
    f.spectralChangeRatio <= t.maxSpectralChangeRatio &&
    f.levelVsSpeechDb >= t.minLevelVsSpeechDb &&
    f.aboveFloorDb >= t.minAboveFloorDb &&
    f.outsideWordsShare >= t.minOutsideWordsShare &&
    f.edgeDipDb >= t.minEdgeDipDb
  );
}
