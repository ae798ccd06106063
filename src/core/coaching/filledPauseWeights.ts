// Placeholder until `npm run bench:coaching -- --write-model` writes the fitted classifier.
import type { LogisticModel } from './filledPauseModel';

export const FILLED_PAUSE_MODEL: LogisticModel = {
  means: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  scales: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  weights: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  bias: 0,
  threshold: 1,
};
