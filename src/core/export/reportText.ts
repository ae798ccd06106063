// Small formatting helpers shared by the Markdown and HTML reports.
import type { RubricScores } from '../../shared/domain';
import { RUBRIC_CRITERIA } from '../../shared/domain';

/** The app's own clock, so a report's times match what the screen showed. */
export { formatClock as clock } from '../../shared/timeFormat';

export function day(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function rubricLine(rubric: RubricScores): string | null {
  const parts = RUBRIC_CRITERIA.filter((c) => rubric[c] !== undefined).map(
    (c) => `${c[0]!.toUpperCase()}${c.slice(1)} ${rubric[c]}/5`,
  );
  return parts.length ? parts.join(' · ') : null;
}

export function scoreText(score: number | null): string {
  return score === null ? '–' : String(Math.round(score));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "1 filler", "3 fillers". */
export function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}
