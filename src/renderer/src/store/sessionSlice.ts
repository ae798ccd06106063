// Questions to practise, the practice session being continued, the last answer's result,
// and the saved sessions shown in History.
import type { StateCreator } from 'zustand';
import type { AnswerResult, Question, SessionDetail, SessionSummary } from '../../../shared/domain';
import type { CoachState } from './index';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SessionSlice {
  questions: Question[];
  questionsStatus: LoadStatus;
  questionsError: string | null;
  currentQuestionId: string | null;
  /** The practice session the next answer continues; null starts a new one. */
  activeSessionId: string | null;
  activeSessionAnswerCount: number;
  lastResult: AnswerResult | null;
  sessions: SessionSummary[];
  sessionsStatus: LoadStatus;
  sessionsError: string | null;
  selectedSessionId: string | null;
  selectedSession: SessionDetail | null;
  selectedSessionError: string | null;
  /** The session closed last, so the list can give it focus again. */
  lastOpenedSessionId: string | null;

  loadQuestions: () => Promise<void>;
  chooseQuestion: (questionId: string) => void;
  nextQuestion: () => void;
  startNewSession: () => void;
  answerSaved: (result: AnswerResult) => void;
  dismissResult: () => void;
  loadSessions: () => Promise<void>;
  openSession: (sessionId: string) => Promise<void>;
  closeSession: () => void;
}

export function errorMessage(error: unknown, fallback: string): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // Electron prefixes errors thrown in main handlers; people only need the reason.
  const cleaned = raw.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '').trim();
  return cleaned || fallback;
}

export const createSessionSlice: StateCreator<CoachState, [], [], SessionSlice> = (set, get) => ({
  questions: [],
  questionsStatus: 'idle',
  questionsError: null,
  currentQuestionId: null,
  activeSessionId: null,
  activeSessionAnswerCount: 0,
  lastResult: null,
  sessions: [],
  sessionsStatus: 'idle',
  sessionsError: null,
  selectedSessionId: null,
  selectedSession: null,
  selectedSessionError: null,
  lastOpenedSessionId: null,

  loadQuestions: async () => {
    set({ questionsStatus: 'loading', questionsError: null });
    try {
      const questions = await window.api.listQuestions();
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
  nextQuestion: () => {
    const { questions, currentQuestionId } = get();
    if (questions.length === 0) return;
    const index = questions.findIndex((q) => q.id === currentQuestionId);
    set({ currentQuestionId: questions[(index + 1) % questions.length]?.id ?? null });
  },
  startNewSession: () => set({ activeSessionId: null, activeSessionAnswerCount: 0, lastResult: null }),
  answerSaved: (result) =>
    set((s) => ({
      lastResult: result,
      activeSessionId: result.sessionId,
      activeSessionAnswerCount: s.activeSessionAnswerCount + 1,
      // History reloads next time it is shown.
      sessionsStatus: s.sessionsStatus === 'loading' ? s.sessionsStatus : 'idle',
    })),
  dismissResult: () => set({ lastResult: null }),

  loadSessions: async () => {
    set({ sessionsStatus: 'loading', sessionsError: null });
    try {
      const sessions = await window.api.listSessions();
      set({ sessions, sessionsStatus: 'ready' });
    } catch (error) {
      set({
        sessionsStatus: 'error',
        sessionsError: errorMessage(error, 'Saved sessions could not be loaded.'),
      });
    }
  },
  openSession: async (sessionId) => {
    set({ selectedSessionId: sessionId, selectedSession: null, selectedSessionError: null });
    try {
      const detail = await window.api.getSession(sessionId);
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

export function selectCurrentQuestion(state: CoachState): Question | null {
  return state.questions.find((q) => q.id === state.currentQuestionId) ?? null;
}
