// Turns the saved takes into what the Trends screen draws: one point per session (oldest first), dated
// so that sessions on the same day are told apart, and every question's takes side by side.
import type { TrendData, TrendTake } from '../../../../shared/domain';
import { takeChange } from '../practice/takes';

export type SessionPoint = {
  sessionId: string;
  title: string;
  startedAt: string;
  takeCount: number;
  /** Mean over the session's scored takes; null when none was scored. */
  score: number | null;
  fillersPerMinute: number;
  wordsPerMinute: number;
  longPausesPerMinute: number;
};

const mean = (values: readonly number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

/** The takes of each session folded into one point, in the order the sessions started. */
export function sessionPoints(takes: readonly TrendTake[]): SessionPoint[] {
  const bySession = new Map<string, TrendTake[]>();
  for (const take of takes) {
    const list = bySession.get(take.sessionId) ?? [];
    list.push(take);
    bySession.set(take.sessionId, list);
  }
  return [...bySession.values()]
    .map((list) => {
      const first = list[0]!;
      const scores = list.map((t) => t.score).filter((s): s is number => s !== null);
      return {
        sessionId: first.sessionId,
        title: first.sessionTitle,
        startedAt: first.sessionStartedAt,
        takeCount: list.length,
        score: scores.length ? Math.round(mean(scores)) : null,
        fillersPerMinute: mean(list.map((t) => t.fillersPerMinute)),
        wordsPerMinute: mean(list.map((t) => t.wordsPerMinute)),
        longPausesPerMinute: mean(list.map((t) => t.longPausesPerMinute)),
      };
    })
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

const localDay = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/**
 * "2 Dec" for each start time; "2 Dec, 14:05" where several share a day, and the year once the
 * times span more than one.
 */
export function dateLabels(isoTimes: readonly string[], locale?: string): string[] {
  const dates = isoTimes.map((iso) => new Date(iso));
  const perDay = new Map<string, number>();
  for (const d of dates) perDay.set(localDay(d), (perDay.get(localDay(d)) ?? 0) + 1);
  const years = new Set(dates.map((d) => d.getFullYear()));
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(years.size > 1 ? { year: 'numeric' } : {}),
  });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  return dates.map((d) =>
    Number.isNaN(d.getTime())
      ? '?'
      : (perDay.get(localDay(d)) ?? 0) > 1
        ? `${day.format(d)}, ${time.format(d)}`
        : day.format(d),
  );
}

/** Which of `count` evenly spaced points get a label, so labels `minPx` apart fit in `widthPx`. */
export function labelledIndices(count: number, widthPx: number, minPx: number): number[] {
  const fit = Math.max(1, Math.floor(widthPx / minPx));
  const step = Math.max(1, Math.ceil(count / fit));
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) out.unshift(i);
  return out;
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

/** First against latest, for the headline numbers; null until two sessions have the measure. */
export function change(values: readonly (number | null)[], goodness: Goodness): TrendChange {
  const present = values.filter((v): v is number => v !== null);
  const first = present[0];
  const latest = present.at(-1);
  if (first === undefined || latest === undefined || present.length < 2) return null;
  return { first, latest, better: goodness(latest) > goodness(first) };
}

export type QuestionTakes = {
  questionText: string;
  takes: (TrendTake & { number: number; change: string | null })[];
};

/** Each question's takes, oldest first, each against the one before; most practised first. */
export function takesByQuestion(takes: readonly TrendTake[]): QuestionTakes[] {
  const groups = new Map<string, QuestionTakes>();
  for (const take of takes) {
    const group = groups.get(take.questionText) ?? { questionText: take.questionText, takes: [] };
    const previous = group.takes.at(-1);
    const numbered = { ...take, number: group.takes.length + 1 };
    group.takes.push({ ...numbered, change: previous ? takeChange(previous, numbered) : null });
    groups.set(take.questionText, group);
  }
  return [...groups.values()].sort((a, b) => b.takes.length - a.takes.length);
}

/** "2 takes left out: 1 not transcribed, 1 with no speech", or null when none was. */
export function leftOutText(leftOut: TrendData['leftOut']): string | null {
  const parts = [
    leftOut.notTranscribed ? `${leftOut.notTranscribed} not transcribed` : null,
    leftOut.noSpeech ? `${leftOut.noSpeech} with no speech heard` : null,
  ].filter((p): p is string => p !== null);
  const total = leftOut.notTranscribed + leftOut.noSpeech;
  return total ? `${total} ${total === 1 ? 'take is' : 'takes are'} left out: ${parts.join(', ')}.` : null;
}
