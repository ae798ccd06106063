// Takes: the answers given to one question in a practice session, oldest first, each with what changed
// since the take before it ("+6 score, −3 fillers/min").
import type { AnswerResult } from '../../../../shared/domain';

export type Take = {
  answerId: string;
  number: number;
  durationSec: number;
  score: number | null;
  fillersPerMinute: number;
  wordsPerMinute: number;
  /** Against the previous take; null for the first. */
  change: string | null;
};

/** A true minus sign reads better than a hyphen next to a number. */
const MINUS = '\u2212';

function signed(delta: number, digits: number): string | null {
  const rounded = Number(delta.toFixed(digits));
  if (rounded === 0) return null;
  return `${rounded > 0 ? '+' : MINUS}${Math.abs(rounded).toFixed(digits)}`;
}

export function takeChange(previous: Take, current: Omit<Take, 'change'>): string {
  const parts = [
    previous.score !== null && current.score !== null
      ? withUnit(signed(current.score - previous.score, 0), 'score')
      : null,
    withUnit(signed(current.fillersPerMinute - previous.fillersPerMinute, 1), 'fillers/min'),
    withUnit(signed(current.wordsPerMinute - previous.wordsPerMinute, 0), 'wpm'),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

function withUnit(value: string | null, unit: string): string | null {
  return value === null ? null : `${value} ${unit}`;
}

export function takesOf(answers: readonly AnswerResult[], questionText: string): Take[] {
  const takes: Take[] = [];
  for (const answer of answers) {
    if (answer.questionText !== questionText) continue;
    const take = {
      answerId: answer.answerId,
      number: takes.length + 1,
      durationSec: answer.report.durationSec,
      score: answer.report.coaching?.score.total ?? null,
      fillersPerMinute: answer.report.transcriptFillersPerMinute,
      wordsPerMinute: answer.report.pace.wordsPerMinute,
    };
    const previous = takes.at(-1);
    takes.push({ ...take, change: previous ? takeChange(previous, take) : null });
  }
  return takes;
}
