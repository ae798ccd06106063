// One coaching report per answer (issue #11): new answers store it in report_json and leave the two
// older columns (metrics_json, analysis_json) empty. Older rows keep theirs and are read into the one
// report by src/core/coaching/legacyReport.ts, which can re-measure what SQL alone cannot (the pace of
// an answer saved without an analysis).
// Shipped migrations are never edited; add a new numbered file instead.
export default /* sql */ `
ALTER TABLE answers ADD COLUMN report_json TEXT;
`;
