// The PDF report's score breakdown and charts, and its times written as the app writes them.
import { describe, expect, it } from 'vitest';
import { loadSessionExport } from '../../../src/core/export/exportSession';
import { escapeHtml, sessionToHtml } from '../../../src/core/export/htmlReport';
import { sessionToMarkdown } from '../../../src/core/export/markdownReport';
import { fillerPauseTimelineSvg, paceChartSvg } from '../../../src/core/export/reportCharts';
import { dataPaths } from '../../../src/core/dataPaths';
import { openDatabase } from '../../../src/core/storage/database';
import { NoteRepository } from '../../../src/core/storage/noteRepository';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir } from '../../helpers/fixtures';
import { saveSession } from '../../helpers/savedSession';

function exported() {
  const paths = dataPaths(tempDir());
  const db = openDatabase(paths.dbPath);
  const m = { sessions: new SessionRepository(db), notes: new NoteRepository(db) };
  const text =
    'So um I think we had a big outage and uh I led the team that fixed it and then we wrote down ' +
    'what went wrong and like I learned to plan for the worst case';
  // 0.6 s a word: 36 words, 21.6 s plus half a second of tail.
  const { sessionId, answerIds } = saveSession(m.sessions, {
    startedAt: '2026-03-01T10:00:00.000Z',
    answers: [{ text, score: 64, stepSec: 0.6 }],
  });
  m.notes.addNote({ answerId: answerIds[0]!, atSec: 11.9, body: 'Breathe' });
  return loadSessionExport(m, sessionId);
}

describe('PDF report content', () => {
  it('holds the score breakdown, the pace chart and the filler and pause time line', () => {
    const data = exported();
    const html = sessionToHtml(data);
    const breakdown = data.answers[0]!.report.coaching!.score.breakdown;
    expect(breakdown.length).toBeGreaterThan(2);
    expect(html).toContain('<table class="breakdown">');
    for (const part of breakdown) expect(html).toContain(`<th scope="row">${escapeHtml(part.label)}</th>`);
    expect(html).toContain('class="pace-line"');
    expect(html).toContain('class="comfortable-band"');
    // Two fillers heard ("um", "uh"), each drawn on the time line.
    expect(html.match(/class="filler-mark"/g)?.length).toBe(data.answers[0]!.report.fillerCount);
  });

  it('writes every time with the app clock: a note at 11.9 s is 00:11, a 21.98 s answer 00:21', () => {
    const data = exported();
    const html = sessionToHtml(data);
    const md = sessionToMarkdown(data);
    expect(data.answers[0]!.durationSec).toBeCloseTo(21.98, 2);
    for (const report of [html, md]) {
      expect(report).toMatch(/(<b>|\*\*)00:11(<\/b>|\*\*)/);
      expect(report).toContain('00:21');
      // The suggestion says the same as the report's own numbers.
      expect(report).toContain('ran 00:21');
      expect(report).not.toMatch(/\b0?0:12\b|\b0?0:22\b/);
    }
  });

  it('fits the pace axis to slow speech instead of a fixed 100 wpm floor', () => {
    const svg = paceChartSvg(
      [
        { atSec: 2, wordsPerMinute: 55 },
        { atSec: 6, wordsPerMinute: 70 },
        { atSec: 10, wordsPerMinute: 62 },
      ],
      12,
    )!;
    const ys = [...svg.matchAll(/points="([^"]+)"/g)][0]![1]!.split(' ').map((p) => Number(p.split(',')[1]));
    // Every point inside the plot (8 … 128 px), none clipped at the bottom edge.
    for (const y of ys) {
      expect(y).toBeGreaterThan(8);
      expect(y).toBeLessThan(128);
    }
    expect(svg).toContain('>50<');
    expect(paceChartSvg([{ atSec: 1, wordsPerMinute: 90 }], 5)).toBeNull();
  });

  it('draws pauses as bars with their length and moment', () => {
    const svg = fillerPauseTimelineSvg(20, [], [{ startSec: 4.7, endSec: 7.2, durationSec: 2.5 }]);
    expect(svg).toContain('Pause 2.5 s at 00:04');
    expect(svg).toContain('1 long pause');
  });
});
