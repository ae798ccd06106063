// The one contract between main, preload, renderer and the WebSocket bridge: every channel and its
// payloads, as types only. The zod schemas that check what crosses into main are in ipcSchemas.ts,
// which only main and the server import; the method names `window.api` offers are in apiMethods.ts.
import type {
  AnswerFinishing,
  AnswerResult,
  AppStatus,
  CaptionUpdate,
  CoachNote,
  BundleImportResult,
  DataUsage,
  ExportedSession,
  ExportFormat,
  EngineStatus,
  HistoryPage,
  LiveStats,
  Nudge,
  Question,
  RoleFamily,
  RubricScores,
  SearchHit,
  SessionDetail,
  SessionReview,
  SessionSummary,
  TargetLength,
  TrendData,
} from './domain';
import type { SAMPLE_RATE_HZ } from './audioFormat';
import type { CoachSettings, NewCustomQuestion, PracticeSetOptions, SettingsUpdate } from './coachingSchemas';
import type { HistoryQuery, NewNote, NoteUpdate, RubricScoreUpdate, SearchQuery } from './reviewSchemas';
import type { ModelDownloadProgress, ModelsOverview } from './modelsContract';
import type { RecoveryNotice } from './recoveryNotice';

export type StartAnswerOptions = {
  /** Continue an existing practice session, or omit to start a new one. */
  sessionId?: string | undefined;
  questionId: string;
  questionText: string;
  /** Declared by the sender so a capture path that forgot to resample is refused, not mis-heard. */
  sampleRateHz: typeof SAMPLE_RATE_HZ;
  /** The answer length aimed for (time nudges, length score); else the question's or the default. */
  target?: TargetLength | undefined;
  /** "Keep no history": nothing of this answer is written to disk, not even temporarily. */
  keepNoHistory?: boolean | undefined;
  /** The role the practice set was chosen for: History's role filter finds the answer by it. */
  practisedForRole?: RoleFamily | undefined;
};

export type StartedAnswer = { sessionId: string; answerId: string };

/** A recording file analysed as an answer to the chosen question (Practice → Import a recording). */
export type ImportRecordingRequest = {
  /** Chosen by the renderer, so progress and Cancel can name the import before it has an answer. */
  importId: string;
  /** The file's name as the user knows it, for messages. */
  fileName: string;
  questionId: string;
  questionText: string;
  sessionId?: string | undefined;
  target?: TargetLength | undefined;
  keepNoHistory?: boolean | undefined;
};

/**
 * Where an import is: `fraction` (0–1) of the whole job. Uploading (browser only) is the page's own
 * measure; transcribing is the position fed through the engine over the file's duration; finishing is
 * the final pass and the scoring.
 */
export type ImportProgress = {
  importId: string;
  stage: 'uploading' | 'transcribing' | 'finishing' | 'done';
  fraction: number;
  processedSec?: number | undefined;
  durationSec?: number | null | undefined;
};

