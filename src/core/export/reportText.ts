// Small formatting helpers shared by the Markdown and HTML reports.
import type { RubricScores } from '../../shared/domain';
import { RUBRIC_CRITERIA } from '../../shared/domain';

export function clock(sec: number): string {
  const total = Math.max(0, Math.round(sec));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

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
