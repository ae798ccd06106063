// Vocabulary richness: how many different words the answer uses. The plain type-token ratio falls as any
// answer grows longer, so the moving-average version (MATTR, Covington & McFall 2010) is the one to compare.
import type { LanguageAnalysis, Word } from '../../shared/domain';
import { isVocalFiller, normalizeWord } from './fillerWords';

/** MATTR's window: long enough to be stable, short enough for a one-minute answer. */
export const MATTR_WINDOW_WORDS = 50;

export function measureVocabulary(words: readonly Word[]): LanguageAnalysis['vocabulary'] {
  const tokens = words.map((word) => normalizeWord(word.text)).filter((w) => w !== '' && !isVocalFiller(w));
  const unique = new Set(tokens).size;
  const typeTokenRatio = tokens.length > 0 ? unique / tokens.length : 0;
  return {
    words: tokens.length,
    uniqueWords: unique,
    typeTokenRatio,
    movingTypeTokenRatio: movingTypeTokenRatio(tokens, MATTR_WINDOW_WORDS),
  };
}

/** Mean type-token ratio over every window of `window` tokens (the plain ratio when there are fewer). */
export function movingTypeTokenRatio(tokens: readonly string[], window: number): number {
  if (tokens.length === 0) return 0;
  if (tokens.length <= window) return new Set(tokens).size / tokens.length;
  const counts = new Map<string, number>();
  const add = (token: string, delta: number) => {
    const next = (counts.get(token) ?? 0) + delta;
    if (next === 0) counts.delete(token);
    else counts.set(token, next);
  };
  for (let i = 0; i < window; i += 1) add(tokens[i]!, 1);
  let total = counts.size / window;
  for (let i = window; i < tokens.length; i += 1) {
    add(tokens[i]!, 1);
    add(tokens[i - window]!, -1);
    total += counts.size / window;
  }
  return total / (tokens.length - window + 1);
}
