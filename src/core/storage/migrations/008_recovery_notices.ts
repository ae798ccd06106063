// Visible recovery (issue #12): each answer the start-up recovery finishes is announced in the app
// ("Recovered your answer to '…' (14 s)") until the user dismisses it, across restarts. Dismissed
// notices keep their row (dismissed_at), so a later recovery run cannot announce the answer again;
// deleting the answer deletes its notice.
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
CREATE TABLE recovery_notices (
  answer_id     TEXT PRIMARY KEY REFERENCES answers(id) ON DELETE CASCADE,
  recovered_at  TEXT NOT NULL,
  dismissed_at  TEXT
) WITHOUT ROWID;
`;
