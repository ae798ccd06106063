// A PracticeService over a real data folder and SQLite database, with a test transcriber standing in for
// the engine: for tests of the service's own behaviour (fault injection, held passes, interruptions),
// never for pipeline tests, which run the real whisper.cpp binding.
import { inject } from 'vitest';
import { EngineHost } from '../../src/core/asr/engineHost';
import type { Transcriber } from '../../src/core/asr/transcriber';
import { dataPaths, type DataPaths } from '../../src/core/dataPaths';
import { PracticeService } from '../../src/core/practice/practiceService';
import type { RestTimer } from '../../src/core/practice/restTimer';
import { openDatabase, type Db } from '../../src/core/storage/database';
import { LiveWordStore } from '../../src/core/storage/liveWordStore';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { tempDir } from './fixtures';

export type PracticeHarness = {
  paths: DataPaths;
  db: Db;
  repository: SessionRepository;
  liveWords: LiveWordStore;
  engine: EngineHost;
  service: PracticeService;
  /** The answer errors the service reported, in order. */
  errors: string[];
};

/** `restTimer`: pass one that never fires when the test feeds audio in lock-step faster than real time. */
export function practiceServiceWith(
  transcriber: Transcriber,
  { prefix = 'coach-practice-', restTimer }: { prefix?: string; restTimer?: RestTimer } = {},
): PracticeHarness {
  const paths = dataPaths(tempDir(prefix));
  const db = openDatabase(paths.dbPath);
  const repository = new SessionRepository(db);
  const liveWords = new LiveWordStore(db);
  const engine = new EngineHost({
    modelsDir: paths.modelsDir,
    modelPath: inject('syntheticModelPath'),
    load: async () => transcriber,
  });
  const errors: string[] = [];
  const service = new PracticeService({
    paths,
    repository,
    engine,
    liveWords,
    events: {
      caption: () => undefined,
      stats: () => undefined,
      nudge: () => undefined,
      answerError: (e) => errors.push(e.message),
    },
    ...(restTimer ? { restTimer } : {}),
  });
  return { paths, db, repository, liveWords, engine, service, errors };
}
