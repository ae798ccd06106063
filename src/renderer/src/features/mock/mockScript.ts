// What the mock interviewer says and does next: pure, so the order of an interview is tested alone.
import type { QuestionKind } from '../../../../shared/domain';

/** The follow-up an interviewer would ask after each kind of question. */
export const FOLLOW_UPS: Record<QuestionKind, string> = {
  behavioural: 'Can you give a specific example of what you did yourself?',
  situational: 'What would you do differently next time?',
  motivational: 'What would make you turn this job down?',
  'technical-communication': 'How would you explain that to someone without a technical background?',
};

export function followUpFor(kind: QuestionKind): string {
  return FOLLOW_UPS[kind];
}

/** After an answer: its follow-up (once per question, when they are on), else the next question. */
export type MockStep = { kind: 'follow-up'; text: string } | { kind: 'next-question' };

export function stepAfterAnswer(opts: {
  wasFollowUp: boolean;
  followUpsOn: boolean;
  kind: QuestionKind;
}): MockStep {
  if (!opts.wasFollowUp && opts.followUpsOn) return { kind: 'follow-up', text: followUpFor(opts.kind) };
  return { kind: 'next-question' };
}

export type Timers = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Counts `seconds` down once a second: onTick(left) at the start and after each second, onDone at 0.
 * Each second is timed from the start (not from the last tick), so a slow tick never stretches the wait.
 * Returns the cancel.
 */
export function startCountdown(
  seconds: number,
  handlers: { onTick: (secondsLeft: number) => void; onDone: () => void },
  timers: Timers = realTimers,
  nowMs: () => number = () => Date.now(),
): () => void {
  const whole = Math.max(0, Math.round(seconds));
  const startedAt = nowMs();
  let handle: unknown = null;
  let cancelled = false;
  const step = (left: number) => {
    if (cancelled) return;
    if (left <= 0) {
      handlers.onDone();
      return;
    }
    handlers.onTick(left);
    const dueAt = startedAt + (whole - left + 1) * 1000;
    handle = timers.setTimeout(() => step(left - 1), Math.max(0, dueAt - nowMs()));
  };
  step(whole);
  return () => {
    cancelled = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
