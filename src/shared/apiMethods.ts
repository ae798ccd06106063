// Which channel each `window.api` method uses: the one table both transports (Electron's preload
// and the browser's WebSocket bridge) build their CoachApi from. No zod here, so the renderer
// bundle stays small.
import type { CoachApi, InvokeChannel, InvokeChannels, PushChannel, PushChannels } from './ipcContract';

export const INVOKE_METHODS = {
  getStatus: 'app:status',
  listQuestions: 'questions:list',
  startAnswer: 'answer:start',
  stopAnswer: 'answer:stop',
  cancelAnswer: 'answer:cancel',
  retrySaveAnswer: 'answer:retry-save',
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
  getSessionReview: 'review:get',
  addNote: 'notes:add',
  updateNote: 'notes:update',
  deleteNote: 'notes:delete',
  setRubricScore: 'rubric:set',
  deleteSession: 'session:delete',
  getDataUsage: 'data:usage',
  listModels: 'models:list',
  downloadModel: 'models:download',
  cancelModelDownload: 'models:cancel-download',
  importModel: 'models:import',
  deleteModel: 'models:delete',
  setActiveModel: 'models:set-active',
  reloadEngine: 'models:reload-engine',
} as const satisfies Partial<Record<keyof CoachApi, InvokeChannel>>;

export const PUSH_METHODS = {
  onCaption: 'caption:update',
  onNudge: 'coach:nudge',
  onLiveStats: 'live:stats',
  onEngineStatus: 'engine:status',
  onAnswerError: 'answer:error',
  onModelDownload: 'models:download',
} as const satisfies Partial<Record<keyof CoachApi, PushChannel>>;

type InvokeMethods = typeof INVOKE_METHODS;
type PushMethods = typeof PUSH_METHODS;
export type BoundApiMethods = { [M in keyof InvokeMethods]: InvokeChannels[InvokeMethods[M]] } & {
  [M in keyof PushMethods]: (cb: PushChannels[PushMethods[M]]) => () => void;
};

/** The methods a transport must still provide itself, beyond the two tables. */
// getAnswerAudio returns bytes: IPC carries an ArrayBuffer, the WebSocket bridge (JSON) cannot, so the
// browser fetches the same recording over HTTP.
type TransportMethods =
  'sendAudio' | 'answerAudioUrl' | 'getAnswerAudio' | 'exportSession' | 'importBundle' | 'pathForFile';
// Compile-time proof that the tables cover every CoachApi method with the right signature.
const coversCoachApi = (api: BoundApiMethods): Omit<CoachApi, TransportMethods> => api;
void coversCoachApi;

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
