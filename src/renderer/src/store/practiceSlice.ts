// Practice sets (the questions for one sitting, their progress, skips and retries) and the user's own
// questions. The set is built in main (questions:practice-set) so the same rules serve every front end.
import type { StateCreator } from 'zustand';
import type { PracticeSetOptions } from '../../../shared/coachingSchemas';
import type { RoleFamily } from '../../../shared/domain';
import { coachApi } from '../coachApi';
import { errorMessage } from './loadStatus';
import type { SessionSlice } from './sessionSlice';

export type PracticeSet = {
  questionIds: string[];
  /** Index of the question being practised; equal to the length once the set is finished. */
  index: number;
  answeredIds: string[];
  skippedIds: string[];
  /** The role the set was chosen for; 'any' (or absent, in sets saved before) for none. */
  role?: RoleFamily | 'any';
  /** Run as a mock interview: questions read aloud, think time, recording by itself, follow-ups. */
  mock?: boolean;
};

export interface PracticeSlice {
  practiceSet: PracticeSet | null;
  /** The finished set's summary is showing (its session is `activeSessionId`). */
  showingSetSummary: boolean;
  practiceSetError: string | null;
  practiceSetBusy: boolean;

  startPracticeSet: (options: PracticeSetOptions, mode?: { mock: boolean }) => Promise<void>;
  /** Moves to the next question; past the last one the set is finished and its summary shows. */
  advancePracticeSet: () => void;
  skipQuestion: () => void;
  markQuestionAnswered: (questionId: string) => void;
  /** The last take of a question was deleted: the set no longer counts it as answered. */
  markQuestionUnanswered: (questionText: string) => void;
  endPracticeSet: () => void;
  closeSetSummary: () => void;
}

export const createPracticeSlice: StateCreator<PracticeSlice & SessionSlice, [], [], PracticeSlice> = (
  set,
  get,
) => ({
  practiceSet: null,
  showingSetSummary: false,
  practiceSetError: null,
  practiceSetBusy: false,

  startPracticeSet: async (options, mode) => {
    set({ practiceSetBusy: true, practiceSetError: null });
    try {
      const questions = await coachApi().buildPracticeSet(options);
      if (questions.length === 0) {
        set({ practiceSetBusy: false, practiceSetError: 'No questions match those choices.' });
        return;
      }
      // A set is one practice session: its answers are reported together at the end.
      get().startNewSession();
      // The set's questions come fresh from main: they replace the store's copies and add any new ones.
      get().mergeQuestions(questions);
      get().chooseQuestion(questions[0]!.id);
      set({
        practiceSetBusy: false,
        showingSetSummary: false,
        practiceSet: {
          questionIds: questions.map((q) => q.id),
          index: 0,
          answeredIds: [],
          skippedIds: [],
          role: options.questionIds?.length ? 'any' : options.role,
          ...(mode?.mock ? { mock: true } : {}),
        },
      });
    } catch (error) {
      set({
        practiceSetBusy: false,
        practiceSetError: errorMessage(error, 'The practice set could not be made.'),
      });
    }
  },

  advancePracticeSet: () => {
    const current = get().practiceSet;
    if (!current) return;
    const index = Math.min(current.questionIds.length, current.index + 1);
    const finished = index >= current.questionIds.length;
    if (!finished) get().chooseQuestion(current.questionIds[index]!);
    get().dismissResult();
    set({ practiceSet: { ...current, index }, showingSetSummary: finished });
  },

  skipQuestion: () => {
    const current = get().practiceSet;
    const id = current?.questionIds[current.index];
    if (!current || id === undefined) return;
    set({ practiceSet: { ...current, skippedIds: [...current.skippedIds.filter((x) => x !== id), id] } });
    get().advancePracticeSet();
  },

  markQuestionAnswered: (questionId) => {
    const current = get().practiceSet;
    if (!current || !current.questionIds.includes(questionId)) return;
    set({
      practiceSet: {
        ...current,
        answeredIds: current.answeredIds.includes(questionId)
          ? current.answeredIds
          : [...current.answeredIds, questionId],
        skippedIds: current.skippedIds.filter((x) => x !== questionId),
      },
    });
  },

  markQuestionUnanswered: (questionText) => {
    const current = get().practiceSet;
    if (!current) return;
    const ids = new Set(
      get()
        .questions.filter((q) => q.text === questionText)
        .map((q) => q.id),
    );
    if (!current.answeredIds.some((id) => ids.has(id))) return;
    set({ practiceSet: { ...current, answeredIds: current.answeredIds.filter((id) => !ids.has(id)) } });
  },

  // Ending early still shows what was recorded; with nothing recorded there is nothing to sum up.
  endPracticeSet: () =>
    set((s) =>
      s.activeSessionId !== null && s.activeSessionAnswerCount > 0
        ? { showingSetSummary: true }
        : { practiceSet: null, showingSetSummary: false },
    ),
  closeSetSummary: () => {
    set({ practiceSet: null, showingSetSummary: false });
    get().startNewSession();
  },
});

export function selectSetProgress(
  state: PracticeSlice,
): { answered: number; total: number; position: number } | null {
  const s = state.practiceSet;
  if (!s) return null;
  return {
    answered: s.answeredIds.length,
    total: s.questionIds.length,
    position: Math.min(s.index + 1, s.questionIds.length),
  };
}
