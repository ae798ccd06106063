// Assembles the application once, for every front door (Electron main, `coach serve`, the CLI): data
// folder, database, engine, question catalog, settings, the practice service and the handler tables.
import path from 'node:path';
import {
  createCoachHandlers,
  createCoachSendHandlers,
  type CoachHandlers,
  type CoachSendHandlers,
} from '../api/coachHandlers';
import { EngineHost, type EngineHostOptions } from '../asr/engineHost';
import { dataPaths, type DataPaths } from '../dataPaths';
import { loadQuestionBank } from '../questions/questionBank';
import { QuestionCatalog } from '../questions/questionCatalog';
import { resourcesDir } from '../resourcesDir';
import { openDatabase, type OpenDatabaseOptions } from '../storage/database';
import type { PdfRenderer } from '../export/exportSession';
import type { PracticeEvents } from '../practice/practiceEvents';
import { PracticeService } from '../practice/practiceService';
import { RecordingImports } from '../practice/recordingImport';
import { deleteAnswerWithAudio } from '../storage/sessionFiles';
import { createRepositories, type Repositories } from '../storage/repositories';
import type { AnswerResult } from '../../shared/domain';
import { SettingsStore } from '../settings/settingsStore';
import type { HttpGet } from '../models/httpGet';
import { ModelManager } from '../models/modelManager';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from '../streaming/streamParams';

export type CoachAppOptions = {
  paths: DataPaths;
  events: PracticeEvents;
  modelPath?: string | undefined;
  /**
   * Engine settings beyond the model: the VAD model, how its process starts (utilityProcess in the app),
   * a wrapped loader (benchmarks, tests). Its compute threads are `streamParams.engineThreads`.
   */
  engine?: Pick<EngineHostOptions, 'vadModelPath' | 'load' | 'spawnEngine'>;
  database?: OpenDatabaseOptions;
  streamParams?: StreamParams;
  log: (line: string) => void;
  /** PDF rendering for exports: Electron's printToPDF in the app, headless Chromium in `coach serve`. */
  renderPdf?: PdfRenderer;
  /** Model downloads' HTTP stack: Electron's net in the app (system proxy, PAC); Node's by default. */
  modelHttpGet?: HttpGet;
  /**
   * Record answers into this folder instead (`coach analyze --no-save`; the caller deletes it): its own
   * database and audio. Settings, models and custom questions still come from `paths`.
   */
  scratchDir?: string;
  /** Finish answers a crash interrupted, in the background (default true; the CLI's reads skip it). */
  recoverInterrupted?: boolean;
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
  /** Recordings imported as answers (Practice → Import a recording), and their progress. */
  imports: RecordingImports;
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
  // Where answers are saved: the data folder, or a scratch folder that shares its models.
  const answerPaths = opts.scratchDir ? { ...dataPaths(opts.scratchDir), modelsDir: paths.modelsDir } : paths;
  const db = openDatabase(answerPaths.dbPath, opts.database);
  const storage = createRepositories(db);
  // Custom questions belong to the user's data folder even when answers go to a scratch one.
  const userDb = opts.scratchDir ? openDatabase(paths.dbPath, opts.database) : db;
  const streamParams = opts.streamParams ?? DEFAULT_STREAM_PARAMS;
  const engine = new EngineHost({
    ...opts.engine,
    // Logged with the other knobs at each answer's start (describeStreamParams).
    whisperParams: { threads: streamParams.engineThreads },
    modelsDir: paths.modelsDir,
    modelPath: opts.modelPath,
    log,
  });
  const bank = loadQuestionBank(path.join(resourcesDir(), 'questions.json'));
  const catalog = new QuestionCatalog(bank, createRepositories(userDb).customQuestions);
  const settings = SettingsStore.inDataDir(paths.dataDir);
  if (settings.loadProblem) log(`[coach] ${settings.loadProblem}`);
  engine.configure({
    preferredModel: () => settings.get().speech.model,
    language: () => settings.get().speech.language,
  });
  const service = new PracticeService({
    paths: answerPaths,
    repository: storage.sessions,
    engine,
    questions: catalog,
    settings,
    events: opts.events,
    log,
    liveWords: storage.liveWords,
    streamParams,
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
  const imports = new RecordingImports({
    service,
    deleteAnswer: (answerId) => deleteAnswerWithAudio(storage.sessions, answerPaths, answerId),
  });
  // Answers a crash interrupted are finished in the background; the engine serialises their passes.
  // Each one recovered is announced (the app's banner, `coach recover`) until the user dismisses it.
  const recovery =
    opts.recoverInterrupted === false
      ? Promise.resolve([])
      : service
          .recoverInterrupted()
          .then((recovered) => {
            if (recovered.length > 0) {
              storage.recoveryNotices.add(
                recovered.map((a) => a.answerId),
                new Date().toISOString(),
              );
            }
            return recovered;
          })
          .catch((err: Error) => {
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
    imports,
    service,
    handlers: createCoachHandlers({
      service,
      engine,
      paths: answerPaths,
      questions: bank,
      catalog,
      settings,
      review: storage,
      ...(opts.renderPdf ? { renderPdf: opts.renderPdf } : {}),
      models,
      imports,
      recovery: { notices: storage.recoveryNotices, done: recovery },
    }),
    sendHandlers: createCoachSendHandlers({ service }),
    close: async () => {
      await recovery;
      await models.dispose();
      await service.stopAll();
      await engine.dispose();
      db.close();
      if (userDb !== db) userDb.close();
    },
  };
}
