// Turns the saved sessions into the series the Trends charts draw, oldest first.
import type { SessionSummary } from '../../../../shared/domain';

export type TrendSeries = {
  /** Session start times in Unix seconds (uPlot's time scale). */
  times: number[];
  score: (number | null)[];
  fillersPerMinute: number[];
  wordsPerMinute: (number | null)[];
};

/** Sessions shorter than this say little about a habit and make the lines jump. */
export const MIN_TREND_SESSION_SEC = 10;

export function trendSeries(sessions: readonly SessionSummary[]): TrendSeries {
  const usable = sessions
    .filter(
      (s) =>
        s.answerCount > 0 && s.durationSec >= MIN_TREND_SESSION_SEC && !Number.isNaN(Date.parse(s.startedAt)),
    )
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return {
    times: usable.map((s) => Date.parse(s.startedAt) / 1000),
    score: usable.map((s) => (s.score === undefined || s.score === null ? null : Math.round(s.score))),
    fillersPerMinute: usable.map(
      (s) => s.fillersPerMinute ?? (s.durationSec > 0 ? s.fillerCount / (s.durationSec / 60) : 0),
    ),
    wordsPerMinute: usable.map((s) => (s.wordsPerMinute > 0 ? s.wordsPerMinute : null)),
  };
}

export type TrendChange = { first: number; latest: number; better: boolean } | null;

/** How good a value is: higher is better. */
export type Goodness = (value: number) => number;
export const HIGHER_IS_BETTER: Goodness = (v) => v;
export const LOWER_IS_BETTER: Goodness = (v) => -v;
/** Pace is best inside the band; the further outside, the worse. */
export const CLOSER_TO =
  (min: number, max: number): Goodness =>
  (v) =>
    -Math.max(0, min - v, v - max);

/** First against latest, for the headline numbers. */
export function change(values: readonly (number | null)[], goodness: Goodness): TrendChange {
  const present = values.filter((v): v is number => v !== null);
  const first = present[0];
  const latest = present.at(-1);
  if (first === undefined || latest === undefined || present.length < 2) return null;
  return { first, latest, better: goodness(latest) > goodness(first) };
}
