// The after-answer scorecard. Values keep full precision; rounding for display is the UI's job.
import type { AnswerMetrics, Word } from '../../shared/domain';
import { countFillers } from './fillerWords';
import { SECONDS_PER_MINUTE, speakingSpanSec, wordsPerMinute, wordsWithoutFillers } from './pace';
import { findLongPauses } from './pauses';

/**
 * `durationSec` is the recording's length. Pace uses the speaking span (so the lead-in before the first
 * word doesn't count against it) while fillers per minute use the whole duration. Trailing silence is not
 * a long pause: it is usually the time taken to press stop.
 */
export function analyzeAnswer(words: readonly Word[], durationSec: number): AnswerMetrics {
  const fillers = countFillers(words);
  const longPauses = findLongPauses(words);
  const minutes = durationSec / SECONDS_PER_MINUTE;
  return {
    durationSec,
    speakingSec: speakingSpanSec(words),
    wordCount: words.length,
    wordsPerMinute: wordsPerMinute(wordsWithoutFillers(words, fillers)),
    fillers,
    fillerCount: fillers.length,
    fillersPerMinute: minutes > 0 ? fillers.length / minutes : 0,
    longPauses,
    longestPauseSec: longPauses.reduce((longest, pause) => Math.max(longest, pause.durationSec), 0),
  };
}
