// Small logistic-regression classifiers that decide whether a lexical filler phrase ("like", "you know",
// "so"…) is used as a filler where it stands, from the sparse context features of
// lexicalFillerFeatures.ts. Hand rules fit the sentences their author saw; these are fitted by
// bench/coachingCorpus/trainTextFiller.ts on labelled tuning answers in many registers (and checked by
// leave-one-set-out cross-validation), and written to lexicalFillerWeights.ts. No training at run time.
import type { LexicalFiller } from './lexicalFillerRules';

/** Phrases that share a classifier: "basically", "actually" and "literally" are one family of adverbs. */
export const MODEL_GROUPS = {
  like: 'like',
  'you know': 'you know',
  so: 'so',
  actually: 'adverb',
  basically: 'adverb',
  literally: 'adverb',
  'i mean': 'i mean',
  'kind of': 'kind of',
  'sort of': 'kind of',
} as const satisfies Record<LexicalFiller, string>;
export type ModelGroup = (typeof MODEL_GROUPS)[LexicalFiller];

/**
 * How the classifier's probability and the context rule's verdict combine, both thresholds chosen by
 * cross-validation for precision: a phrase the rule counts stays counted unless the classifier, which
 * knows the rule's verdict and how far to trust it in this context, gives it less than `vetoBelow`; one
 * the rule leaves is counted only when the classifier gives it at least `addAbove`.
 */
export type FillerThresholds = { vetoBelow: number; addAbove: number };

/** A fitted model as stored: weights as "feature weight" pairs, space-separated, in short strings. */
export type StoredFillerModel = FillerThresholds & { bias: number; weights: readonly string[] };

export type FillerModel = FillerThresholds & { bias: number; weights: ReadonlyMap<string, number> };

export function loadFillerModel(stored: StoredFillerModel): FillerModel {
  const weights = new Map<string, number>();
  const parts = stored.weights.join(' ').split(' ').filter(Boolean);
  for (let i = 0; i + 1 < parts.length; i += 2) weights.set(parts[i]!, Number(parts[i + 1]));
  return { bias: stored.bias, vetoBelow: stored.vetoBelow, addAbove: stored.addAbove, weights };
}

/** The rule's verdict as a feature: a model may have learnt how far to trust it. */
export const ruleFeature = (ruleSaysFiller: boolean): string => `rule=${ruleSaysFiller}`;

export function fillerModelProbability(model: FillerModel, features: readonly string[]): number {
  let z = model.bias;
  for (const feature of features) z += model.weights.get(feature) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export function isFillerByModel(
  thresholds: FillerThresholds,
  probability: number,
  ruleSaysFiller: boolean,
): boolean {
  return ruleSaysFiller ? probability >= thresholds.vetoBelow : probability >= thresholds.addAbove;
}
