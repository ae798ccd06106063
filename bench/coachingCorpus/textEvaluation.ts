// The text filler detector against the corpus labels, per filler type, on transcripts with and without
// punctuation and casing. Vocal fillers are written into the transcript here (as Whisper does when it keeps
// them), so "vocal" measures the text detector; the acoustic detector has its own table.
import { countFillers, type FillerDecider } from '../../src/core/coaching/fillerWords';
import type { Word } from '../../src/shared/domain';
import { addCounts, ZERO_COUNTS, type Counts } from '../coachingEvaluation';
import { FILLER_TYPES, fillerTypeOf, parseMarkup, plainText, type FillerType } from './labels';

export type TypedCounts = Record<FillerType | 'overall', Counts>;
export type TextMistake = { kind: 'missed' | 'false'; type: string; text: string; context: string };

export function emptyTypedCounts(): TypedCounts {
  const out = { overall: ZERO_COUNTS } as TypedCounts;
  for (const type of FILLER_TYPES) out[type] = ZERO_COUNTS;
  return out;
}

function bump(counts: TypedCounts, type: FillerType, delta: Partial<Counts>): void {
  const add = { ...ZERO_COUNTS, ...delta };
  counts[type] = addCounts(counts[type], add);
  counts.overall = addCounts(counts.overall, add);
}

/** One answer (a few sentences of markup) as transcript words, with the filler type starting at each index. */
export function answerWords(
  markup: string,
  punctuated: boolean,
): { words: Word[]; truth: Map<number, FillerType> } {
  const words: Word[] = [];
  const truth = new Map<number, FillerType>();
  for (const token of parseMarkup(markup)) {
    const text = token.text;
    const shown = punctuated ? text : plainText(text);
    if (shown === '') continue;
    if (token.type === 'vocal') truth.set(words.length, 'vocal');
    else if (token.fillerStart && token.filler) truth.set(words.length, token.filler);
    const startSec = words.length * 0.4;
    words.push({ text: shown, startSec, endSec: startSec + 0.3 });
  }
  return { words, truth };
}

/** Scores one answer (a few sentences of markup) in one rendering. */
export function scoreTextAnswer(
  markup: string,
  punctuated: boolean,
  counts: TypedCounts,
  mistakes: TextMistake[],
  decider?: FillerDecider,
): void {
  const { words, truth } = answerWords(markup, punctuated);
  const context = (i: number) =>
    words
      .slice(Math.max(0, i - 4), i + 5)
      .map((w, k) => (k + Math.max(0, i - 4) === i ? `*${w.text}*` : w.text))
      .join(' ');
  const found = new Set<number>();
  for (const hit of countFillers(words, decider)) {
    found.add(hit.wordIndex);
    const type = truth.get(hit.wordIndex);
    if (type !== undefined) bump(counts, type, { truePositives: 1 });
    else {
      const guessed = fillerTypeOf(hit.text);
      bump(counts, guessed, { falsePositives: 1 });
      mistakes.push({ kind: 'false', type: guessed, text: hit.text, context: context(hit.wordIndex) });
    }
  }
  for (const [index, type] of truth) {
    if (found.has(index)) continue;
    bump(counts, type, { falseNegatives: 1 });
    mistakes.push({ kind: 'missed', type, text: words[index]!.text, context: context(index) });
  }
}

export function scoreTextAnswers(
  answers: readonly string[],
  decider?: FillerDecider,
): {
  counts: TypedCounts;
  mistakes: TextMistake[];
} {
  const counts = emptyTypedCounts();
  const mistakes: TextMistake[] = [];
  for (const markup of answers) {
    scoreTextAnswer(markup, true, counts, mistakes, decider);
    scoreTextAnswer(markup, false, counts, mistakes, decider);
  }
  return { counts, mistakes };
}
