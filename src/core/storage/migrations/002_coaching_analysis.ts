// Coaching (issue #4): each answer's full analysis and score, and the user's own questions.
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
ALTER TABLE answers ADD COLUMN analysis_json TEXT;
ALTER TABLE answers ADD COLUMN score REAL;

CREATE TABLE custom_questions (
  id           TEXT PRIMARY KEY,
  text         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('behavioural', 'situational', 'motivational', 'technical-communication')),
  roles_json   TEXT NOT NULL DEFAULT '["general"]',
  covers       TEXT,
  target_json  TEXT,
  created_at   TEXT NOT NULL
);
`;
