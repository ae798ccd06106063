// Pace over time: words per minute in a window sliding across the answer, so the report can show where the
// speaker rushed or dragged rather than one average that hides both.
import type { PacePoint, Word } from '../../shared/domain';
import { SECONDS_PER_MINUTE } from './pace';

/** Wide enough to hold a couple of sentences, so a single pause doesn't dominate. */
export const PACE_WINDOW_SEC = 10;
export const PACE_STEP_SEC = 2;
/** A window that overlaps the speech by less than this reads wildly; no point is given for it. */
const MIN_COVERED_SEC = 4;

/**
 * Each point counts the words whose midpoint falls in the window centred on `atSec`, over the part of the
 * window inside the speaking span (pauses inside it count: a long pause really does slow the answer).
 */
export function paceTimeline(
  words: readonly Word[],
  windowSec = PACE_WINDOW_SEC,
  stepSec = PACE_STEP_SEC,
): PacePoint[] {
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return [];
  const spanStart = first.startSec;
  const spanEnd = last.endSec;
  const mids = words.map((word) => (word.startSec + word.endSec) / 2);
  const points: PacePoint[] = [];
  const half = windowSec / 2;
  const lastCentre = Math.max(spanStart + half, spanEnd - half);
  for (let atSec = spanStart + half; atSec <= lastCentre + 1e-9; atSec += stepSec) {
    const from = Math.max(spanStart, atSec - half);
    const to = Math.min(spanEnd, atSec + half);
    const covered = to - from;
    if (covered < MIN_COVERED_SEC) continue;
    const count = mids.filter((mid) => mid >= from && mid < to).length;
    points.push({ atSec, wordsPerMinute: (count / covered) * SECONDS_PER_MINUTE });
  }
  return points;
}

export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}
