// For situational, motivational and technical-communication questions: does the answer touch the points a
// strong answer covers? Each point has cue words; the first one heard marks it covered, with where.
import type { Question, QuestionKind, StructureAnalysis, TalkingPoint, Word } from '../../shared/domain';
import { createCueMatcher } from './cueMatcher';

/** Used when a question (e.g. a custom one) has no talking points of its own. */
export const DEFAULT_TALKING_POINTS: Record<Exclude<QuestionKind, 'behavioural'>, TalkingPoint[]> = {
  situational: [
    { label: 'Clarify the situation first', cues: ['first', 'understand', 'clarify', 'find out', 'ask'] },
    { label: 'Say what you would do', cues: ['i would', "i'd", 'i will', 'my approach', 'plan'] },
    { label: 'Explain why', cues: ['because', 'so that', 'the reason', 'which means', 'that way'] },
    { label: 'Name the outcome you aim for', cues: ['outcome', 'result', 'goal', 'make sure', 'ensure'] },
  ],
  motivational: [
    { label: 'Why this role', cues: ['role', 'position', 'job', 'work on', 'opportunity'] },
    { label: 'Why this company', cues: ['company', 'team', 'mission', 'product', 'customers', 'culture'] },
    { label: 'Evidence from your experience', cues: ['i have', "i've", 'experience', 'when i', 'in my'] },
    { label: 'What you would bring', cues: ['bring', 'contribute', 'help', 'add', 'skills'] },
  ],
  'technical-communication': [
    { label: 'Set the context', cues: ['problem', 'context', 'goal', 'we needed', 'the system'] },
    {
      label: 'Use an analogy or example',
      cues: ['like a', 'imagine', 'for example', 'think of', 'similar to'],
    },
    {
      label: 'Explain the trade-off',
      cues: ['trade-off', 'tradeoff', 'instead', 'cost', 'downside', 'versus'],
    },
    { label: 'Check for understanding', cues: ['does that', 'make sense', 'in short', 'in other words'] },
  ],
};

export function talkingPointsFor(question: Pick<Question, 'kind' | 'talkingPoints'>): TalkingPoint[] {
  if (question.talkingPoints && question.talkingPoints.length > 0) return question.talkingPoints;
  return question.kind === 'behavioural' ? [] : DEFAULT_TALKING_POINTS[question.kind];
}

export function checkTalkingPoints(
  words: readonly Word[],
  points: readonly TalkingPoint[],
): StructureAnalysis {
  const find = createCueMatcher(words);
  const checked = points.map((point) => {
    const hit = find(point.cues);
    return { label: point.label, covered: hit !== null, cue: hit?.cue ?? null, atSec: hit?.atSec ?? null };
  });
  return { kind: 'talking-points', points: checked, coveredCount: checked.filter((p) => p.covered).length };
}
