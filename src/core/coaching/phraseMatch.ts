// Finding multi-word phrases in a timed transcript, shared by the hedge, repetition and structure checks.
import type { PhraseHit, Word } from '../../shared/domain';
import { normalizeWord } from './fillerWords';

/** A transcript's words normalised once ("Don’t," → "don't"), with the punctuation that ended each. */
export type NormalizedTranscript = { words: readonly Word[]; norms: string[]; endsClause: boolean[] };

const CLAUSE_END = /[.!?…,;:\-–—]["')\]’”]*$/u;
const SENTENCE_END = /[.!?…]["')\]’”]*$/u;

export function normalizeTranscript(words: readonly Word[]): NormalizedTranscript {
  return {
    words,
    norms: words.map((word) => normalizeWord(word.text)),
    endsClause: words.map((word) => CLAUSE_END.test(word.text.trim())),
  };
}

export function endsSentence(word: Word | undefined): boolean {
  return word !== undefined && SENTENCE_END.test(word.text.trim());
}

/** True when `phrase` (lower-case words) starts at `index`, without a clause break inside it. */
export function phraseAt(t: NormalizedTranscript, index: number, phrase: readonly string[]): boolean {
  return phrase.every(
    (part, offset) =>
      t.norms[index + offset] === part && (offset === phrase.length - 1 || !t.endsClause[index + offset]),
  );
}

export function hitAt(t: NormalizedTranscript, index: number, length: number): PhraseHit {
  const first = t.words[index];
  const last = t.words[index + length - 1];
  return {
    text: t.norms.slice(index, index + length).join(' '),
    wordIndex: index,
    startSec: first?.startSec ?? 0,
    endSec: last?.endSec ?? first?.endSec ?? 0,
  };
}

/** The word before `index`, unless a clause break separates them. */
export function previousInClause(t: NormalizedTranscript, index: number): string | undefined {
  if (index === 0 || t.endsClause[index - 1]) return undefined;
  return t.norms[index - 1];
}

/** Crude English stemming for cue matching: "delivered", "delivering", "delivers" → "deliver". */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}
