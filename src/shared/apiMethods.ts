// The method name `window.api` offers for each channel, declared once: CoachApi is derived from these
// tables, and both transports (Electron's preload and the browser's WebSocket bridge) build their
// CoachApi from them. No zod here, so the renderer bundle stays small.
import type { AnswerResult } from './domain';
import type {
  ImportRecordingRequest,
  InvokeChannel,
  InvokeChannels,
  PushChannel,
  PushChannels,
  SendChannel,
  SendChannels,
} from './ipcContract';

export const INVOKE_METHODS = {
  getStatus: 'app:status',
  listQuestions: 'questions:list',
  startAnswer: 'answer:start',
  stopAnswer: 'answer:stop',
  cancelAnswer: 'answer:cancel',
  liveReport: 'answer:live-report',
  retrySaveAnswer: 'answer:retry-save',
  transcribeAgain: 'answer:transcribe-again',
  cancelImport: 'recording:cancel-import',
  listSessions: 'sessions:list',
  getSession: 'session:get',
  addCustomQuestion: 'questions:add-custom',
  deleteCustomQuestion: 'questions:delete-custom',
  buildPracticeSet: 'questions:practice-set',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  resetSettings: 'settings:reset',
  listHistory: 'history:list',
  searchHistory: 'history:search',
  getTrends: 'history:trends',
  getSessionReview: 'review:get',
  addNote: 'notes:add',
  updateNote: 'notes:update',
  deleteNote: 'notes:delete',
  setRubricScore: 'rubric:set',
  deleteSession: 'session:delete',
  deleteAnswer: 'answer:delete',
  getDataUsage: 'data:usage',
  listModels: 'models:list',
  downloadModel: 'models:download',
  cancelModelDownload: 'models:cancel-download',
  importModel: 'models:import',
  deleteModel: 'models:delete',
  setActiveModel: 'models:set-active',
  reloadEngine: 'models:reload-engine',
  listRecoveryNotices: 'recovery:notices',
  dismissRecoveryNotices: 'recovery:dismiss',
} as const satisfies Record<string, InvokeChannel>;

/**
 * Invoke channels whose arguments or results are bytes. IPC carries an ArrayBuffer, the WebSocket
 * bridge (JSON) cannot, so each transport binds these itself (the browser uses HTTP routes).
 */
export const BYTES_METHODS = {
  getAnswerAudio: 'answer:audio',
  exportSession: 'session:export',
  importBundle: 'bundle:import',
} as const satisfies Record<string, InvokeChannel>;

/**
 * Invoke channels that take a file the user chose. Electron passes its path (ffmpeg reads it where it
 * is); the browser uploads it over HTTP. Either way the page calls `importRecording(file, request)`.
 */
export const FILE_METHODS = {
  importRecording: 'recording:import',
} as const satisfies Record<string, InvokeChannel>;

export const SEND_METHODS = {
  sendAudio: 'audio:chunk',
} as const satisfies Record<string, SendChannel>;

export const PUSH_METHODS = {
  onCaption: 'caption:update',
  onNudge: 'coach:nudge',
  onLiveStats: 'live:stats',
  onEngineStatus: 'engine:status',
  onAnswerError: 'answer:error',
  onAnswerFinishing: 'answer:finishing',
  onModelDownload: 'models:download',
  onImportProgress: 'import:progress',
} as const satisfies Record<string, PushChannel>;

type InvokeMethods<T extends Record<string, InvokeChannel>> = { [M in keyof T]: InvokeChannels[T[M]] };
type PushMethods = typeof PUSH_METHODS;

/** What `bindApiMethods` builds from a transport's invoke and subscribe. */
export type BoundApiMethods = InvokeMethods<typeof INVOKE_METHODS> & {
  [M in keyof PushMethods]: (cb: PushChannels[PushMethods[M]]) => () => void;
};

/** Everything the renderer can call, as exposed on `window.api` by the preload script or the bridge. */
export type CoachApi = BoundApiMethods &
  InvokeMethods<typeof BYTES_METHODS> & {
    importRecording: (file: File, request: ImportRecordingRequest) => Promise<AnswerResult>;
  } & {
    [M in keyof typeof SEND_METHODS]: SendChannels[(typeof SEND_METHODS)[M]];
  } & {
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
    /**
     * Only the browser bridge (`coach serve`): 'lost' the moment its WebSocket closes (the server was
     * stopped or killed), 'back' once it answers again. The desktop window cannot outlive its main
     * process (Electron ends the renderer with it), so its preload has none.
     */
    onServerConnection?: (cb: (state: ServerConnectionState) => void) => () => void;
  };

/** What the page knows of the server it talks to (browser bridge only). */
export type ServerConnectionState = 'lost' | 'back';

// Compile-time proof that every channel has a method: a channel left out of the tables fails here.
type Unlisted<C extends string, Listed extends string> = Exclude<C, Listed>;
type ValuesOf<T> = T[keyof T];
const everyChannelHasAMethod: [
  Unlisted<
    InvokeChannel,
    ValuesOf<typeof INVOKE_METHODS> | ValuesOf<typeof BYTES_METHODS> | ValuesOf<typeof FILE_METHODS>
  >,
  Unlisted<SendChannel, ValuesOf<typeof SEND_METHODS>>,
  Unlisted<PushChannel, ValuesOf<PushMethods>>,
] extends [never, never, never]
  ? true
  : false = true;
void everyChannelHasAMethod;

export type ApiTransport = {
  invoke: <C extends InvokeChannel>(channel: C) => InvokeChannels[C];
  subscribe: <C extends PushChannel>(channel: C) => (cb: PushChannels[C]) => () => void;
};

export function bindApiMethods(transport: ApiTransport): BoundApiMethods {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(INVOKE_METHODS)) api[method] = transport.invoke(channel);
  for (const [method, channel] of Object.entries(PUSH_METHODS)) api[method] = transport.subscribe(channel);
  return api as BoundApiMethods;
}
