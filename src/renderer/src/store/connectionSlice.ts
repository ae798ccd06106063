// The server behind the page (browser mode, `coach serve`): when it goes away mid-answer, the answer
// ends here at once — the recorder releases the microphone, the timer and "Listening" go — and the
// page says what was kept and how to get it back. What was sent is on the server's disk already; its
// next start recovers it.
import type { StateCreator } from 'zustand';
import type { LiveSlice } from './liveSlice';

export type ServerConnection = 'up' | 'lost' | 'back';

/** The answer the lost connection cut short: how far it had got, for the message. */
export type CutAnswer = { elapsedSec: number };

export interface ConnectionSlice {
  serverConnection: ServerConnection;
  cutAnswer: CutAnswer | null;
  /** The WebSocket closed: any answer in progress ends here, now. */
  serverLost: (atMs: number) => void;
  /** The server answers again (restarted): a reload shows what it recovered. */
  serverBack: () => void;
  dismissCutAnswer: () => void;
}

export const createConnectionSlice: StateCreator<LiveSlice & ConnectionSlice, [], [], ConnectionSlice> = (
  set,
  get,
) => ({
  serverConnection: 'up',
  cutAnswer: null,

  serverLost: (atMs) => {
    const { recording, recordingStartedAtMs, recordingStoppedAtMs } = get();
    if (recording === 'idle' || recording === 'starting') {
      // 'starting': the start request fails with the connection and says so itself.
      set({ serverConnection: 'lost' });
      return;
    }
    const endMs = recordingStoppedAtMs ?? atMs;
    const elapsedSec = recordingStartedAtMs === null ? 0 : Math.max(0, (endMs - recordingStartedAtMs) / 1000);
    set({
      serverConnection: 'lost',
      cutAnswer: { elapsedSec },
      recording: 'idle',
      recordingStoppedAtMs: endMs,
      nudge: null,
      finishing: null,
      liveError: null,
      answerError: null,
    });
  },
  serverBack: () => set({ serverConnection: 'back' }),
  dismissCutAnswer: () => set({ cutAnswer: null }),
});
