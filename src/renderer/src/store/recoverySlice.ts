// Answers the start-up recovery finished after a crash or kill: announced until dismissed. The list
// comes from main (or the server) once its recovery has run; dismissing is remembered there, across
// restarts.
import type { StateCreator } from 'zustand';
import type { RecoveryNotice } from '../../../shared/recoveryNotice';
import { coachApi } from '../coachApi';
import type { SessionSlice } from './sessionSlice';

export interface RecoverySlice {
  recoveryNotices: RecoveryNotice[];
  loadRecoveryNotices: () => Promise<void>;
  /** The notice goes, here and for good. */
  dismissRecoveryNotice: (answerId: string) => Promise<void>;
  /** After "Transcribe again" worked: the notice now says the answer is transcribed. */
  recoveryNoticeTranscribed: (answerId: string) => void;
}

export const createRecoverySlice: StateCreator<RecoverySlice & SessionSlice, [], [], RecoverySlice> = (
  set,
  get,
) => ({
  recoveryNotices: [],

  loadRecoveryNotices: async () => {
    try {
      const recoveryNotices = await coachApi().listRecoveryNotices();
      // The recovered answers are new in their sessions: History reloads next time it is shown.
      set((s) => ({
        recoveryNotices,
        ...(recoveryNotices.length > 0 && s.sessionsStatus !== 'loading' ? { sessionsStatus: 'idle' } : {}),
      }));
    } catch (error) {
      // No banner is better than an error about a banner; the connection's own problem is shown elsewhere.
      console.warn('[coach] recovered answers could not be listed', error);
    }
  },
  dismissRecoveryNotice: async (answerId) => {
    set({ recoveryNotices: get().recoveryNotices.filter((n) => n.answerId !== answerId) });
    try {
      await coachApi().dismissRecoveryNotices([answerId]);
    } catch (error) {
      console.warn('[coach] a recovery notice could not be dismissed', error);
    }
  },
  recoveryNoticeTranscribed: (answerId) =>
    set({
      recoveryNotices: get().recoveryNotices.map((n) =>
        n.answerId === answerId ? { ...n, transcribed: true } : n,
      ),
    }),
});
