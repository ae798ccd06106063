// Times in suggestions and the CLI's report: the app's one clock, so a suggestion's "ran 00:24" matches
// the answer's length on screen and in the PDF.
export { formatClock as timeLabel } from '../../shared/timeFormat';
