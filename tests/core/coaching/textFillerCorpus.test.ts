// The text filler detector on the corpus scripts (bench/coachingCorpus), punctuated and bare: floors on
// the tuning, held-out and sealed columns that make a regression fail the suite, and the classifier that
// backs the context rules (lexicalFillerModel.ts). No audio: these run in about a second.
import { describe, expect, it } from 'vitest';
import { countFillers } from '../../../src/core/coaching/fillerWords';
import { loadFillerModel, MODEL_GROUPS } from '../../../src/core/coaching/lexicalFillerModel';
import { LEXICAL_FILLER_MODELS } from '../../../src/core/coaching/lexicalFillerWeights';
import { fitLogistic, thresholdForPrecision } from '../../../bench/coachingCorpus/logisticFit';
import { answersOf } from '../../../bench/coachingCorpus/scripts';
import { scoreTextAnswers, type TypedCounts } from '../../../bench/coachingCorpus/textEvaluation';
import { textSplits } from '../../../bench/coachingCorpus/textSplits';
import { TRAINING_TEXT_SETS } from '../../../bench/coachingCorpus/trainingScripts';
import { rates } from '../../../bench/coachingEvaluation';

type Floors = { overall: [number, number]; like: [number, number] };

/** Precision and recall at or above each floor, overall and for "like". */
function expectFloors(counts: TypedCounts, floors: Floors): void {
  for (const type of ['overall', 'like'] as const) {
    const { precision, recall } = rates(counts[type]);
    expect(precision, `${type} precision`).toBeGreaterThanOrEqual(floors[type][0]);
    expect(recall, `${type} recall`).toBeGreaterThanOrEqual(floors[type][1]);
  }
}

describe('text filler detector on the corpus scripts', () => {
  it('text detector: held-out scripts, punctuated and bare, at least 0.95 precision and 0.9 recall', () => {
    const { counts } = textSplits().heldOut;
    expectFloors(counts, { overall: [0.95, 0.95], like: [0.95, 0.95] });
    expect(rates(counts['you know']).recall).toBeGreaterThanOrEqual(0.85);
  });

  it('text detector: the text-only held-out sets, written before the second "like" revision, stay at their measured level', () => {
    // Measured 98% / 95% overall and 100% / 97% for "like"; before that revision "like" was 93% / 81%.
    expectFloors(textSplits().heldOutTextOnly.counts, { overall: [0.95, 0.93], like: [0.95, 0.95] });
  });

  it('text detector: the first sealed sets (public now) stay at their measured level', () => {
    expectFloors(textSplits().sealed.counts, { overall: [0.95, 0.95], like: [0.95, 0.95] });
  });

  it('text detector: the second and third sealed sets, trained on since each was measured once unseen, stay fitted', () => {
    // Unseen, they measured 98% / 92% overall and 97% / 89% for "like" (second), 100% / 91% and 100% / 91%
    // (third). Trained on: 99% / 94% and 99% / 94%; 100% / 92% and 100% / 91%.
    const { sealed2, sealed3 } = textSplits();
    for (const { counts } of [sealed2, sealed3])
      expectFloors(counts, { overall: [0.97, 0.9], like: [0.97, 0.89] });
  });

  it('text detector: the fourth sealed sets (written before the retraining, unseen) stay at their measured level', () => {
    // Measured once after the retrained weights landed: 96% / 92% overall, 100% / 93% for "like".
    expectFloors(textSplits().sealed4.counts, { overall: [0.95, 0.9], like: [0.97, 0.9] });
  });

  it('text detector: the tuning scripts, the sets written for the classifier included, stay fitted', () => {
    // Measured 100% / 96% overall, 99% / 93% for "like" (the rules alone: 91% / 89% on "like"). Fitted on
    // 17 sets it had 100% / 96% for "like"; with the sealed sets added it fits each set less tightly.
    expectFloors(textSplits().tuning.counts, { overall: [0.98, 0.95], like: [0.97, 0.92] });
  });
});

describe('the classifier behind the lexical filler rules', () => {
  const trainingAnswers = TRAINING_TEXT_SETS.flatMap((set) => answersOf(set, 4));

  it('stores models only for known phrase groups, with thresholds that are probabilities', () => {
    const groups = new Set<string>(Object.values(MODEL_GROUPS));
    expect(Object.keys(LEXICAL_FILLER_MODELS).length).toBeGreaterThan(0);
    for (const [group, stored] of Object.entries(LEXICAL_FILLER_MODELS)) {
      expect(groups.has(group), group).toBe(true);
      const model = loadFillerModel(stored);
      expect(model.weights.size).toBeGreaterThan(10);
      expect(model.vetoBelow).toBeGreaterThanOrEqual(0);
      expect(model.addAbove).toBeGreaterThan(model.vetoBelow);
    }
  });

  it('finds more fillers than the rules alone on its training answers, and fewer false ones', () => {
    const withModel = scoreTextAnswers(trainingAnswers).counts.overall;
    const rulesOnly = scoreTextAnswers(trainingAnswers, () => undefined).counts.overall;
    expect(withModel.truePositives).toBeGreaterThan(rulesOnly.truePositives);
    expect(withModel.falsePositives).toBeLessThan(rulesOnly.falsePositives);
  });

  it.each([
    'I like Python.',
    'We would like to hire two engineers.',
    'The cache works like the index.',
    'As you know, we ship daily.',
    'What I mean by latency is the p99.',
    'I like clean code and short reviews.',
  ])('keeps the real use in "%s" out of the count, punctuated and bare', (sentence) => {
    const words = (text: string) =>
      text.split(' ').map((word, i) => ({ text: word, startSec: i * 0.4, endSec: i * 0.4 + 0.3 }));
    const bare = sentence.toLowerCase().replace(/[.,?!]/g, '');
    expect(countFillers(words(sentence))).toEqual([]);
    expect(countFillers(words(bare))).toEqual([]);
  });
});

describe('logisticFit', () => {
  it('separates two classes by the feature that tells them apart', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      indices: [0, 1],
      values: [i % 2, (i % 5) / 5],
      y: (i % 2) as 0 | 1,
    }));
    const { weights, bias } = fitLogistic(rows, 2, { iterations: 500, learningRate: 1, l2: 0.001 });
    expect(weights[0]!).toBeGreaterThan(2);
    expect(Math.abs(weights[1]!)).toBeLessThan(1);
    expect(bias).toBeLessThan(0);
  });

  it('picks the lowest threshold that keeps the precision asked for', () => {
    const scored = [
      { p: 0.9, y: true },
      { p: 0.8, y: true },
      { p: 0.7, y: false },
      { p: 0.6, y: true },
      { p: 0.5, y: false },
      { p: 0.4, y: false },
    ];
    expect(thresholdForPrecision(scored, 1)).toBe(0.8);
    expect(thresholdForPrecision(scored, 0.75)).toBe(0.6);
  });
});
