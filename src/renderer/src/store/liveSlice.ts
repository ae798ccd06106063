// Everything about the answer being recorded right now: captions, live stats, the current nudge,
// engine status and the recording state machine (idle → starting → recording → finalising → idle).
import type { StateCreator } from 'zustand';
import type {
  AnswerFinishing,
  AnswerResult,
  CaptionUpdate,
  EngineStatus,
  LiveStats,
  Nudge,
} from '../../../shared/domain';
import type { StartedAnswer } from '../../../shared/ipcContract';
import type { PcmLevel } from '../audio/pcmConvert';
import type { SessionSlice } from './sessionSlice';

export type RecordingState = 'idle' | 'starting' | 'recording' | 'finalising';
export type MicCheckState = 'off' | 'starting' | 'on';

/** A nudge as shown: `id` changes for every nudge, so the same advice twice is shown twice. */
export type ShownNudge = Nudge & { id: number };

export const SILENCE: PcmLevel = { rms: 0, peak: 0 };

/**
 * The report of the live transcript, shown after Stop without waiting for the final text ("Show the
 * report now"). `finishing` until Stop returns; `failed` if the final pass failed (the answer was then
 * saved as not transcribed, and this report stays on screen as what there is). Never saved.
 */
export type LiveReport = { result: AnswerResult; state: 'finishing' | 'failed'; failure?: string };

/** The live report was upgraded in place to the final text: how many words that changed. */
export type ReportUpgrade = { answerId: string; changedWords: number };

export interface LiveSlice {
  engineStatus: EngineStatus;
  /** Where answers and models live (from `getStatus()`), shown as a privacy reassurance. */
  dataDir: string | null;
  recording: RecordingState;
  answerId: string | null;
  /** Last caption `seq` applied for `answerId`; older updates are dropped. */
  captionSeq: number;
  committedText: string;
  tentativeText: string;
  liveStats: LiveStats | null;
  nudge: ShownNudge | null;
  recordingStartedAtMs: number | null;
  recordingStoppedAtMs: number | null;
  /** High-frequency: read it with `subscribe`, never select it in a component. */
  inputLevel: PcmLevel;
  micCheck: MicCheckState;
  /** Selected microphone; '' is the system default. */
  microphoneId: string;
  /** A problem with the current or last answer, shown until dismissed or the next answer starts. */
  liveError: string | null;
  /** Set from main's `answer:error` for the current answer; the recorder reacts to it. */
  answerError: string | null;
  /** An answer stopped but not saved (a full disk): main keeps its transcript; "Save again" retries. */
  unsavedAnswerId: string | null;
  /** After Stop: what main still has to transcribe, with when this news arrived (for the countdown). */
  finishing: (AnswerFinishing & { receivedAtMs: number }) | null;
  /** "Show the report now" was pressed for this answer and its live report is on its way. */
  liveReportRequested: boolean;
  liveReport: LiveReport | null;
  reportUpgrade: ReportUpgrade | null;

  answerStarting: () => void;
  answerStarted: (started: StartedAnswer) => void;
  recordingStarted: (atMs: number) => void;
  answerFinalising: (atMs: number) => void;
  answerEnded: () => void;
  liveReportRequestedNow: () => void;
  /** Main's live report arrived; dropped if Stop has returned meanwhile (the final report is shown). */
  liveReportArrived: (result: AnswerResult) => void;
  /** Stop returned `final` while the live report was shown: upgrade it, or keep it if the pass failed. */
  liveReportFinished: (final: AnswerResult, changedWords: number) => void;
  /** The live report goes (its answer was transcribed again, or the result was left). */
  liveReportCleared: () => void;
  answerFailed: (message: string) => void;
  /** Stop finished the transcript but could not save it; the error offers "Save again". */
  answerNotSaved: (answerId: string, message: string) => void;
  /** "Save again" worked: the error and its button go. */
  unsavedAnswerSaved: () => void;
  showLiveError: (message: string) => void;
  dismissLiveError: () => void;
  setInputLevel: (level: PcmLevel) => void;
  setMicCheck: (state: MicCheckState) => void;
  chooseMicrophone: (deviceId: string) => void;
}

const INITIAL_ENGINE_STATUS: EngineStatus = { state: 'loading', message: 'Starting the speech engine…' };

