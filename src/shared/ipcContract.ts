// The one contract between main, preload and renderer (and, later, the WebSocket bridge).
// Types describe every channel; zod schemas validate everything that crosses into main,
// because the renderer is treated as untrusted input.
import { z } from 'zod';
import type {
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
  RubricScores,
  SearchHit,
  SessionDetail,
  SessionReview,
  SessionSummary,
} from './domain';
import {
  newCustomQuestionSchema,
  practiceSetOptionsSchema,
  settingsUpdateSchema,
  targetLengthSchema,
  type CoachSettings,
  type NewCustomQuestion,
  type PracticeSetOptions,
  type SettingsUpdate,
} from './coachingSchemas';
import {
  bundleBytesSchema,
  exportFormatSchema,
  historyQuerySchema,
  newNoteSchema,
  noteIdSchema,
  noteUpdateSchema,
  rubricScoreSchema,
  searchQuerySchema,
  type HistoryQuery,
  type NewNote,
  type NoteUpdate,
  type RubricScoreUpdate,
  type SearchQuery,
} from './reviewSchemas';
import { SAMPLE_RATE_HZ } from './audioFormat';
import { MODEL_FILE_NAME_PATTERN, type ModelDownloadProgress, type ModelsOverview } from './modelsContract';

/** 250 ms frames are 8,000 bytes; anything far larger is a bug or an attack. */
export const MAX_AUDIO_CHUNK_BYTES = 64 * 1024;

export const startAnswerOptionsSchema = z.object({
  /** Continue an existing practice session, or omit to start a new one. */
  sessionId: z.string().uuid().optional(),
  questionId: z.string().min(1).max(200),
  questionText: z.string().min(1).max(2000),
  /** Declared by the sender so a capture path that forgot to resample is refused, not mis-heard. */
  sampleRateHz: z.literal(SAMPLE_RATE_HZ, {
    message: `audio must be 16-bit mono PCM at ${SAMPLE_RATE_HZ} Hz`,
  }),
  /** The answer length aimed for (time nudges, length score); else the question's or the default. */
  target: targetLengthSchema.optional(),
});
export type StartAnswerOptions = z.infer<typeof startAnswerOptionsSchema>;

export const answerIdSchema = z.string().uuid();
export const sessionIdSchema = z.string().uuid();

export const audioChunkSchema = z
  .instanceof(ArrayBuffer, { message: 'audio chunk must be an ArrayBuffer of 16-bit PCM' })
  .refine((b) => b.byteLength > 0, 'audio chunk is empty')
  .refine((b) => b.byteLength % 2 === 0, 'audio chunk must hold whole 16-bit samples')
  .refine((b) => b.byteLength <= MAX_AUDIO_CHUNK_BYTES, `audio chunk exceeds ${MAX_AUDIO_CHUNK_BYTES} bytes`);

export type StartedAnswer = { sessionId: string; answerId: string };

/** A model's file name in the models folder; never a path. */
export const modelFileNameSchema = z
  .string()
  .max(200)
  .regex(MODEL_FILE_NAME_PATTERN, 'a model file is named ggml-….bin, without any folder');
/** A local file to import, as chosen by the user (validated as a ggml model before it is copied). */
export const modelImportPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /\.bin$/i.test(p.trim()), 'choose a whisper.cpp model file (.bin)');

/** renderer → main, answered. */
export interface InvokeChannels {
  'app:status': () => Promise<AppStatus>;
  'questions:list': () => Promise<Question[]>;
  'answer:start': (options: StartAnswerOptions) => Promise<StartedAnswer>;
  'answer:stop': (answerId: string) => Promise<AnswerResult>;
  'answer:cancel': (answerId: string) => Promise<void>;
  /** Saves again an answer whose save failed at Stop (a full disk); its transcript was kept in memory. */
  'answer:retry-save': (answerId: string) => Promise<AnswerResult>;
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
  /** The answer's WAV recording, for the review player (a Blob URL in the renderer). */
  'answer:audio': (answerId: string) => Promise<ArrayBuffer>;
  'review:get': (sessionId: string) => Promise<SessionReview>;
  'notes:add': (note: NewNote) => Promise<CoachNote>;
  'notes:update': (noteId: number, update: NoteUpdate) => Promise<CoachNote>;
  'notes:delete': (noteId: number) => Promise<void>;
  'rubric:set': (update: RubricScoreUpdate) => Promise<RubricScores>;
  /** Deletes the session, its answers, notes and recordings. */
  'session:delete': (sessionId: string) => Promise<void>;
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
  'models:download': (progress: ModelDownloadProgress) => void;
}

export type InvokeChannel = keyof InvokeChannels;
export type SendChannel = keyof SendChannels;
export type PushChannel = keyof PushChannels;

