// Repetition: stumbles ("I I", "the the"), pet phrases said again and again, and content words leaned on
// so often the listener starts to count them.
import type { LanguageAnalysis, PhraseHit, Word } from '../../shared/domain';
import { isVocalFiller } from './fillerWords';
import { hitAt, normalizeTranscript } from './phraseMatch';
import { isStopWord } from './stopWords';

/** A phrase of this many words… */
export const REPEATED_PHRASE_MIN_WORDS = 2;
export const REPEATED_PHRASE_MAX_WORDS = 6;
/** …said this many times or more is a pet phrase. */
export const REPEATED_PHRASE_MIN_COUNT = 3;
/** A content word used this many times… */
export const OVERUSED_WORD_MIN_COUNT = 4;
/** …and making up at least this share of the content words is overused. */
export const OVERUSED_WORD_MIN_SHARE = 0.05;
/** Listed at most, most repeated first: more is a wall of text, not advice. */
const MAX_LISTED = 5;

export type RepetitionAnalysis = Pick<
  LanguageAnalysis,
  'immediateRepeats' | 'repeatedPhrases' | 'overusedWords'
>;

export function findRepetition(words: readonly Word[]): RepetitionAnalysis {
  const t = normalizeTranscript(words);
  // Vocal fillers are counted elsewhere; "um um" is not a stumble over a word.
  const indexes = t.norms.flatMap((norm, index) => (norm !== '' && !isVocalFiller(norm) ? [index] : []));

  const immediateRepeats: PhraseHit[] = [];
  for (let k = 1; k < indexes.length; k += 1) {
    const previous = indexes[k - 1]!;
    const current = indexes[k]!;
    // "very, very" is emphasis; a repeat straight through without a break is a stumble.
    if (t.norms[previous] === t.norms[current] && !t.endsClause[previous]) {
      immediateRepeats.push(hitAt(t, current, 1));
    }
  }

  const phrases = new Map<string, { count: number; firstAtSec: number; lastEnd: number }>();
  for (let n = REPEATED_PHRASE_MAX_WORDS; n >= REPEATED_PHRASE_MIN_WORDS; n -= 1) {
    for (let k = 0; k + n <= indexes.length; k += 1) {
      const span = indexes.slice(k, k + n);
      const parts = span.map((index) => t.norms[index]!);
      if (parts.every(isStopWord) || span.slice(0, -1).some((index) => t.endsClause[index])) continue;
      const text = parts.join(' ');
      const entry = phrases.get(text);
      // Overlapping occurrences ("we we we") count once.
      if (entry && span[0]! <= entry.lastEnd) continue;
      if (entry) {
        entry.count += 1;
        entry.lastEnd = span.at(-1)!;
      } else phrases.set(text, { count: 1, firstAtSec: words[span[0]!]!.startSec, lastEnd: span.at(-1)! });
    }
  }
  const repeated = [...phrases]
    .filter(([, entry]) => entry.count >= REPEATED_PHRASE_MIN_COUNT)
    .map(([text, entry]) => ({ text, count: entry.count, firstAtSec: entry.firstAtSec }));
  // "the project was" repeated three times also repeats "the project": keep only the longest phrase.
  const repeatedPhrases = repeated
    .filter((p) => !repeated.some((q) => q !== p && q.text.includes(p.text) && q.count >= p.count))
    .sort((a, b) => b.count - a.count || a.firstAtSec - b.firstAtSec)
    .slice(0, MAX_LISTED);

  const content = indexes.map((index) => t.norms[index]!).filter((norm) => !isStopWord(norm));
  const counts = new Map<string, number>();
  for (const word of content) counts.set(word, (counts.get(word) ?? 0) + 1);
  const overusedWords = [...counts]
    .filter(
      ([, count]) => count >= OVERUSED_WORD_MIN_COUNT && count / content.length >= OVERUSED_WORD_MIN_SHARE,
    )
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_LISTED);

  return { immediateRepeats, repeatedPhrases, overusedWords };
}
