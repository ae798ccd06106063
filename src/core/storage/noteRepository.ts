// Coach notes (a comment on a moment or a word range of an answer) and rubric scores per answer.
import {
  RUBRIC_CRITERIA,
  type CoachNote,
  type RubricCriterion,
  type RubricScores,
  type SessionReview,
} from '../../shared/domain';
import type { Db } from './database';

type NoteRow = {
  id: number;
  answer_id: string;
  at_sec: number;
  end_sec: number | null;
  word_start: number | null;
  word_end: number | null;
  body: string;
  created_at: string;
  updated_at: string;
};

export type NoteInput = {
  answerId: string;
  atSec: number;
  endSec?: number | null | undefined;
  wordStart?: number | null | undefined;
  wordEnd?: number | null | undefined;
  body: string;
};

export class UnknownNoteError extends Error {}

export class NoteRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  addNote(n: NoteInput): CoachNote {
    if (!this.db.prepare('SELECT 1 FROM answers WHERE id = ?').get(n.answerId)) {
      throw new UnknownNoteError(`No saved answer ${n.answerId}: it may have been deleted.`);
    }
    const at = this.now();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO notes (answer_id, at_sec, end_sec, word_start, word_end, body, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        n.answerId,
        n.atSec,
        n.endSec ?? null,
        n.wordStart ?? null,
        n.wordEnd ?? null,
        n.body.trim(),
        at,
        at,
      );
    return this.getNote(Number(lastInsertRowid))!;
  }

  /** Adds a note exactly as it was written elsewhere (a session bundle), keeping its timestamps. */
  importNote(answerId: string, n: Omit<CoachNote, 'id' | 'answerId'>): void {
    this.db
      .prepare(
        `INSERT INTO notes (answer_id, at_sec, end_sec, word_start, word_end, body, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(answerId, n.atSec, n.endSec, n.wordStart, n.wordEnd, n.body, n.createdAt, n.updatedAt);
  }

  /** Adds a rubric score from elsewhere (a session bundle), dated when it was exported. */
  importRubricScore(answerId: string, criterion: RubricCriterion, score: number, updatedAt: string): void {
    this.db
      .prepare('INSERT INTO rubric_scores (answer_id, criterion, score, updated_at) VALUES (?, ?, ?, ?)')
      .run(answerId, criterion, score, updatedAt);
  }

  updateNote(id: number, body: string): CoachNote {
    const { changes } = this.db
      .prepare('UPDATE notes SET body = ?, updated_at = ? WHERE id = ?')
      .run(body.trim(), this.now(), id);
    if (changes === 0) throw new UnknownNoteError(`Note ${id} no longer exists.`);
    return this.getNote(id)!;
  }

  deleteNote(id: number): void {
    this.db.prepare('DELETE FROM notes WHERE id = ?').run(id);
  }

  getNote(id: number): CoachNote | null {
    const row = this.db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
    return row ? toNote(row) : null;
  }

  /** A session's notes in answer order, then by moment; and its rubric scores by answer id. */
  sessionReview(sessionId: string): SessionReview {
    const notes = (
      this.db
        .prepare(
          `SELECT n.* FROM notes n JOIN answers a ON a.id = n.answer_id
           WHERE a.session_id = ? ORDER BY a.position, n.at_sec, n.id`,
        )
        .all(sessionId) as NoteRow[]
    ).map(toNote);
    const rubric: Record<string, RubricScores> = {};
    const rows = this.db
      .prepare(
        `SELECT r.answer_id, r.criterion, r.score FROM rubric_scores r JOIN answers a ON a.id = r.answer_id
         WHERE a.session_id = ?`,
      )
      .all(sessionId) as { answer_id: string; criterion: RubricCriterion; score: number }[];
    for (const r of rows) (rubric[r.answer_id] ??= {})[r.criterion] = r.score;
    return { notes, rubric };
  }

  /** Sets one criterion's score, or clears it with null; returns the answer's scores. */
  setRubricScore(answerId: string, criterion: RubricCriterion, score: number | null): RubricScores {
    if (!this.db.prepare('SELECT 1 FROM answers WHERE id = ?').get(answerId)) {
      throw new UnknownNoteError(`No saved answer ${answerId}: it may have been deleted.`);
    }
    if (score === null) {
      this.db
        .prepare('DELETE FROM rubric_scores WHERE answer_id = ? AND criterion = ?')
        .run(answerId, criterion);
    } else {
      this.db
        .prepare(
          `INSERT INTO rubric_scores (answer_id, criterion, score, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (answer_id, criterion) DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at`,
        )
        .run(answerId, criterion, score, this.now());
    }
    const scores: RubricScores = {};
    const rows = this.db
      .prepare('SELECT criterion, score FROM rubric_scores WHERE answer_id = ?')
      .all(answerId) as { criterion: RubricCriterion; score: number }[];
    for (const r of rows) if (RUBRIC_CRITERIA.includes(r.criterion)) scores[r.criterion] = r.score;
    return scores;
  }
}

function toNote(r: NoteRow): CoachNote {
  return {
    id: r.id,
    answerId: r.answer_id,
    atSec: r.at_sec,
    endSec: r.end_sec,
    wordStart: r.word_start,
    wordEnd: r.word_end,
    body: r.body,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
