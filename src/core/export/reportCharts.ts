// The PDF report's pictures, drawn as inline SVG (the report allows no scripts and no external files):
// the score breakdown, pace over the answer against the comfortable band, and fillers and long pauses
// on the answer's time line. Times use the app's own clock so they read as on screen.
import { fitScale } from '../../shared/chartScale';
import type { AnswerScore, FillerHit, PacePoint, Pause } from '../../shared/domain';
import { formatClock } from '../../shared/timeFormat';
import { COMFORTABLE_WPM } from '../coaching/answerScore';
import { escapeHtml as esc } from './reportText';

const WIDTH = 520;
const PAD = { left: 40, right: 10, top: 8, bottom: 22 };
const INK = '#1d2125';
const INK_3 = '#676d75';
const LINE = '#e2e0d9';
const ACCENT = '#2b6a63';
const FILLER = '#c98a00';
const PAUSE = '#8a9099';

const n = (v: number) => Number(v.toFixed(1));

/** Ticks along an answer of `durationSec`: about five, on whole seconds. */
function timeTicks(durationSec: number): number[] {
  return fitScale([0, durationSec], { bounds: [0, Math.max(1, durationSec)], intervals: 5 }).ticks;
}

function timeAxis(durationSec: number, x: (sec: number) => number, y: number): string {
  return timeTicks(durationSec)
    .map(
      (t) =>
        `<line x1="${n(x(t))}" y1="${y}" x2="${n(x(t))}" y2="${y + 4}" stroke="${INK_3}"/>` +
        `<text x="${n(x(t))}" y="${y + 15}" text-anchor="middle">${formatClock(t)}</text>`,
    )
    .join('');
}

function svg(height: number, label: string, body: string): string {
  return (
    `<svg class="chart" role="img" aria-label="${esc(label)}" width="${WIDTH}" height="${height}" ` +
    `viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg" font-size="9" fill="${INK_3}" ` +
    `font-family="system-ui, 'DejaVu Sans', sans-serif">${body}</svg>`
  );
}

/** Words per minute over the answer, its axis fitted to the values and the comfortable band. */
export function paceChartSvg(timeline: readonly PacePoint[], durationSec: number): string | null {
  if (timeline.length < 2) return null;
  const height = 150;
  const end = Math.max(durationSec, timeline.at(-1)!.atSec, 1);
  const scale = fitScale(
    timeline.map((p) => p.wordsPerMinute),
    { include: [COMFORTABLE_WPM.min, COMFORTABLE_WPM.max], bounds: [0, Infinity], minSpan: 20 },
  );
  const plotBottom = height - PAD.bottom;
  const x = (sec: number) => PAD.left + (sec / end) * (WIDTH - PAD.left - PAD.right);
  const y = (wpm: number) =>
    plotBottom - ((wpm - scale.min) / (scale.max - scale.min)) * (plotBottom - PAD.top);
  const grid = scale.ticks
    .map(
      (t) =>
        `<line x1="${PAD.left}" y1="${n(y(t))}" x2="${WIDTH - PAD.right}" y2="${n(y(t))}" stroke="${LINE}"/>` +
        `<text x="${PAD.left - 5}" y="${n(y(t) + 3)}" text-anchor="end">${t}</text>`,
    )
    .join('');
  const band =
    `<rect class="comfortable-band" x="${PAD.left}" y="${n(y(COMFORTABLE_WPM.max))}" ` +
    `width="${WIDTH - PAD.left - PAD.right}" height="${n(y(COMFORTABLE_WPM.min) - y(COMFORTABLE_WPM.max))}" ` +
    `fill="${ACCENT}" fill-opacity="0.08"/>`;
  const points = timeline.map((p) => `${n(x(p.atSec))},${n(y(p.wordsPerMinute))}`).join(' ');
  const values = timeline.map((p) => p.wordsPerMinute);
  const label =
    `Pace over time, ${Math.round(Math.min(...values))} to ${Math.round(Math.max(...values))} words a minute; ` +
    `comfortable is ${COMFORTABLE_WPM.min}–${COMFORTABLE_WPM.max}.`;
  return svg(
    height,
    label,
    band +
      grid +
      `<polyline class="pace-line" points="${points}" fill="none" stroke="${ACCENT}" stroke-width="2"/>` +
      `<line x1="${PAD.left}" y1="${plotBottom}" x2="${WIDTH - PAD.right}" y2="${plotBottom}" stroke="${INK_3}"/>` +
      timeAxis(end, x, plotBottom),
  );
}

/** Fillers as ticks and long pauses as bars, on the answer's time line. */
export function fillerPauseTimelineSvg(
  durationSec: number,
  fillers: readonly FillerHit[],
  pauses: readonly Pause[],
): string {
  const height = 64;
  const end = Math.max(durationSec, 1);
  const x = (sec: number) => PAD.left + (Math.min(sec, end) / end) * (WIDTH - PAD.left - PAD.right);
  const track = 26;
  const pauseBars = pauses
    .map(
      (p) =>
        `<rect class="pause-mark" x="${n(x(p.startSec))}" y="${track - 8}" width="${n(Math.max(2, x(p.endSec) - x(p.startSec)))}" ` +
        `height="16" fill="${PAUSE}" fill-opacity="0.35"><title>Pause ${p.durationSec.toFixed(1)} s at ${formatClock(p.startSec)}</title></rect>`,
    )
    .join('');
  const fillerTicks = fillers
    .map(
      (f) =>
        `<line class="filler-mark" x1="${n(x(f.startSec))}" y1="${track - 10}" x2="${n(x(f.startSec))}" y2="${track + 10}" ` +
        `stroke="${FILLER}" stroke-width="2.5"><title>“${esc(f.text.trim())}” at ${formatClock(f.startSec)}</title></line>`,
    )
    .join('');
  const legend =
    `<text x="${PAD.left}" y="8" fill="${INK}">` +
    `<tspan fill="${FILLER}">▮</tspan> ${fillers.length} filler${fillers.length === 1 ? '' : 's'}   ` +
    `<tspan fill="${PAUSE}">▮</tspan> ${pauses.length} long pause${pauses.length === 1 ? '' : 's'}</text>`;
  const label = `Time line: ${fillers.length} fillers and ${pauses.length} long pauses over ${formatClock(end)}.`;
  return svg(
    height,
    label,
    legend +
      `<line x1="${PAD.left}" y1="${track}" x2="${WIDTH - PAD.right}" y2="${track}" stroke="${LINE}" stroke-width="6"/>` +
      pauseBars +
      fillerTicks +
      timeAxis(end, x, height - PAD.bottom),
  );
}

/** One row per part of the score: its bar, its value, its weight and the reason in words. */
export function scoreBreakdownHtml(score: AnswerScore): string {
  const rows = score.breakdown
    .map(
      (part) =>
        `<tr><th scope="row">${esc(part.label)}</th>` +
        `<td class="bar"><span class="bar-track"><span class="bar-fill" style="width:${Math.round(part.score)}%"></span></span></td>` +
        `<td class="num">${Math.round(part.score)}</td>` +
        `<td class="num">${Math.round(part.weight * 100)}%</td>` +
        `<td>${esc(part.detail)}</td></tr>`,
    )
    .join('');
  return (
    `<table class="breakdown"><caption>Score ${Math.round(score.total)} of 100, part by part</caption>` +
    `<thead><tr><th scope="col">Part</th><th scope="col"></th><th scope="col">Score</th>` +
    `<th scope="col">Weight</th><th scope="col">Why</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}
