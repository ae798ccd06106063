// Review (issue #5): full-text search over transcripts and coach notes, coach notes and rubric scores,
// question kind and roles per answer for the history filters, and indices for the history list.
// Shipped migrations are never edited; add a new numbered file instead.
const TOTALS_COLUMNS = '(answer_count, total_sec, words_spoken, filler_total, avg_score, kinds, roles)';

/** One session's totals over its complete answers, in TOTALS_COLUMNS order. */
function totalsOf(sessionId: string): string {
  return `SELECT COUNT(*), COALESCE(SUM(duration_sec), 0),
                 COALESCE(SUM(words_per_minute * duration_sec / 60.0), 0), COALESCE(SUM(filler_count), 0),
                 AVG(score), COALESCE(',' || group_concat(DISTINCT question_kind) || ',', ''),
                 COALESCE(group_concat(question_roles, ''), '')
          FROM answers WHERE session_id = ${sessionId} AND status = 'complete'`;
}

function recompute(row: 'new' | 'old'): string {
  return `UPDATE sessions SET ${TOTALS_COLUMNS} = (${totalsOf(`${row}.session_id`)}) WHERE id = ${row}.session_id;`;
}

export default /* sql */ `
-- Copied from the question when the answer starts, so history filters need no question catalog.
ALTER TABLE answers ADD COLUMN question_kind TEXT;
-- The question's role families, space-separated with a space at each end (' data product '),
-- so one LIKE '% data %' finds a role without a join table.
ALTER TABLE answers ADD COLUMN question_roles TEXT;
UPDATE answers SET question_kind = json_extract(analysis_json, '$.questionKind') WHERE analysis_json IS NOT NULL;

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  answer_id   TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  at_sec      REAL NOT NULL CHECK (at_sec >= 0),
  end_sec     REAL CHECK (end_sec IS NULL OR end_sec >= at_sec),
  word_start  INTEGER,
  word_end    INTEGER,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX notes_by_answer ON notes(answer_id, at_sec);

CREATE TABLE rubric_scores (
  answer_id   TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  criterion   TEXT NOT NULL CHECK (criterion IN ('structure', 'clarity', 'confidence')),
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (answer_id, criterion)
) WITHOUT ROWID;

-- Each session's totals, kept by triggers, so the history list sorts, filters and pages over the
-- small sessions table instead of aggregating every answer's (large) row on each query.
ALTER TABLE sessions ADD COLUMN answer_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN total_sec REAL NOT NULL DEFAULT 0;
-- Words spoken over all complete answers (from each answer's pace and length).
ALTER TABLE sessions ADD COLUMN words_spoken REAL NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN filler_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN avg_score REAL;
-- ',behavioural,situational,' and ' general data  general sales ': matched with LIKE by the filters.
ALTER TABLE sessions ADD COLUMN kinds TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN roles TEXT NOT NULL DEFAULT '';

CREATE TRIGGER answers_totals_insert AFTER INSERT ON answers BEGIN
  ${recompute('new')}
END;
CREATE TRIGGER answers_totals_update AFTER UPDATE ON answers BEGIN
  ${recompute('new')}
END;
CREATE TRIGGER answers_totals_delete AFTER DELETE ON answers BEGIN
  ${recompute('old')}
END;
UPDATE sessions SET ${TOTALS_COLUMNS} = (${totalsOf('sessions.id')});

CREATE INDEX sessions_by_score ON sessions(avg_score);
CREATE INDEX sessions_by_duration ON sessions(total_sec);

-- External-content FTS5: the text lives once, in answers and notes; triggers keep the index in step.
CREATE VIRTUAL TABLE transcript_fts USING fts5(
  transcript_text, content = 'answers', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN
  INSERT INTO transcript_fts(rowid, transcript_text) VALUES (new.rowid, new.transcript_text);
END;
CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
  INSERT INTO transcript_fts(transcript_fts, rowid, transcript_text) VALUES ('delete', old.rowid, old.transcript_text);
END;
CREATE TRIGGER answers_fts_update AFTER UPDATE OF transcript_text ON answers BEGIN
  INSERT INTO transcript_fts(transcript_fts, rowid, transcript_text) VALUES ('delete', old.rowid, old.transcript_text);
  INSERT INTO transcript_fts(rowid, transcript_text) VALUES (new.rowid, new.transcript_text);
END;
INSERT INTO transcript_fts(transcript_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE notes_fts USING fts5(
  body, content = 'notes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
  INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
END;
`;
