// The history list (sort, filters, paging) and full-text search over transcripts and coach notes.
// Both are single SQL statements over the indices and FTS5 tables of migration 003.
import type { HistoryPage, SearchHit, SessionSummary, TrendData, Word } from '../../shared/domain';
import {
  historyQuerySchema,
  searchQuerySchema,
  type HistoryQuery,
  type ParsedHistoryQuery,
  type SearchQuery,
} from '../../shared/reviewSchemas';
import type { Db } from './database';
import { noteMatch, toFtsQuery, transcriptMatch, matchingSentence } from './searchSnippet';

type HistoryRow = {
  id: string;
  started_at: string;
  title: string;
  answer_count: number;
  total_sec: number;
  words_spoken: number;
  filler_total: number;
  avg_score: number | null;
};

type TranscriptHitRow = {
  answer_id: string;
  session_id: string;
  question_text: string;
  words_json: string;
  transcript_text: string;
  title: string;
  started_at: string;
};

type NoteHitRow = {
  id: number;
  answer_id: string;
  at_sec: number;
  body: string;
  session_id: string;
  question_text: string;
  title: string;
  started_at: string;
};

type TrendRow = {
  id: string;
  session_id: string;
  title: string;
  started_at: string;
  question_id: string;
  question_text: string;
  status: 'complete' | 'failed';
  duration_sec: number;
  score: number | null;
  words_per_minute: number;
  word_count: number | null;
  fillers_per_minute: number | null;
  long_pauses: number | null;
};

/** Sort keys map to fixed SQL; nothing from the query is ever spliced into the statement. */
const SORT_SQL: Record<ParsedHistoryQuery['sort'], string> = {
  date: 's.started_at',
  score: 's.avg_score',
  duration: 's.total_sec',
};

export class ReviewRepository {
  constructor(private readonly db: Db) {}

