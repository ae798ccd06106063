// All SQL for practice sessions and their answers lives here.
import { transcriptOnlyReport } from '../coaching/answerReport';
import { upgradeLegacyReport } from '../coaching/legacyReport';
import type { AnswerReport, AnswerResult, SessionDetail, SessionSummary, Word } from '../../shared/domain';
import type { Db } from './database';

type AnswerRow = {
  id: string;
  session_id: string;
  question_text: string;
  status: 'recording' | 'complete' | 'failed';
  audio_path: string;
  transcript_text: string;
  words_json: string;
  /** Since schema 7; older rows keep metrics_json and analysis_json instead. */
  report_json?: string | null;
  metrics_json: string | null;
  duration_sec?: number | null;
  analysis_json?: string | null;
  transcription_error?: string | null;
};

type SummaryRow = {
  id: string;
  started_at: string;
  title: string;
  answer_count: number;
  duration_sec: number | null;
  words: number | null;
  speaking_min: number | null;
  filler_count: number | null;
  score?: number | null;
};

export type NewAnswer = {
  id: string;
  sessionId: string;
  questionId: string;
  questionText: string;
  startedAt: string;
  audioPath: string;
  /** Copied from the question for the history filters; absent for unknown questions. */
  questionKind?: string | null;
  questionRoles?: readonly string[] | null;
};

export type CompletedAnswer = {
  durationSec: number;
  words: Word[];
  text: string;
  report: AnswerReport;
};

/** Reads the per-session totals that migration 003's triggers keep, so no query adds up answers. */
const SUMMARY_SELECT = `
  SELECT s.id, s.started_at, s.title, s.answer_count,
         s.total_sec AS duration_sec,
         s.words_spoken AS words,
         s.total_sec / 60.0 AS speaking_min,
         s.filler_total AS filler_count,
         s.avg_score AS score
  FROM sessions s`;

export class SessionRepository {
  constructor(private readonly db: Db) {}

  createSession(s: { id: string; startedAt: string; title: string }): void {
    this.db
      .prepare('INSERT INTO sessions (id, started_at, title) VALUES (?, ?, ?)')
      .run(s.id, s.startedAt, s.title);
  }

  sessionExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(id) !== undefined;
  }

  createAnswer(a: NewAnswer): void {
    this.db
      .prepare(
        `INSERT INTO answers (id, session_id, position, question_id, question_text, started_at, status, audio_path,
                              question_kind, question_roles)
         VALUES (@id, @sessionId,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM answers WHERE session_id = @sessionId),
                 @questionId, @questionText, @startedAt, 'recording', @audioPath, @questionKind, @questionRoles)`,
      )
      .run({
        id: a.id,
        sessionId: a.sessionId,
        questionId: a.questionId,
        questionText: a.questionText,
        startedAt: a.startedAt,
        audioPath: a.audioPath,
        questionKind: a.questionKind ?? null,
        // ' data product ': see migration 003 for why the spaces.
        questionRoles: a.questionRoles?.length ? ` ${a.questionRoles.join(' ')} ` : null,
      });
  }

  /** The question an answer was for, to analyse an answer recovered after a crash. */
  answerQuestionId(id: string): string | null {
    const row = this.db.prepare('SELECT question_id FROM answers WHERE id = ?').pluck().get(id);
    return typeof row === 'string' ? row : null;
  }

  completeAnswer(id: string, c: CompletedAnswer): void {
    this.db
      .prepare(
        `UPDATE answers SET status = 'complete', duration_sec = ?, transcript_text = ?, words_json = ?,
           report_json = ?, metrics_json = NULL, analysis_json = NULL,
           words_per_minute = ?, filler_count = ?, score = ? WHERE id = ?`,
      )
      .run(
        c.durationSec,
        c.text,
        JSON.stringify(c.words),
        JSON.stringify(c.report),
        c.report.pace.wordsPerMinute,
        c.report.fillerCount,
        c.report.coaching ? c.report.coaching.score.total : null,
        id,
      );
  }

  answerExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM answers WHERE id = ?').get(id) !== undefined;
  }

  /** Where the answer's recording was written, whatever its status; null for an unknown answer. */
  answerAudioPath(id: string): string | null {
    const row = this.db.prepare('SELECT audio_path FROM answers WHERE id = ?').pluck().get(id);
    return typeof row === 'string' ? row : null;
  }

  /** Every recording of the session's answers, to delete them with it. */
  sessionAudioPaths(sessionId: string): string[] {
    return this.db
      .prepare('SELECT audio_path FROM answers WHERE session_id = ?')
      .pluck()
      .all(sessionId) as string[];
  }

  /** Deletes the session with its answers, notes and scores (cascade); false when there was none. */
  deleteSession(id: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  countSessions(): number {
    return this.db.prepare('SELECT COUNT(*) FROM sessions').pluck().get() as number;
  }

  /** Runs `write` in one transaction: every repository on this database commits with it, or none does. */
  transaction<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  /**
   * The engine failed on this answer: it keeps its audio and the reason, and whatever live words were
   * committed (searchable), but no metrics or score, so it counts in no total.
   */
  saveUntranscribed(id: string, u: { durationSec: number; reason: string; liveWords: Word[] }): void {
    this.db
      .prepare(
        `UPDATE answers SET status = 'failed', duration_sec = ?, transcription_error = ?, words_json = ?,
           transcript_text = ?, report_json = NULL, metrics_json = NULL, words_per_minute = 0, filler_count = 0,
           analysis_json = NULL, score = NULL WHERE id = ?`,
      )
      .run(
        u.durationSec,
        u.reason,
        JSON.stringify(u.liveWords),
        u.liveWords.map((w) => w.text).join(' '),
        id,
      );
  }

  /** An answer the engine could not transcribe, for "Transcribe again"; null if there is none. */
  untranscribedAnswer(id: string): { sessionId: string; audioPath: string; questionId: string } | null {
    const row = this.db
      .prepare(
        `SELECT session_id AS sessionId, audio_path AS audioPath, question_id AS questionId
         FROM answers WHERE id = ? AND status = 'failed'`,
      )
      .get(id) as { sessionId: string; audioPath: string; questionId: string } | undefined;
    return row ?? null;
  }

  deleteAnswer(id: string): void {
    this.db.prepare('DELETE FROM answers WHERE id = ?').run(id);
  }

  /** Removes a session that ended up with no answers (e.g. the only answer was cancelled). */
  deleteSessionIfEmpty(id: string): void {
    this.db
      .prepare(
        'DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM answers WHERE session_id = ?)',
      )
      .run(id, id);
  }

  listSessions(limit = 200): SessionSummary[] {
    const rows = this.db
      .prepare(`${SUMMARY_SELECT} ORDER BY s.started_at DESC LIMIT ?`)
      .all(limit) as SummaryRow[];
    return rows.map(toSummary);
  }

  getSession(id: string): SessionDetail | null {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE s.id = ?`).get(id) as SummaryRow | undefined;
    if (!row) return null;
    const answers = this.db
      .prepare(
        `SELECT * FROM answers WHERE session_id = ? AND status IN ('complete', 'failed') ORDER BY position`,
      )
      .all(id) as AnswerRow[];
    return { ...toSummary(row), answers: answers.map(toAnswerResult) };
  }

  getAnswer(id: string): AnswerResult | null {
    const row = this.db.prepare('SELECT * FROM answers WHERE id = ?').get(id) as AnswerRow | undefined;
    return row && (row.report_json || row.metrics_json || row.status === 'failed')
      ? toAnswerResult(row)
      : null;
  }
}

function toSummary(r: SummaryRow): SessionSummary {
  const speakingMin = r.speaking_min ?? 0;
  return {
    id: r.id,
    startedAt: r.started_at,
    title: r.title,
    answerCount: r.answer_count,
    durationSec: r.duration_sec ?? 0,
    wordsPerMinute: speakingMin > 0 ? (r.words ?? 0) / speakingMin : 0,
    fillerCount: r.filler_count ?? 0,
    score: r.score ?? null,
    fillersPerMinute: speakingMin > 0 ? (r.filler_count ?? 0) / speakingMin : 0,
  };
}

function toAnswerResult(r: AnswerRow): AnswerResult {
  if (r.status === 'failed') {
    return {
      answerId: r.id,
      sessionId: r.session_id,
      questionText: r.question_text,
      // The live words are kept in the row for search, not shown as the answer's transcript.
      words: [],
      text: '',
      report: untranscribedReport(r.duration_sec ?? 0),
      audioPath: r.audio_path,
      notTranscribed: { reason: r.transcription_error ?? 'The speech engine failed.' },
    };
  }
  const words = JSON.parse(r.words_json) as Word[];
  return {
    answerId: r.id,
    sessionId: r.session_id,
    questionText: r.question_text,
    words,
    text: r.transcript_text,
    report: r.report_json
      ? (JSON.parse(r.report_json) as AnswerReport)
      : upgradeLegacyReport(
          JSON.parse(r.metrics_json ?? 'null'),
          r.analysis_json ? JSON.parse(r.analysis_json) : null,
          words,
          r.duration_sec ?? 0,
        ),
    audioPath: r.audio_path,
  };
}

/** Only the length is known of an answer the engine did not transcribe; nothing else was measured. */
function untranscribedReport(durationSec: number): AnswerReport {
  return transcriptOnlyReport([], durationSec);
}
