// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  title       TEXT NOT NULL
);

CREATE TABLE answers (
  id                TEXT PRIMARY KEY,
  session_id        TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  question_id       TEXT NOT NULL,
  question_text     TEXT NOT NULL,
  started_at        TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('recording', 'complete', 'failed')),
  audio_path        TEXT NOT NULL,
  duration_sec      REAL NOT NULL DEFAULT 0,
  transcript_text   TEXT NOT NULL DEFAULT '',
  words_json        TEXT NOT NULL DEFAULT '[]',
  metrics_json      TEXT,
  words_per_minute  REAL NOT NULL DEFAULT 0,
  filler_count      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX answers_by_session ON answers(session_id, position);
CREATE INDEX sessions_by_start ON sessions(started_at DESC);
`;