  listHistory(query: HistoryQuery = {}): HistoryPage {
    const q = historyQuerySchema.parse(query);
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit, offset: q.offset };
    if (q.from) {
      where.push('s.started_at >= @from');
      params.from = new Date(q.from).toISOString();
    }
    if (q.to) {
      where.push('s.started_at < @to');
      params.to = new Date(q.to).toISOString();
    }
    if (q.kind) {
      where.push('s.kinds LIKE @kind');
      params.kind = `%,${q.kind},%`;
    }
    if (q.role) {
      // An answer is filed under its question's roles and the role its practice set was chosen for.
      where.push('s.roles LIKE @role');
      params.role = `% ${q.role} %`;
    }
    if (q.minScore !== undefined) {
      where.push('s.avg_score >= @minScore');
      params.minScore = q.minScore;
    }
    if (q.maxScore !== undefined) {
      where.push('s.avg_score <= @maxScore');
      params.maxScore = q.maxScore;
    }
    // Totals come from the columns migration 003's triggers keep, not from the answers themselves.
    const from = `FROM sessions s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
    const sortColumn = SORT_SQL[q.sort];
    // Sessions without a score sort last either way; the start time breaks ties, newest first.
    // By date there is no null to place, and a plain ORDER BY lets SQLite walk sessions_by_start.
    const order =
      q.sort === 'date'
        ? `s.started_at ${direction}`
        : `(${sortColumn} IS NULL), ${sortColumn} ${direction}, s.started_at DESC`;
    const rows = this.db
      .prepare(
        `SELECT s.id, s.started_at, s.title, s.answer_count, s.total_sec, s.words_spoken, s.filler_total,
                s.avg_score
         ${from} ORDER BY ${order}
         LIMIT @limit OFFSET @offset`,
      )
      .all(params) as HistoryRow[];
    const { limit: _limit, offset: _offset, ...countParams } = params;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(countParams) as { n: number }).n;
    return { sessions: rows.map(toSummary), total, offset: q.offset };
  }

  /**
   * Every saved take, oldest first, as the Trends screen charts it; failed and silent takes only counted.
   * Answers since schema 7 keep their figures in report_json, older ones in metrics_json (same field names,
   * except the transcript's filler rate, which the old report called fillersPerMinute).
   */
  trends(): TrendData {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.session_id, s.title, s.started_at, a.question_id, a.question_text, a.status,
                a.duration_sec, a.score, a.words_per_minute,
                COALESCE(json_extract(a.report_json, '$.wordCount'),
                         json_extract(a.metrics_json, '$.wordCount')) AS word_count,
                COALESCE(json_extract(a.report_json, '$.transcriptFillersPerMinute'),
                         json_extract(a.metrics_json, '$.fillersPerMinute')) AS fillers_per_minute,
                COALESCE(json_array_length(a.report_json, '$.longPauses'),
                         json_array_length(a.metrics_json, '$.longPauses')) AS long_pauses
         FROM answers a JOIN sessions s ON s.id = a.session_id
         WHERE a.status IN ('complete', 'failed')
         ORDER BY s.started_at, a.position`,
      )
      .all() as TrendRow[];
    const data: TrendData = { takes: [], leftOut: { notTranscribed: 0, noSpeech: 0 } };
    for (const r of rows) {
      if (r.status === 'failed') data.leftOut.notTranscribed += 1;
      else if (!r.word_count || r.duration_sec <= 0) data.leftOut.noSpeech += 1;
      else {
        data.takes.push({
          answerId: r.id,
          sessionId: r.session_id,
          sessionTitle: r.title,
          sessionStartedAt: r.started_at,
          questionId: r.question_id,
          questionText: r.question_text,
          durationSec: r.duration_sec,
          score: r.score,
          fillersPerMinute: r.fillers_per_minute ?? 0,
          wordsPerMinute: r.words_per_minute,
          longPausesPerMinute: ((r.long_pauses ?? 0) * 60) / r.duration_sec,
        });
      }
    }
    return data;
  }

  /**
   * Transcripts and notes matching every word of `text` (the last also as a prefix), newest first:
   * FTS5 walks its rowids backwards and stops at the limit, where ranking would score every match.
   */
  search(query: SearchQuery): SearchHit[] {
    const q = searchQuerySchema.parse(query);
    const fts = toFtsQuery(q.text);
    if (!fts) return [];
    const noteRows = this.db
      .prepare(
        `SELECT n.id, n.answer_id, n.at_sec, n.body, a.session_id, a.question_text, s.title, s.started_at
         FROM notes_fts f
         JOIN notes n ON n.id = f.rowid
         JOIN answers a ON a.id = n.answer_id
         JOIN sessions s ON s.id = a.session_id
         WHERE notes_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
      )
      .all(fts, q.limit) as NoteHitRow[];
    const transcriptRows = this.db
      .prepare(
        `SELECT a.id AS answer_id, a.session_id, a.question_text, a.words_json, a.transcript_text,
                s.title, s.started_at
         FROM transcript_fts f
         JOIN answers a ON a.rowid = f.rowid
         JOIN sessions s ON s.id = a.session_id
         WHERE transcript_fts MATCH ? AND a.status = 'complete'
         ORDER BY f.rowid DESC LIMIT ?`,
      )
      .all(fts, q.limit) as TranscriptHitRow[];

    const hits: SearchHit[] = noteRows.map((r) => ({
      sessionId: r.session_id,
      sessionTitle: r.title,
      startedAt: r.started_at,
      answerId: r.answer_id,
      questionText: r.question_text,
      source: 'note',
      noteId: r.id,
      snippet: noteMatch(r.body, q.text),
      atSec: r.at_sec,
      wordIndex: null,
    }));
    for (const r of transcriptRows) {
      const words = JSON.parse(r.words_json) as Word[];
      const timed = transcriptMatch(words, q.text);
      // The stored text and the timed words can tokenise differently; the text still gives a snippet.
      const fallback = timed
        ? null
        : matchingSentence(r.transcript_text.split(/\s+/).filter(Boolean), q.text);
      hits.push({
        sessionId: r.session_id,
        sessionTitle: r.title,
        startedAt: r.started_at,
        answerId: r.answer_id,
        questionText: r.question_text,
        source: 'transcript',
        noteId: null,
        snippet: timed?.snippet ??
          fallback?.snippet ?? [{ text: r.transcript_text.slice(0, 200), hit: false }],
        atSec: timed?.atSec ?? 0,
        wordIndex: timed?.wordIndex ?? null,
      });
    }
    return hits.slice(0, q.limit);
  }

  /** Rebuilds both search indices from their tables (after a VACUUM, which may renumber answers' rowids). */
  rebuildSearchIndex(): void {
    this.db.exec(`INSERT INTO transcript_fts(transcript_fts) VALUES ('rebuild');
                  INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');`);
  }
}

function toSummary(r: HistoryRow): SessionSummary {
  const speakingMin = r.total_sec / 60;
  return {
    id: r.id,
    startedAt: r.started_at,
    title: r.title,
    answerCount: r.answer_count,
    durationSec: r.total_sec,
    wordsPerMinute: speakingMin > 0 ? r.words_spoken / speakingMin : 0,
    fillerCount: r.filler_total,
    score: r.avg_score,
    fillersPerMinute: speakingMin > 0 ? r.filler_total / speakingMin : 0,
  };
}
