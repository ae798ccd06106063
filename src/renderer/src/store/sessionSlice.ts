// Questions to practise, the practice session being continued, the last answer's result,
// and the saved sessions shown in History.
import type { StateCreator } from 'zustand';
import type { NewCustomQuestion } from '../../../shared/coachingSchemas';
import type { AnswerResult, Question, SessionDetail, SessionSummary } from '../../../shared/domain';
import { coachApi } from '../coachApi';
import { errorMessage, type LoadStatus } from './loadStatus';

/** Where review should start when a session is opened from a search hit. */
export type ReviewJump = { sessionId: string; answerId: string; atSec: number; wordIndex: number | null };

export interface SessionSlice {
  questions: Question[];
  questionsStatus: LoadStatus;
  questionsError: string | null;
  currentQuestionId: string | null;
  /** The practice session the next answer continues; null starts a new one. */
  activeSessionId: string | null;
  activeSessionAnswerCount: number;
  /**
   * "Keep no history": answers are transcribed and reported but nothing of them is saved, in main or
   * in this tab's storage. Their result shows once and joins no session.
   */
  keepNoHistory: boolean;
  lastResult: AnswerResult | null;
  /** False for a "keep no history" result: there is no saved session, take or recording behind it. */
  lastResultSaved: boolean;
  sessions: SessionSummary[];
  sessionsStatus: LoadStatus;
  sessionsError: string | null;
  selectedSessionId: string | null;
  selectedSession: SessionDetail | null;
  selectedSessionError: string | null;
  /** The session closed last, so the list can give it focus again. */
  lastOpenedSessionId: string | null;
  /** Set when a search hit opens its session; spent when the session closes. */
  reviewJump: ReviewJump | null;

  loadQuestions: () => Promise<void>;
  chooseQuestion: (questionId: string) => void;
  /** Questions fresh from main (a practice set) replace the store's copies; new ones are added. */
  mergeQuestions: (questions: Question[]) => void;
  addCustomQuestion: (question: NewCustomQuestion) => Promise<Question>;
  deleteCustomQuestion: (questionId: string) => Promise<void>;
  /** The next answer continues this session (main created it, or continued it, at answer start). */
  continueSession: (sessionId: string) => void;
  nextQuestion: () => void;
  startNewSession: () => void;
  setKeepNoHistory: (on: boolean) => void;
  answerSaved: (result: AnswerResult) => void;
  dismissResult: () => void;
  /** A saved take was deleted: it no longer counts, and a result showing it goes. */
  takeDeleted: (answerId: string) => void;
  loadSessions: () => Promise<void>;
  openSession: (sessionId: string, jump?: ReviewJump) => Promise<void>;
  closeSession: () => void;
}