const freshAnswer = {
  answerId: null,
  captionSeq: -1,
  committedText: '',
  tentativeText: '',
  liveStats: null,
  nudge: null,
  recordingStartedAtMs: null,
  recordingStoppedAtMs: null,
  answerError: null,
  unsavedAnswerId: null,
  finishing: null,
  liveReportRequested: false,
  liveReport: null,
  reportUpgrade: null,
} satisfies Partial<LiveSlice>;

export const createLiveSlice: StateCreator<LiveSlice & SessionSlice, [], [], LiveSlice> = (set, get) => ({
  engineStatus: INITIAL_ENGINE_STATUS,
  dataDir: null,
  recording: 'idle',
  ...freshAnswer,
  inputLevel: SILENCE,
  micCheck: 'off',
  microphoneId: '',
  liveError: null,

  answerStarting: () => set({ ...freshAnswer, recording: 'starting', liveError: null, inputLevel: SILENCE }),
  answerStarted: ({ answerId, sessionId }) => {
    set({ answerId });
    // A "keep no history" answer belongs to no saved session: the next answer must not try to join it.
    if (!get().keepNoHistory) get().continueSession(sessionId);
  },
  recordingStarted: (atMs) => set({ recording: 'recording', recordingStartedAtMs: atMs }),
  answerFinalising: (atMs) =>
    set({ recording: 'finalising', recordingStoppedAtMs: atMs, nudge: null, inputLevel: SILENCE }),
  answerEnded: () => set({ recording: 'idle', inputLevel: SILENCE, liveReportRequested: false }),
  liveReportRequestedNow: () => set({ liveReportRequested: true }),
  liveReportArrived: (result) =>
    set((s) =>
      s.recording === 'finalising' && s.answerId === result.answerId && s.liveReportRequested
        ? { liveReport: { result, state: 'finishing' } }
        : {},
    ),
  liveReportFinished: (final, changedWords) =>
    set((s) => {
      const live = s.liveReport;
      if (!live || live.result.answerId !== final.answerId) return {};
      if (final.notTranscribed) {
        return { liveReport: { ...live, state: 'failed', failure: final.notTranscribed.reason } };
      }
      return { liveReport: null, reportUpgrade: { answerId: final.answerId, changedWords } };
    }),
  liveReportCleared: () => set({ liveReport: null, liveReportRequested: false }),
  answerFailed: (message) =>
    set({ ...freshAnswer, recording: 'idle', liveError: message, inputLevel: SILENCE }),
  answerNotSaved: (unsavedAnswerId, message) =>
    set({ ...freshAnswer, recording: 'idle', liveError: message, inputLevel: SILENCE, unsavedAnswerId }),
  unsavedAnswerSaved: () => set({ unsavedAnswerId: null, liveError: null }),
  showLiveError: (liveError) => set({ liveError }),
  dismissLiveError: () => set({ liveError: null }),
  setInputLevel: (inputLevel) => set({ inputLevel }),
  setMicCheck: (micCheck) => set(micCheck === 'off' ? { micCheck, inputLevel: SILENCE } : { micCheck }),
  chooseMicrophone: (microphoneId) => set({ microphoneId }),
});

// Pure updates applied by the IPC bridge. Each returns `state` itself when nothing changes.

let nudgeCounter = 0;

export function applyCaptionUpdate(state: LiveSlice, update: CaptionUpdate): LiveSlice | Partial<LiveSlice> {
  if (update.answerId !== state.answerId || update.seq <= state.captionSeq) return state;
  return { captionSeq: update.seq, committedText: update.committedText, tentativeText: update.tentativeText };
}

export function applyLiveStats(state: LiveSlice, stats: LiveStats): LiveSlice | Partial<LiveSlice> {
  if (stats.answerId !== state.answerId) return state;
  return { liveStats: stats };
}

export function applyNudge(state: LiveSlice, nudge: Nudge): LiveSlice | Partial<LiveSlice> {
  if (state.recording !== 'recording') return state;
  nudgeCounter += 1;
  return { nudge: { ...nudge, id: nudgeCounter } };
}

export function applyAnswerFinishing(
  state: LiveSlice,
  progress: AnswerFinishing,
  nowMs = Date.now(),
): LiveSlice | Partial<LiveSlice> {
  if (progress.answerId !== state.answerId || state.recording !== 'finalising') return state;
  return { finishing: { ...progress, receivedAtMs: nowMs } };
}

export function applyAnswerError(
  state: LiveSlice,
  error: { answerId: string; message: string },
): LiveSlice | Partial<LiveSlice> {
  if (error.answerId !== state.answerId || state.recording === 'idle') return state;
  return { answerError: error.message };
}
