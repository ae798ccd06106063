// Final text built during the answer (issue #15): each utterance's final-pass words are saved as they
// are ready, so crash recovery only transcribes the audio after the last one. Words are a JSON array
// of { text, startSec, endSec }, answer times. Deleted with the live words once the answer is saved.
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
CREATE TABLE final_utterances (
  answer_id  TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  start_sec  REAL NOT NULL,
  end_sec    REAL NOT NULL,
  words      TEXT NOT NULL,
  PRIMARY KEY (answer_id, start_sec)
) WITHOUT ROWID;
`;
