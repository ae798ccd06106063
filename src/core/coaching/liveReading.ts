// One reading of the live answer, computed once per update and shared by the stats chips and the nudges,
// so a nudge never contradicts the figure on screen ("pick up the pace" beside a comfortable 126 wpm).
import type { FillerHit, Word } from '../../shared/domain';
import { countFillers } from './fillerWords';
import { recentWordsPerMinute, wordsWithoutFillers } from './pace';

export type LiveReading = {
  nowSec: number;
  /** Pace over the recent window, fillers left out; null while there is too little speech to tell. */
  wordsPerMinute: number | null;
  fillers: FillerHit[];
  /** Start of the first word, null before any. */
  firstSpeechSec: number | null;
  /**
   * The latest moment the speaker was heard: the end of the last word (committed or still tentative) or of
   * the last voiced audio the VAD confirmed, whichever is later; null before any.
   */
  lastSpeechSec: number | null;
};

/** `words` are all words so far, committed then tentative: the same ones the captions show. */
export function readLive(
  words: readonly Word[],
  nowSec: number,
  options: { lastVoicedSec?: number | null } = {},
): LiveReading {
  const fillers = countFillers(words);
  const lastWordSec = words.at(-1)?.endSec ?? null;
  const voiced = options.lastVoicedSec;
  const lastSpeechSec =
    voiced !== undefined && voiced !== null && Number.isFinite(voiced)
      ? Math.max(voiced, lastWordSec ?? Number.NEGATIVE_INFINITY)
      : lastWordSec;
  return {
    nowSec,
    wordsPerMinute: recentWordsPerMinute(wordsWithoutFillers(words, fillers), nowSec),
    fillers,
    firstSpeechSec: words[0]?.startSec ?? null,
    lastSpeechSec,
  };
}
