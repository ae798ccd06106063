// The app's practice service over a data folder, with its engine processes (the model given, Silero
// VAD), wired as the app wires it: what the benchmarks record answers through.
import { EngineHost, type EngineHostOptions } from '../src/core/asr/engineHost';
import { dataPaths, type DataPaths } from '../src/core/dataPaths';
import type { PracticeEvents } from '../src/core/practice/practiceEvents';
import { PracticeService } from '../src/core/practice/practiceService';
import { openDatabase } from '../src/core/storage/database';
import { LiveWordStore } from '../src/core/storage/liveWordStore';
import { SessionRepository } from '../src/core/storage/sessionRepository';
import type { StreamParams } from '../src/core/streaming/streamParams';
import { SILERO_MODEL_PATH } from '../scripts/sharedAssets';

type Database = ReturnType<typeof openDatabase>;

export type BenchService = {
  service: PracticeService;
  engine: EngineHost;
  db: Database;
  paths: DataPaths;
  /** Stops the engine processes and closes the database. */
  close(): Promise<void>;
};

const quiet: PracticeEvents = { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} };

export function benchService(
  dataDir: string,
  modelPath: string,
  options: {
    streamParams?: StreamParams;
    events?: Partial<PracticeEvents>;
    timers?: 'none';
    /** Loads the transcriber some other way than the app's two engine processes. */
    load?: EngineHostOptions['load'];
  } = {},
): BenchService {
  const paths = dataPaths(dataDir);
  const db = openDatabase(paths.dbPath);
  const engine = new EngineHost({
    modelsDir: paths.modelsDir,
    modelPath,
    vadModelPath: SILERO_MODEL_PATH,
    ...(options.load ? { load: options.load } : {}),
  });
  const service = new PracticeService({
    paths,
    repository: new SessionRepository(db),
    engine,
    events: { ...quiet, ...options.events },
    liveWords: new LiveWordStore(db),
    ...(options.streamParams ? { streamParams: options.streamParams } : {}),
    // Fed faster than real time, an answer would reach the rest reminder's timer at the wrong moments.
    ...(options.timers === 'none' ? { restTimer: () => () => {} } : {}),
  });
  return {
    service,
    engine,
    db,
    paths,
    close: async () => {
      await engine.dispose();
      db.close();
    },
  };
}
