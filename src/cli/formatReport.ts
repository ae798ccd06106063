// Plain-text rendering of an answer's analysis for the terminal.
import type { AnswerReport, SessionSummary, Word } from '../shared/domain';
import { formatAnalysis, markedAnalysisTranscript } from './formatAnalysis';

const fmtSec = (s: number): string => {
  const m = Math.floor(s / 60);
  const sec = Math.floor(s % 60);
  return `${m}:${String(sec).padStart(2, '0')}`;
};

/** The transcript with fillers in [brackets] and long pauses as (pause 2.4 s). */
export function markedTranscript(
  words: Word[],
  metrics: Pick<AnswerReport, 'fillers' | 'longPauses'>,
): string {
  const fillerStarts = new Map(metrics.fillers.map((f) => [f.wordIndex, f]));
  const pausesAfter = new Map(metrics.longPauses.map((p) => [p.startSec, p]));
  const parts: string[] = [];
  let skipUntil = -1;
  words.forEach((w, i) => {
    const filler = fillerStarts.get(i);
    if (filler) {
      parts.push(`[${filler.text}]`);
      skipUntil = words.findIndex((x, j) => j >= i && x.endSec >= filler.endSec);
    } else if (i > skipUntil) parts.push(w.text);
    const pause = pausesAfter.get(w.endSec);
    if (pause) parts.push(`(pause ${pause.durationSec.toFixed(1)} s)`);
  });
  return parts.join(' ');
}

export function formatAnswerReport(r: {
  title: string;
  words: Word[];
  report: AnswerReport;
  savedAs?: string | undefined;
}): string {
  const m = r.report;
  const coaching = m.coaching;
  const lines = [
    r.title,
    '',
    `Duration        ${fmtSec(m.durationSec)}`,
    `Words           ${m.wordCount}`,
    `Pace            ${Math.round(m.pace.wordsPerMinute)} words/min`,
    `Fillers         ${m.fillerCount} (${m.transcriptFillersPerMinute.toFixed(1)}/min)`,
    `Long pauses     ${m.longPauses.length}${m.longPauses.length ? ` (longest ${m.pace.longestPauseSec.toFixed(1)} s)` : ''}`,
  ];
  if (m.fillers.length) {
    lines.push('', 'Fillers:');
    for (const f of m.fillers) lines.push(`  ${fmtSec(f.startSec)}  ${f.text}`);
  }
  if (coaching) lines.push(...formatAnalysis(m.pace, coaching));
  const marked = coaching ? markedAnalysisTranscript(r.words, m, coaching) : markedTranscript(r.words, m);
  const legend = coaching ? ' [filler] {hedge} (pause) ⟨likely um⟩' : '';
  lines.push('', `Transcript:${legend}`, wrap(marked || '(no speech recognised)', 88));
  if (r.savedAs) lines.push('', `Saved as session ${r.savedAs}`);
  return lines.join('\n');
}

export function formatSessionList(sessions: SessionSummary[]): string {
  if (sessions.length === 0)
    return 'No saved sessions yet. Record one in the app or run `coach analyze <file>`.';
  const rows = sessions.map((s) =>
    [
      s.id,
      s.startedAt.replace('T', ' ').slice(0, 16),
      String(s.answerCount),
      fmtSec(s.durationSec),
      String(Math.round(s.wordsPerMinute)),
      String(s.fillerCount),
      s.title,
    ].join('  '),
  );
  return [
    'id                                    started           answers  length  wpm  fillers  title',
    ...rows,
  ].join('\n');
}

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.map((l) => `  ${l}`).join('\n');
}
