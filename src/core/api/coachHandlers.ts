// The handler table behind every invoke channel. Electron IPC registers it today; the WebSocket
// bridge can register the same table, so no handler is written twice.
import type { InvokeChannels, SendChannels } from '../../shared/ipcContract';
import type { EngineHost } from '../asr/engineHost';
import type { DataPaths } from '../dataPaths';
import type { Question } from '../domain';
import { buildPracticeSet } from '../questions/practiceSet';
import { InMemoryCustomQuestions, QuestionCatalog } from '../questions/questionCatalog';
import type { PracticeService } from '../sessions/practiceService';
import { SettingsStore } from '../settings/settingsStore';

export type CoachHandlers = { [C in keyof InvokeChannels]: InvokeChannels[C] };

export function createCoachHandlers(deps: {
  service: PracticeService;
  engine: EngineHost;
  paths: DataPaths;
  questions: Question[];
  /** The bank plus the user's questions; without it custom questions last only as long as the process. */
  catalog?: QuestionCatalog;
  /** Without it settings are the defaults, kept in memory. */
  settings?: SettingsStore;
}): CoachHandlers {
  const { service, engine, paths } = deps;
  const catalog = deps.catalog ?? new QuestionCatalog(deps.questions, new InMemoryCustomQuestions());
  const settings = deps.settings ?? new SettingsStore();
  return {
    'app:status': async () => ({ dataDir: paths.dataDir, modelsDir: paths.modelsDir, engine: engine.status }),
    'questions:list': async () => catalog.list(),
    'answer:start': (options) => service.startAnswer(options),
    'answer:stop': (answerId) => service.stopAnswer(answerId),
    'answer:cancel': (answerId) => service.cancelAnswer(answerId),
    'sessions:list': async () => service.listSessions(),
    'session:get': async (sessionId) => service.getSession(sessionId),
    'questions:add-custom': async (question) => catalog.addCustom(question),
    'questions:delete-custom': async (questionId) => catalog.deleteCustom(questionId),
    'questions:practice-set': async (options) => buildPracticeSet(catalog.list(), options),
    'settings:get': async () => settings.get(),
    'settings:update': async (update) => settings.update(update),
    'settings:reset': async () => settings.reset(),
  };
}

export type CoachSendHandlers = { [C in keyof SendChannels]: SendChannels[C] };

/** The fire-and-forget channels (audio), shared the same way by both transports. */
export function createCoachSendHandlers(deps: { service: PracticeService }): CoachSendHandlers {
  return {
    'audio:chunk': (answerId, pcm16) => deps.service.pushAudio(answerId, pcm16),
  };
}
