// Committed live words, written as they commit, so a crash mid-answer loses no committed text.
import type { Word } from '../../shared/domain';
import type { Db } from './database';

export type InterruptedAnswer = {
  id: string;
  sessionId: string;
  audioPath: string;
  recorderPid: number | null;
};

export class LiveWordStore {
  constructor(private readonly db: Db) {}

  /** Records that this process is recording the answer (see findInterrupted). */
  claim(answerId: string, pid = process.pid): void {
    this.db.prepare('UPDATE answers SET recorder_pid = ? WHERE id = ?').run(pid, answerId);
  }

  append(answerId: string, words: readonly Word[]): void {
    if (words.length === 0) return;
    const next = this.db
      .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM live_words WHERE answer_id = ?')
      .pluck()
      .get(answerId) as number;
    const insert = this.db.prepare(
      'INSERT INTO live_words (answer_id, position, text, start_sec, end_sec) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      words.forEach((w, i) => insert.run(answerId, next + i, w.text, w.startSec, w.endSec));
    })();
  }

  words(answerId: string): Word[] {
    return (
      this.db
        .prepare('SELECT text, start_sec, end_sec FROM live_words WHERE answer_id = ? ORDER BY position')
        .all(answerId) as { text: string; start_sec: number; end_sec: number }[]
    ).map((r) => ({ text: r.text, startSec: r.start_sec, endSec: r.end_sec }));
  }

  /** Live words of every answer not yet saved (monitoring: the soak benchmark watches it stay small). */
  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM live_words').pluck().get() as number;
  }

  /** Once the final transcript is saved, the live words are no longer needed. */
  clear(answerId: string): void {
    this.db.prepare('DELETE FROM live_words WHERE answer_id = ?').run(answerId);
  }

  /** Answers still marked recording whose recording process is gone. */
  findInterrupted(isAlive: (pid: number) => boolean = processIsAlive): InterruptedAnswer[] {
    const rows = this.db
      .prepare(
        `SELECT id, session_id AS sessionId, audio_path AS audioPath, recorder_pid AS recorderPid
         FROM answers WHERE status = 'recording' ORDER BY started_at`,
      )
      .all() as InterruptedAnswer[];
    return rows.filter((r) => r.recorderPid === null || !isAlive(r.recorderPid));
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
