// The one rule for an answer's target length, wherever an answer is started or finished.
import type { Question, TargetLength } from '../../shared/domain';
import { DEFAULT_TARGET } from '../coaching/answerLength';
import type { CoachSettings } from '../settings/coachSettings';

/** The length asked for at start, else the question's own, else the settings' default, else one to two minutes. */
export function resolveTarget(
  requested: TargetLength | undefined,
  question: Pick<Question, 'target'> | null | undefined,
  settings: { get(): CoachSettings } | undefined,
): TargetLength {
  return requested ?? question?.target ?? settings?.get().practice.defaultTarget ?? DEFAULT_TARGET;
}
