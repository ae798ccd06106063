// A session as Markdown: a summary, then each answer's numbers, suggestions, coach notes and transcript.
import type { SessionExport } from './sessionExport';
import { clock, day, rubricLine, scoreText } from './reportText';

/** Characters Markdown would read as formatting inside running text. */
function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function sessionToMarkdown(data: SessionExport): string {
  const s = data.session;
  const lines: string[] = [
    `# ${escapeMd(s.title)}`,
    '',
    `${day(s.startedAt)} · ${s.answerCount} answer${s.answerCount === 1 ? '' : 's'} · ${clock(s.durationSec)} · ` +
      `${Math.round(s.wordsPerMinute)} words/min · ${s.fillerCount} fillers · score ${scoreText(s.score)}`,
    '',
  ];
  for (const a of data.answers) {
    lines.push(`## ${a.position}. ${escapeMd(a.questionText)}`, '');
    lines.push(
      `Score ${scoreText(a.score)} · ${clock(a.durationSec)} · ${Math.round(a.report.pace.wordsPerMinute)} words/min · ` +
        `${a.report.fillerCount} fillers · ${a.report.longPauses.length} long pauses`,
      '',
    );
    const rubric = rubricLine(a.rubric);
    if (rubric) lines.push(`Coach's rubric: ${rubric}`, '');
    if (a.report.coaching?.suggestions.length) {
      lines.push(
        '### Suggestions',
        '',
        ...a.report.coaching.suggestions.map((x) => `- ${escapeMd(x.text)}`),
        '',
      );
    }
    if (a.notes.length) {
      lines.push('### Coach notes', '');
      for (const n of a.notes) {
        const quoted =
          n.wordStart !== null
            ? ` “${escapeMd(
                a.words
                  .slice(n.wordStart, (n.wordEnd ?? n.wordStart) + 1)
                  .map((w) => w.text.trim())
                  .join(' '),
              )}”`
            : '';
        lines.push(`- **${clock(n.atSec)}**${quoted}: ${escapeMd(n.body)}`);
      }
      lines.push('');
    }
    const missing = a.notTranscribed
      ? `_Not transcribed: ${escapeMd(a.notTranscribed)}_`
      : '_No speech was detected._';
    lines.push('### Transcript', '', escapeMd(a.text.trim()) || missing, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
