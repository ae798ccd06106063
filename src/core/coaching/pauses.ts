// Long silences between words: a few are fine (and often good), but many or very long ones read as lost.
import type { Pause, Word } from '../../shared/domain';

/** Gaps shorter than this are ordinary breathing and phrasing. */
export const LONG_PAUSE_SEC = 2;
/** Absorbs floating-point error in subtracted timestamps (2.3 − 0.3 = 1.9999999999999998). */
const TIME_EPSILON_SEC = 1e-9;

export type LongPauseOptions = {
  minPauseSec?: number;
  /**
   * Where the answer ended. Only when given is the silence after the last word counted: without it that
   * silence may be the speaker reaching for the stop button, or (live) a pause that hasn't ended yet.
   * Silence before the first word is never a pause — it's thinking time before starting.
   */
  answerEndSec?: number;
};

/** Gaps of at least `minPauseSec` between consecutive words (words must be in time order). */
export function findLongPauses(words: readonly Word[], options: LongPauseOptions = {}): Pause[] {
  const { minPauseSec = LONG_PAUSE_SEC, answerEndSec } = options;
  const pauses: Pause[] = [];
  const addIfLong = (startSec: number, endSec: number): void => {
    const durationSec = endSec - startSec;
    if (durationSec + TIME_EPSILON_SEC >= minPauseSec) pauses.push({ startSec, endSec, durationSec });
  };

  for (let index = 1; index < words.length; index += 1) {
    const previous = words[index - 1];
    const current = words[index];
    if (previous && current) addIfLong(previous.endSec, current.startSec);
  }

  const last = words.at(-1);
  if (last && answerEndSec !== undefined) addIfLong(last.endSec, answerEndSec);
  return pauses;
}
