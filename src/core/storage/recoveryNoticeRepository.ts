// Answers the start-up crash recovery finished, announced until the user dismisses them (migration 008).
import type { RecoveryNotice } from '../../shared/recoveryNotice';
import type { Db } from './database';

type NoticeRow = {
  answer_id: string;
  session_id: string;
  question_text: string;
  duration_sec: number | null;
  status: string;
  recovered_at: string;
};

export class RecoveryNoticeRepository {
  constructor(private readonly db: Db) {}

  /** Announces these recovered answers; an answer already announced (or dismissed) keeps its notice. */
  add(answerIds: readonly string[], recoveredAt: string): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO recovery_notices (answer_id, recovered_at) VALUES (?, ?)',
    );
    this.db.transaction(() => {
      for (const id of answerIds) insert.run(id, recoveredAt);
    })();
  }

  /** Notices not yet dismissed, oldest first, read with their answers' current state. */
  list(): RecoveryNotice[] {
    const rows = this.db
      .prepare(
        `SELECT n.answer_id, a.session_id, a.question_text, a.duration_sec, a.status, n.recovered_at
         FROM recovery_notices n JOIN answers a ON a.id = n.answer_id
         WHERE n.dismissed_at IS NULL
         ORDER BY n.recovered_at, a.started_at`,
      )
      .all() as NoticeRow[];
    return rows.map((r) => ({
      answerId: r.answer_id,
      sessionId: r.session_id,
      questionText: r.question_text,
      durationSec: r.duration_sec ?? 0,
      // "Transcribe again" turns a failed answer complete: its notice then says so.
      transcribed: r.status === 'complete',
      recoveredAt: r.recovered_at,
    }));
  }

  /** The notices go for good: a restart does not bring them back. Unknown ids are ignored. */
  dismiss(answerIds: readonly string[], dismissedAt: string): void {
    const update = this.db.prepare(
      'UPDATE recovery_notices SET dismissed_at = ? WHERE answer_id = ? AND dismissed_at IS NULL',
    );
    this.db.transaction(() => {
      for (const id of answerIds) update.run(dismissedAt, id);
    })();
  }
}
