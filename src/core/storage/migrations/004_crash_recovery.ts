// Crash safety (issue #7): committed live words are written as they commit, and each recording
// answer names the process recording it, so the next start can tell an interrupted answer from one
// that another process (the app, `coach serve`, the CLI) is still recording.
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
ALTER TABLE answers ADD COLUMN recorder_pid INTEGER;

CREATE TABLE live_words (
  answer_id  TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  start_sec  REAL NOT NULL,
  end_sec    REAL NOT NULL,
  PRIMARY KEY (answer_id, position)
) WITHOUT ROWID;

CREATE INDEX answers_recording ON answers(status) WHERE status = 'recording';
`;
