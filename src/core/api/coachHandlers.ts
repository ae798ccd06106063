// The handler table behind every invoke channel. Electron IPC registers it today; the WebSocket
// bridge can register the same table, so no handler is written twice.
import type { InvokeChannels } from '../../shared/ipcContract';
import type { EngineHost } from '../asr/engineHost';
import type { DataPaths } from '../dataPaths';
import type { Question } from '../domain';
import type { PracticeService } from '../sessions/practiceService';

export type CoachHandlers = { [C in keyof InvokeChannels]: InvokeChannels[C] };

export function createCoachHandlers(deps: {
  service: PracticeService;
  engine: EngineHost;
  paths: DataPaths;
  questions: Question[];
}): CoachHandlers {
  const { service, engine, paths } = deps;
  return {
    'app:status': async () => ({ dataDir: paths.dataDir, modelsDir: paths.modelsDir, engine: engine.status }),
    'questions:list': async () => deps.questions,
    'answer:start': (options) => service.startAnswer(options),
    'answer:stop': (answerId) => service.stopAnswer(answerId),
    'answer:cancel': (answerId) => service.cancelAnswer(answerId),
    'sessions:list': async () => service.listSessions(),
    'session:get': async (sessionId) => service.getSession(sessionId),
  };
}
