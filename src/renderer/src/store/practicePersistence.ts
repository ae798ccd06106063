// Keeps the practice in progress (the set, the session answers join, the result on screen) in the tab's
// sessionStorage, so a reload resumes it. Recording state is never kept: an answer cannot survive a reload.
import type { CoachState } from './index';
import { useCoachStore } from './index';

const STORAGE_KEY = 'interview-coach.practice';

type PracticeSnapshot = Pick<
  CoachState,
  | 'practiceSet'
  | 'showingSetSummary'
  | 'activeSessionId'
  | 'activeSessionAnswerCount'
  | 'currentQuestionId'
  | 'lastResult'
  | 'lastResultSaved'
  | 'keepNoHistory'
>;

function snapshot(s: CoachState): PracticeSnapshot {
  return {
    practiceSet: s.practiceSet,
    showingSetSummary: s.showingSetSummary,
    activeSessionId: s.activeSessionId,
    activeSessionAnswerCount: s.activeSessionAnswerCount,
    currentQuestionId: s.currentQuestionId,
    // A "keep no history" result is never written anywhere, this tab's storage included.
    lastResult: s.lastResultSaved ? s.lastResult : null,
    lastResultSaved: true,
    keepNoHistory: s.keepNoHistory,
  };
}

function sameSnapshot(a: PracticeSnapshot, b: PracticeSnapshot): boolean {
  return (Object.keys(a) as (keyof PracticeSnapshot)[]).every((k) => a[k] === b[k]);
}

function isSnapshot(value: unknown): value is PracticeSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const set = v.practiceSet as Record<string, unknown> | null | undefined;
  return (
    (v.activeSessionId === null || typeof v.activeSessionId === 'string') &&
    typeof v.activeSessionAnswerCount === 'number' &&
    (v.currentQuestionId === null || typeof v.currentQuestionId === 'string') &&
    typeof v.showingSetSummary === 'boolean' &&
    (v.keepNoHistory === undefined || typeof v.keepNoHistory === 'boolean') &&
    (set === null ||
      (typeof set === 'object' &&
        Array.isArray(set.questionIds) &&
        typeof set.index === 'number' &&
        Array.isArray(set.answeredIds) &&
        Array.isArray(set.skippedIds) &&
        (set.mock === undefined || typeof set.mock === 'boolean')))
  );
}

/** Puts back what the tab held before a reload; a missing or damaged copy is simply ignored. */
export function restorePractice(storage: Storage = window.sessionStorage): void {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return;
  }
  if (!isSnapshot(saved)) return;
  useCoachStore.setState({ ...snapshot(saved as CoachState), keepNoHistory: saved.keepNoHistory === true });
}

/** Writes the practice state whenever it changes; returns the unsubscribe. */
export function persistPractice(storage: Storage = window.sessionStorage): () => void {
  let last = snapshot(useCoachStore.getState());
  return useCoachStore.subscribe((state) => {
    const next = snapshot(state);
    if (sameSnapshot(next, last)) return;
    last = next;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // A full or disabled storage only costs the resume after a reload.
    }
  });
}
