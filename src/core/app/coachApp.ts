// Assembles the application once, for every front door (Electron main, `coach serve`): data folder,
// database, engine, question catalog, settings, the practice service and the handler tables.
import path from 'node:path';
import {
  createCoachHandlers,
  createCoachSendHandlers,
  type CoachHandlers,
  type CoachSendHandlers,
} from '../api/coachHandlers';
import { EngineHost, type EngineHostOptions } from '../asr/engineHost';
import type { DataPaths } from '../dataPaths';
import { loadQuestionBank } from '../questions/questionBank';
import { QuestionCatalog } from '../questions/questionCatalog';
import { resourcesDir } from '../resourcesDir';
import { openDatabase, type OpenDatabaseOptions } from '../storage/database';
import type { PdfRenderer } from '../export/exportSession';
import { PracticeService, type PracticeEvents } from '../practice/practiceService';
import { createRepositories, type Repositories } from '../storage/repositories';
import type { AnswerResult } from '../../shared/domain';
import { SettingsStore } from '../settings/settingsStore';
import type { HttpGet } from '../models/httpGet';
import { ModelManager } from '../models/modelManager';
import type { StreamParams } from '../streaming/streamParams';

export type CoachAppOptions = {
  paths: DataPaths;
  events: PracticeEvents;
  modelPath?: string | undefined;
  /** Engine settings beyond the model: threads, the VAD model, a wrapped loader (benchmarks, tests). */
  engine?: Pick<EngineHostOptions, 'whisperParams' | 'vadModelPath' | 'load'>;
  database?: OpenDatabaseOptions;
  streamParams?: StreamParams;
  log: (line: string) => void;
  /** PDF rendering for exports: Electron's printToPDF in the app, headless Chromium in `coach serve`. */
  renderPdf?: PdfRenderer;
  /** Model downloads' HTTP stack: Electron's net in the app (system proxy, PAC); Node's by default. */
  modelHttpGet?: HttpGet;
};

export type CoachApp = {
  paths: DataPaths;
  engine: EngineHost;
  /** Every repository over the app's one database. */
  storage: Repositories;
  catalog: QuestionCatalog;
  settings: SettingsStore;
  /** Settings → Models: downloads, import, delete, the active model. */
  models: ModelManager;
  service: PracticeService;
  handlers: CoachHandlers;
  sendHandlers: CoachSendHandlers;
  /** Answers recovered after a crash, once the start-up recovery has run. */
  recovery: Promise<AnswerResult[]>;
  /** Saves anything still recording, then releases the engine and the database. */
  close: () => Promise<void>;
};

export function createCoachApp(opts: CoachAppOptions): CoachApp {
  const { paths, log } = opts;
  const db = openDatabase(paths.dbPath, opts.database);
  const storage = createRepositories(db);
  const engine = new EngineHost({
    ...opts.engine,
    modelsDir: paths.modelsDir,
    modelPath: opts.modelPath,
    log,
  });
  const bank = loadQuestionBank(path.join(resourcesDir(), 'questions.json'));
  const catalog = new QuestionCatalog(bank, storage.customQuestions);
  const settings = SettingsStore.inDataDir(paths.dataDir);
  if (settings.loadProblem) log(`[coach] ${settings.loadProblem}`);
  engine.configure({
    preferredModel: () => settings.get().speech.model,
    language: () => settings.get().speech.language,
  });
  const service = new PracticeService({
    paths,
    repository: storage.sessions,
    engine,
    questions: catalog,
    settings,
    events: opts.events,
    log,
    liveWords: storage.liveWords,
    ...(opts.streamParams ? { streamParams: opts.streamParams } : {}),
  });
  const models = new ModelManager({
    modelsDir: paths.modelsDir,
    settings,
    engine,
    isRecording: () => service.isRecording(),
    envModelPath: opts.modelPath,
    baseUrl: process.env.COACH_MODEL_BASE_URL,
    httpGet: opts.modelHttpGet,
    log,
  });
  // Answers a crash interrupted are finished in the background; the engine serialises their passes.
  const recovery = service.recoverInterrupted().catch((err: Error) => {
    log(`[coach] recovering interrupted answers failed: ${err.message}`);
    return [];
  });
  return {
    recovery,
    paths,
    engine,
    storage,
    catalog,
    settings,
    models,
    service,
    handlers: createCoachHandlers({
      service,
      engine,
      paths,
      questions: bank,
      catalog,
      settings,
      review: storage,
      ...(opts.renderPdf ? { renderPdf: opts.renderPdf } : {}),
      models,
    }),
    sendHandlers: createCoachSendHandlers({ service }),
    close: async () => {
      await recovery;
      await models.dispose();
      await service.stopAll();
      await engine.dispose();
      db.close();
    },
  };
}
