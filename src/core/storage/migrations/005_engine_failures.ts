// Engine failures and crash recovery (issue #12).
// - An answer the speech engine could not transcribe is kept with its audio, status 'failed' and the
//   reason, so it is never scored, never in the session totals (they count 'complete' answers only) and
//   can be transcribed again later.
// - The recording process is named by its pid and its start time, so a pid reused by another process
//   (or a killed process not yet reaped) no longer hides an interrupted answer from the next start.
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
ALTER TABLE answers ADD COLUMN transcription_error TEXT;
ALTER TABLE answers ADD COLUMN recorder_started TEXT;
`;