/** renderer → main, answered. */
export interface InvokeChannels {
  'app:status': () => Promise<AppStatus>;
  'questions:list': () => Promise<Question[]>;
  'answer:start': (options: StartAnswerOptions) => Promise<StartedAnswer>;
  'answer:stop': (answerId: string) => Promise<AnswerResult>;
  'answer:cancel': (answerId: string) => Promise<void>;
  /**
   * While Stop is finishing (answer:stop has not returned): the report of the live transcript as it
   * is now, never saved. The saved, final report is what answer:stop returns.
   */
  'answer:live-report': (answerId: string) => Promise<AnswerResult>;
  /** Saves again an answer whose save failed at Stop (a full disk); its transcript was kept in memory. */
  'answer:retry-save': (answerId: string) => Promise<AnswerResult>;
  /** Runs the final pass again over the saved recording of an answer the engine failed on. */
  'answer:transcribe-again': (answerId: string) => Promise<AnswerResult>;
  /** Analyses a recording file on this computer as an answer; progress arrives on 'import:progress'. */
  'recording:import': (request: ImportRecordingRequest & { filePath: string }) => Promise<AnswerResult>;
  /** Stops an import; nothing of it is saved. */
  'recording:cancel-import': (importId: string) => Promise<void>;
  'sessions:list': () => Promise<SessionSummary[]>;
  'session:get': (sessionId: string) => Promise<SessionDetail>;
  'questions:add-custom': (question: NewCustomQuestion) => Promise<Question>;
  'questions:delete-custom': (questionId: string) => Promise<void>;
  'questions:practice-set': (options: PracticeSetOptions) => Promise<Question[]>;
  'settings:get': () => Promise<CoachSettings>;
  'settings:update': (update: SettingsUpdate) => Promise<CoachSettings>;
  'settings:reset': () => Promise<CoachSettings>;
  // Review (issue #5)
  'history:list': (query: HistoryQuery) => Promise<HistoryPage>;
  'history:search': (query: SearchQuery) => Promise<SearchHit[]>;
  /** Every take the Trends screen can chart; failed and silent takes are only counted. */
  'history:trends': () => Promise<TrendData>;
  /** The answer's WAV recording, for the review player (a Blob URL in the renderer). */
  'answer:audio': (answerId: string) => Promise<ArrayBuffer>;
  'review:get': (sessionId: string) => Promise<SessionReview>;
  'notes:add': (note: NewNote) => Promise<CoachNote>;
  'notes:update': (noteId: number, update: NoteUpdate) => Promise<CoachNote>;
  'notes:delete': (noteId: number) => Promise<void>;
  'rubric:set': (update: RubricScoreUpdate) => Promise<RubricScores>;
  /** Deletes the session, its answers, notes and recordings. */
  'session:delete': (sessionId: string) => Promise<void>;
  /** Deletes one saved take (answer), its notes and its recording; an emptied session goes too. */
  'answer:delete': (answerId: string) => Promise<void>;
  'data:usage': () => Promise<DataUsage>;
  /** Markdown, JSON, a PDF report or a portable bundle, as bytes to save. */
  'session:export': (sessionId: string, format: ExportFormat) => Promise<ExportedSession>;
  /** A bundle's bytes and its file name (for messages); importing twice adds nothing. */
  'bundle:import': (bytes: ArrayBuffer, fileName: string) => Promise<BundleImportResult>;
  // Models (issue #7): the catalog and the installed models, downloads, import, delete, active model.
  'models:list': () => Promise<ModelsOverview>;
  /** Starts (or resumes) a download; progress arrives on 'models:download'. */
  'models:download': (fileName: string) => Promise<ModelsOverview>;
  'models:cancel-download': (fileName: string) => Promise<void>;
  /** Copies a local .bin (a path on this computer) into the models folder. */
  'models:import': (sourcePath: string) => Promise<ModelsOverview>;
  'models:delete': (fileName: string) => Promise<ModelsOverview>;
  /** null: let the app pick the best installed model. */
  'models:set-active': (fileName: string | null) => Promise<ModelsOverview>;
  /** Loads the speech model again ("Try again" after an engine error); resolves once it has tried. */
  'models:reload-engine': () => Promise<ModelsOverview>;
  // Visible recovery (issue #12)
  /** Answers the start-up recovery finished and the user has not dismissed; waits for it to finish. */
  'recovery:notices': () => Promise<RecoveryNotice[]>;
  /** Dismissed for good: a restart does not bring these notices back. */
  'recovery:dismiss': (answerIds: string[]) => Promise<void>;
}

/** renderer → main, fire and forget (high-frequency). */
export interface SendChannels {
  'audio:chunk': (answerId: string, pcm16: ArrayBuffer) => void;
}

/** main → renderer. */
export interface PushChannels {
  'caption:update': (update: CaptionUpdate) => void;
  'coach:nudge': (nudge: Nudge) => void;
  'live:stats': (stats: LiveStats) => void;
  'engine:status': (status: EngineStatus) => void;
  'answer:error': (error: { answerId: string; message: string }) => void;
  /** After Stop: what is left to transcribe, for the progress bar. */
  'answer:finishing': (progress: AnswerFinishing) => void;
  'models:download': (progress: ModelDownloadProgress) => void;
  'import:progress': (progress: ImportProgress) => void;
}

export type InvokeChannel = keyof InvokeChannels;
export type SendChannel = keyof SendChannels;
export type PushChannel = keyof PushChannels;
