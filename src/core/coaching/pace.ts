// Speaking pace in words per minute, for the whole answer and for the live "right now" reading.
import type { FillerHit, Word } from '../../shared/domain';
import { isVocalFiller, normalizeWord } from './fillerWords';

export const SECONDS_PER_MINUTE = 60;
/** Live pace looks this far back: long enough to smooth single words, short enough to react. */
export const RECENT_PACE_WINDOW_SEC = 15;
/** Below this much speech in the window a live reading swings wildly, so none is given. */
export const MIN_PACE_SPEECH_SEC = 5;
/** A rate needs at least two words: one word has no span to divide by. */
export const MIN_PACE_WORDS = 2;
/** Two words a fraction of a second apart would read as hundreds of words per minute. */
export const MIN_PACE_SPAN_SEC = 1;

/** Time from the first word's start to the last word's end; 0 with no words. */
export function speakingSpanSec(words: readonly Word[]): number {
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return 0;
  return Math.max(0, last.endSec - first.startSec);
}

/**
 * Words per minute over the speaking span, or over `spanSec` when given (e.g. the whole recording).
 * Returns 0 when there are too few words or too little time for a meaningful rate.
 */
export function wordsPerMinute(words: readonly Word[], spanSec?: number): number {
  if (words.length < MIN_PACE_WORDS) return 0;
  const span = spanSec ?? speakingSpanSec(words);
  if (!Number.isFinite(span) || span < MIN_PACE_SPAN_SEC) return 0;
  return (words.length / span) * SECONDS_PER_MINUTE;
}

/**
 * Pace of the words that ended within the last `windowSec` before `nowSec`, measured over their own
 * speaking span so the silence since the last word doesn't drag the reading down (long silences have their
 * own nudge). Returns null while the window holds less than MIN_PACE_SPEECH_SEC of speech.
 */
export function recentWordsPerMinute(
  words: readonly Word[],
  nowSec: number,
  windowSec: number = RECENT_PACE_WINDOW_SEC,
): number | null {
  const windowStartSec = nowSec - windowSec;
  const recent = words.filter((word) => word.endSec > windowStartSec && word.endSec <= nowSec);
  const span = speakingSpanSec(recent);
  if (span < MIN_PACE_SPEECH_SEC) return null;
  return wordsPerMinute(recent, span);
}

/** Pace counts words, not "um"s: someone who says "um" a lot would otherwise look fast. */
export function spokenWords(words: readonly Word[]): Word[] {
  return words.filter((word) => !isVocalFiller(normalizeWord(word.text)));
}

/** The words that are not part of any filler (vocal or lexical): what pace counts. */
export function wordsWithoutFillers(words: readonly Word[], fillers: readonly FillerHit[]): Word[] {
  const fillerWords = new Set<number>();
  for (const hit of fillers) {
    const length = hit.text.split(' ').length;
    for (let k = 0; k < length; k += 1) fillerWords.add(hit.wordIndex + k);
  }
  return words.filter((word, index) => !fillerWords.has(index) && !isVocalFiller(normalizeWord(word.text)));
}
