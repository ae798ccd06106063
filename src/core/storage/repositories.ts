// One repository per table family over one database connection: what the rest of the app is handed
// instead of the connection itself, so all SQL stays in src/core/storage.
import { CustomQuestionRepository } from './customQuestionRepository';
import type { Db } from './database';
import { LiveWordStore } from './liveWordStore';
import { NoteRepository } from './noteRepository';
import { RecoveryNoticeRepository } from './recoveryNoticeRepository';
import { ReviewRepository } from './reviewRepository';
import { SessionRepository } from './sessionRepository';

export type Repositories = {
  sessions: SessionRepository;
  /** History list and search (issue #5). */
  history: ReviewRepository;
  notes: NoteRepository;
  /** Words committed live, for crash recovery. */
  liveWords: LiveWordStore;
  customQuestions: CustomQuestionRepository;
  /** Answers the start-up recovery finished, announced until dismissed. */
  recoveryNotices: RecoveryNoticeRepository;
};

/** A saved session with its coach's notes and rubric: what exports and bundles read and write. */
export type SessionStores = Pick<Repositories, 'sessions' | 'notes'>;

export function createRepositories(db: Db): Repositories {
  return {
    sessions: new SessionRepository(db),
    history: new ReviewRepository(db),
    notes: new NoteRepository(db),
    liveWords: new LiveWordStore(db),
    customQuestions: new CustomQuestionRepository(db),
    recoveryNotices: new RecoveryNoticeRepository(db),
  };
}