/** Validators for each inbound channel's arguments, applied in main before any handler runs. */
export const invokeArgSchemas = {
  'app:status': z.tuple([]),
  'questions:list': z.tuple([]),
  'answer:start': z.tuple([startAnswerOptionsSchema]),
  'answer:stop': z.tuple([answerIdSchema]),
  'answer:cancel': z.tuple([answerIdSchema]),
  'answer:retry-save': z.tuple([answerIdSchema]),
  'sessions:list': z.tuple([]),
  'session:get': z.tuple([sessionIdSchema]),
  'questions:add-custom': z.tuple([newCustomQuestionSchema]),
  'questions:delete-custom': z.tuple([z.string().min(1).max(200)]),
  'questions:practice-set': z.tuple([practiceSetOptionsSchema]),
  'settings:get': z.tuple([]),
  'settings:update': z.tuple([settingsUpdateSchema]),
  'settings:reset': z.tuple([]),
  'history:list': z.tuple([historyQuerySchema]),
  'history:search': z.tuple([searchQuerySchema]),
  'answer:audio': z.tuple([answerIdSchema]),
  'review:get': z.tuple([sessionIdSchema]),
  'notes:add': z.tuple([newNoteSchema]),
  'notes:update': z.tuple([noteIdSchema, noteUpdateSchema]),
  'notes:delete': z.tuple([noteIdSchema]),
  'rubric:set': z.tuple([rubricScoreSchema]),
  'session:delete': z.tuple([sessionIdSchema]),
  'data:usage': z.tuple([]),
  'session:export': z.tuple([sessionIdSchema, exportFormatSchema]),
  'bundle:import': z.tuple([bundleBytesSchema, z.string().min(1).max(255)]),
  'models:list': z.tuple([]),
  'models:download': z.tuple([modelFileNameSchema]),
  'models:cancel-download': z.tuple([modelFileNameSchema]),
  'models:import': z.tuple([modelImportPathSchema]),
  'models:delete': z.tuple([modelFileNameSchema]),
  'models:set-active': z.tuple([modelFileNameSchema.nullable()]),
  'models:reload-engine': z.tuple([]),
} satisfies { [C in InvokeChannel]: z.ZodType<Parameters<InvokeChannels[C]>> };

export const sendArgSchemas = {
  'audio:chunk': z.tuple([answerIdSchema, audioChunkSchema]),
} satisfies { [C in SendChannel]: z.ZodType<Parameters<SendChannels[C]>> };

/** Everything the renderer can call, as exposed on `window.api` by the preload script. */
export interface CoachApi {
  getStatus: InvokeChannels['app:status'];
  listQuestions: InvokeChannels['questions:list'];
  startAnswer: InvokeChannels['answer:start'];
  stopAnswer: InvokeChannels['answer:stop'];
  cancelAnswer: InvokeChannels['answer:cancel'];
  retrySaveAnswer: InvokeChannels['answer:retry-save'];
  listSessions: InvokeChannels['sessions:list'];
  getSession: InvokeChannels['session:get'];
  addCustomQuestion: InvokeChannels['questions:add-custom'];
  deleteCustomQuestion: InvokeChannels['questions:delete-custom'];
  buildPracticeSet: InvokeChannels['questions:practice-set'];
  getSettings: InvokeChannels['settings:get'];
  updateSettings: InvokeChannels['settings:update'];
  resetSettings: InvokeChannels['settings:reset'];
  listHistory: InvokeChannels['history:list'];
  searchHistory: InvokeChannels['history:search'];
  getAnswerAudio: InvokeChannels['answer:audio'];
  getSessionReview: InvokeChannels['review:get'];
  addNote: InvokeChannels['notes:add'];
  updateNote: InvokeChannels['notes:update'];
  deleteNote: InvokeChannels['notes:delete'];
  setRubricScore: InvokeChannels['rubric:set'];
  deleteSession: InvokeChannels['session:delete'];
  getDataUsage: InvokeChannels['data:usage'];
  exportSession: InvokeChannels['session:export'];
  importBundle: InvokeChannels['bundle:import'];
  listModels: InvokeChannels['models:list'];
  downloadModel: InvokeChannels['models:download'];
  cancelModelDownload: InvokeChannels['models:cancel-download'];
  importModel: InvokeChannels['models:import'];
  deleteModel: InvokeChannels['models:delete'];
  setActiveModel: InvokeChannels['models:set-active'];
  reloadEngine: InvokeChannels['models:reload-engine'];
  sendAudio: SendChannels['audio:chunk'];
  onCaption: (cb: PushChannels['caption:update']) => () => void;
  onNudge: (cb: PushChannels['coach:nudge']) => () => void;
  onLiveStats: (cb: PushChannels['live:stats']) => () => void;
  onEngineStatus: (cb: PushChannels['engine:status']) => () => void;
  onAnswerError: (cb: PushChannels['answer:error']) => () => void;
  onModelDownload: (cb: PushChannels['models:download']) => () => void;
  /**
   * The path of a file the user picked (for Import .bin). Only the desktop window has it; in a
   * browser the user types the path, since the page cannot see the file system.
   */
  pathForFile?: (file: File) => string;
  /**
   * Where the browser can fetch a saved answer's recording. Only the browser bridge (`coach serve`)
   * has it; the desktop window has no media route yet, so it shows no player.
   */
  answerAudioUrl?: (answerId: string) => string;
}

/** Formats a zod failure as one readable line for the user and the log. */
export function describeValidationError(channel: string, error: z.ZodError): string {
  const issues = error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
  return `Invalid payload for ${channel}: ${issues.join('; ')}`;
}