export const createSessionSlice: StateCreator<SessionSlice> = (set, get) => ({
  questions: [],
  questionsStatus: 'idle',
  questionsError: null,
  currentQuestionId: null,
  activeSessionId: null,
  activeSessionAnswerCount: 0,
  keepNoHistory: false,
  lastResult: null,
  lastResultSaved: true,
  sessions: [],
  sessionsStatus: 'idle',
  sessionsError: null,
  selectedSessionId: null,
  selectedSession: null,
  selectedSessionError: null,
  lastOpenedSessionId: null,
  reviewJump: null,

  loadQuestions: async () => {
    set({ questionsStatus: 'loading', questionsError: null });
    try {
      const questions = await coachApi().listQuestions();
      const current = get().currentQuestionId;
      set({
        questions,
        questionsStatus: 'ready',
        currentQuestionId: questions.some((q) => q.id === current) ? current : (questions[0]?.id ?? null),
      });
    } catch (error) {
      set({
        questionsStatus: 'error',
        questionsError: errorMessage(error, 'The questions could not be loaded.'),
      });
    }
  },
  chooseQuestion: (currentQuestionId) => set({ currentQuestionId }),
  mergeQuestions: (questions) => {
    const fresh = new Map(questions.map((q) => [q.id, q]));
    const known = new Set(get().questions.map((q) => q.id));
    set((s) => ({
      questions: [
        ...s.questions.map((q) => fresh.get(q.id) ?? q),
        ...questions.filter((q) => !known.has(q.id)),
      ],
    }));
  },
  addCustomQuestion: async (input) => {
    const question = await coachApi().addCustomQuestion(input);
    set((s) => ({ questions: [...s.questions, question] }));
    return question;
  },
  deleteCustomQuestion: async (questionId) => {
    await coachApi().deleteCustomQuestion(questionId);
    set((s) => ({
      questions: s.questions.filter((q) => q.id !== questionId),
      currentQuestionId:
        s.currentQuestionId === questionId
          ? (s.questions.find((q) => q.id !== questionId)?.id ?? null)
          : s.currentQuestionId,
    }));
  },
  continueSession: (activeSessionId) => set({ activeSessionId }),
  nextQuestion: () => {
    const { questions, currentQuestionId } = get();
    if (questions.length === 0) return;
    const index = questions.findIndex((q) => q.id === currentQuestionId);
    set({ currentQuestionId: questions[(index + 1) % questions.length]?.id ?? null });
  },
  startNewSession: () => set({ activeSessionId: null, activeSessionAnswerCount: 0, lastResult: null }),
  setKeepNoHistory: (keepNoHistory) => set({ keepNoHistory }),
  answerSaved: (result) =>
    set((s) =>
      // A "keep no history" answer was never saved: it counts for no session.
      s.keepNoHistory
        ? { lastResult: result, lastResultSaved: false }
        : {
            lastResult: result,
            lastResultSaved: true,
            activeSessionId: result.sessionId,
            activeSessionAnswerCount: s.activeSessionAnswerCount + 1,
            // History reloads next time it is shown.
            sessionsStatus: s.sessionsStatus === 'loading' ? s.sessionsStatus : 'idle',
          },
    ),
  dismissResult: () => set({ lastResult: null }),
  takeDeleted: (answerId) =>
    set((s) => {
      const count = Math.max(0, s.activeSessionAnswerCount - 1);
      return {
        activeSessionAnswerCount: count,
        // The last take of a session takes the session with it.
        activeSessionId: count === 0 ? null : s.activeSessionId,
        lastResult: s.lastResult?.answerId === answerId ? null : s.lastResult,
        sessionsStatus: s.sessionsStatus === 'loading' ? s.sessionsStatus : 'idle',
      };
    }),

  loadSessions: async () => {
    set({ sessionsStatus: 'loading', sessionsError: null });
    try {
      const sessions = await coachApi().listSessions();
      set({ sessions, sessionsStatus: 'ready' });
    } catch (error) {
      set({
        sessionsStatus: 'error',
        sessionsError: errorMessage(error, 'Saved sessions could not be loaded.'),
      });
    }
  },
  openSession: async (sessionId, jump) => {
    set({
      selectedSessionId: sessionId,
      selectedSession: null,
      selectedSessionError: null,
      ...(jump ? { reviewJump: jump } : {}),
    });
    try {
      const detail = await coachApi().getSession(sessionId);
      if (get().selectedSessionId === sessionId) set({ selectedSession: detail });
    } catch (error) {
      if (get().selectedSessionId === sessionId) {
        set({ selectedSessionError: errorMessage(error, 'This session could not be opened.') });
      }
    }
  },
  closeSession: () =>
    set((s) => ({
      selectedSessionId: null,
      selectedSession: null,
      selectedSessionError: null,
      lastOpenedSessionId: s.selectedSessionId ?? s.lastOpenedSessionId,
      // A search hit's jump is spent: reopening the session starts at the top.
      reviewJump: null,
    })),
});

export function selectCurrentQuestion(state: SessionSlice): Question | null {
  return state.questions.find((q) => q.id === state.currentQuestionId) ?? null;
}
