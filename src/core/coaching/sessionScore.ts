// A session's score: the mean of its answers' scores, with each aspect averaged over the answers that
// measured it, so the breakdown says which habit held the whole session back.
import type { CoachingAnalysis, ScoreComponent, ScoreComponentId, SessionScore } from '../../shared/domain';
import { SCORE_LABELS } from './answerScore';

export function scoreSession(
  analyses: readonly (CoachingAnalysis | null | undefined)[],
): SessionScore | null {
  const scored = analyses.filter((a): a is CoachingAnalysis => a != null && a.score.breakdown.length > 0);
  if (scored.length === 0) return null;
  const byId = new Map<ScoreComponentId, ScoreComponent[]>();
  for (const analysis of scored) {
    for (const part of analysis.score.breakdown) byId.set(part.id, [...(byId.get(part.id) ?? []), part]);
  }
  const weightSum = [...byId.values()].reduce((sum, parts) => sum + mean(parts.map((p) => p.weight)), 0);
  const breakdown: ScoreComponent[] = [...byId].map(([id, parts]) => ({
    id,
    label: SCORE_LABELS[id],
    score: Math.round(mean(parts.map((p) => p.score))),
    weight: mean(parts.map((p) => p.weight)) / weightSum,
    detail: `mean of ${parts.length} answer${parts.length > 1 ? 's' : ''}`,
  }));
  return {
    total: Math.round(mean(scored.map((a) => a.score.total))),
    breakdown,
    answerCount: scored.length,
  };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
