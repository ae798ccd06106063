// The one way a moment or a length is written, on screen and in every report (PDF, Markdown), so the
// same take never reads 0:24 in the app and 0:25 in its export.

/**
 * 83.4 → "01:23"; an hour or more → "1:02:03". Seconds are floored, as a media player's clock counts
 * them: a note at 11.6 s is "00:11" wherever it is shown.
 */
export function formatClock(totalSec: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(totalSec) ? totalSec : 0));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
