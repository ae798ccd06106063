// A session as a self-contained, printable HTML page: the PDF report's source, rendered by Electron's
// printToPDF in the app and by headless Chromium in `coach export … .pdf`. No scripts, no external files.
import type { ExportedAnswer, SessionExport } from './sessionExport';
import { fillerPauseTimelineSvg, paceChartSvg, scoreBreakdownHtml } from './reportCharts';
import { clock, day, escapeHtml, plural, rubricLine, scoreText } from './reportText';

export { escapeHtml };

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font: 11pt/1.5 system-ui, 'DejaVu Sans', sans-serif; color: #1d2125; margin: 0; }
  h1 { font-size: 20pt; margin: 0 0 4pt; }
  h2 { font-size: 13pt; margin: 18pt 0 4pt; break-after: avoid; }
  h3 { font-size: 10pt; text-transform: uppercase; letter-spacing: .05em; color: #676d75; margin: 10pt 0 4pt; }
  .meta { color: #474d55; margin: 0 0 8pt; }
  .answer { break-inside: auto; border-top: 1px solid #e2e0d9; padding-top: 4pt; }
  .transcript { line-height: 1.7; }
  mark.filler { background: #fbe3a6; color: #5c3c00; border-radius: 2pt; padding: 0 1pt; }
  mark.hedge { background: none; text-decoration: underline dotted #676d75; }
  .pause { color: #676d75; font-size: 9pt; }
  .note { border-left: 3pt solid #7a5000; background: #fcf2d9; padding: 3pt 6pt; margin: 3pt 0; }
  .note b { color: #7a5000; }
  ul { margin: 0; padding-left: 16pt; }
  .charts { break-inside: avoid; }
  svg.chart { display: block; width: 100%; height: auto; margin: 2pt 0 6pt; }
  table.breakdown { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: avoid; }
  table.breakdown caption { text-align: left; font-weight: 600; margin-bottom: 2pt; }
  table.breakdown th, table.breakdown td { text-align: left; padding: 2pt 6pt 2pt 0; vertical-align: top; }
  table.breakdown thead th { color: #676d75; font-weight: 600; font-size: 8.5pt; }
  table.breakdown .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.bar { width: 70pt; }
  .bar-track { display: block; height: 6pt; margin-top: 4pt; background: #eeece6; border-radius: 3pt; }
  .bar-fill { display: block; height: 100%; background: #2b6a63; border-radius: 3pt; }
`;

function transcriptHtml(a: ExportedAnswer): string {
  const fillerAt = new Map(a.report.fillers.map((f) => [f.wordIndex, f]));
  const hedgeAt = new Map((a.report.coaching?.language.hedges ?? []).map((h) => [h.wordIndex, h]));
  const pauseBefore = new Map<number, number>();
  for (const p of a.report.longPauses) {
    const i = a.words.findIndex((w) => w.startSec >= p.endSec - 0.05);
    if (i >= 0) pauseBefore.set(i, p.durationSec);
  }
  const out: string[] = [];
  for (let i = 0; i < a.words.length;) {
    const pause = pauseBefore.get(i);
    if (pause !== undefined) out.push(`<span class="pause">[pause ${pause.toFixed(1)} s]</span>`);
    const mark = fillerAt.get(i) ?? hedgeAt.get(i);
    if (mark) {
      const span = Math.max(1, mark.text.trim().split(/\s+/).length);
      const text = a.words
        .slice(i, i + span)
        .map((w) => w.text.trim())
        .join(' ');
      out.push(`<mark class="${fillerAt.has(i) ? 'filler' : 'hedge'}">${escapeHtml(text)}</mark>`);
      i += span;
    } else {
      out.push(escapeHtml(a.words[i]!.text.trim()));
      i += 1;
    }
  }
  const missing = a.notTranscribed
    ? `<em>Not transcribed: ${escapeHtml(a.notTranscribed)}</em>`
    : '<em>No speech was detected.</em>';
  return out.join(' ') || escapeHtml(a.text.trim()) || missing;
}

/** Pace over the answer, and its fillers and long pauses on the time line; nothing for an untranscribed take. */
function chartsHtml(a: ExportedAnswer): string {
  if (a.notTranscribed || a.words.length === 0) return '';
  const pace = a.report.coaching ? paceChartSvg(a.report.pace.timeline, a.durationSec) : null;
  return `<div class="charts">${pace ? `<h3>Pace over time (words a minute)</h3>${pace}` : ''}
  <h3>Fillers and pauses</h3>${fillerPauseTimelineSvg(a.durationSec, a.report.fillers, a.report.longPauses)}</div>`;
}

function answerHtml(a: ExportedAnswer): string {
  const rubric = rubricLine(a.rubric);
  const suggestions = a.report.coaching?.suggestions ?? [];
  return `<section class="answer">
  <h2>${a.position}. ${escapeHtml(a.questionText)}</h2>
  <p class="meta">Score ${scoreText(a.score)} · ${clock(a.durationSec)} · ${Math.round(a.report.pace.wordsPerMinute)} words/min · ${plural(a.report.fillerCount, 'filler')} · ${plural(a.report.longPauses.length, 'long pause')}${rubric ? ` · Coach: ${escapeHtml(rubric)}` : ''}</p>
  ${a.report.coaching ? `<h3>Score breakdown</h3>${scoreBreakdownHtml(a.report.coaching.score)}` : ''}
  ${chartsHtml(a)}
  ${suggestions.length ? `<h3>Suggestions</h3><ul>${suggestions.map((s) => `<li>${escapeHtml(s.text)}</li>`).join('')}</ul>` : ''}
  ${a.notes.length ? `<h3>Coach notes</h3>${a.notes.map((n) => `<div class="note"><b>${clock(n.atSec)}</b> ${escapeHtml(n.body)}</div>`).join('')}` : ''}
  <h3>Transcript</h3>
  <p class="transcript">${transcriptHtml(a)}</p>
</section>`;
}

export function sessionToHtml(data: SessionExport): string {
  const s = data.session;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(s.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(s.title)}</h1>
<p class="meta">${day(s.startedAt)} · ${s.answerCount} answer${s.answerCount === 1 ? '' : 's'} · ${clock(s.durationSec)} · ${Math.round(s.wordsPerMinute)} words/min · ${plural(s.fillerCount, 'filler')} · score ${scoreText(s.score)}</p>
${s.sessionScore && s.sessionScore.answerCount > 1 ? `<h2>Session score</h2>${scoreBreakdownHtml(s.sessionScore)}` : ''}
${data.answers.map(answerHtml).join('\n')}
</body></html>
`;
}
