// Export (Markdown, JSON, PDF) and the portable bundle, end to end on real SQLite files and the CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/coach';
import { dataPaths } from '../../../src/core/dataPaths';
import { exportSessionToFile, loadSessionExport } from '../../../src/core/export/exportSession';
import { sessionToHtml } from '../../../src/core/export/htmlReport';
import { sessionToMarkdown } from '../../../src/core/export/markdownReport';
import { renderPdf } from '../../../src/core/export/pdfRender';
import { BundleError, importSessionBundle } from '../../../src/core/export/sessionBundle';
import { readTar } from '../../../src/core/export/tarArchive';
import { openDatabase } from '../../../src/core/storage/database';
import { NoteRepository } from '../../../src/core/storage/noteRepository';
import { ReviewRepository } from '../../../src/core/storage/reviewRepository';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir } from '../../helpers/fixtures';
import { saveSession } from '../../helpers/savedSession';

function machine() {
  const paths = dataPaths(tempDir());
  const db = openDatabase(paths.dbPath);
  return { paths, db, sessions: new SessionRepository(db), notes: new NoteRepository(db) };
}

function seeded() {
  const m = machine();
  const { sessionId, answerIds } = saveSession(m.sessions, {
    startedAt: '2026-03-01T10:00:00.000Z',
    title: 'Mock <interview> #1',
    audioDir: m.paths.audioDir,
    answers: [
      { text: 'So um I led the billing rewrite.', score: 72 },
      { text: 'I would ask the customer first.' },
    ],
  });
  for (const id of answerIds) {
    const file = path.join(m.paths.audioDir, sessionId, `${id}.wav`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(2000, id.charCodeAt(0))]));
  }
  m.notes.addNote({
    answerId: answerIds[0]!,
    atSec: 1.2,
    wordStart: 3,
    wordEnd: 4,
    body: 'Lead with *the* result',
  });
  m.notes.setRubricScore(answerIds[0]!, 'clarity', 4);
  return { ...m, sessionId, answerIds };
}

describe('reports', () => {
  it('writes Markdown with numbers, rubric, notes (quoting their words) and the transcript, escaped', () => {
    const m = seeded();
    const md = sessionToMarkdown(loadSessionExport(m, m.sessionId));
    expect(md).toMatch(/^# Mock \\<interview\\> \\#1\n/);
    expect(md).toContain('## 1. Question 1?');
    expect(md).toContain("Coach's rubric: Clarity 4/5");
    expect(md).toContain('- **00:01** “led the”: Lead with \\*the\\* result');
    expect(md).toContain('So um I led the billing rewrite.');
    expect(md).toContain('Score 72');
  });

  it('writes JSON with every word and its timing, and escapes the HTML report', () => {
    const m = seeded();
    const { sessionId, answerIds } = m;
    const data = loadSessionExport(m, sessionId);
    expect(data.answers[0]).toMatchObject({ answerId: answerIds[0], rubric: { clarity: 4 } });
    expect(data.answers[0]!.words[1]).toEqual({ text: 'um', startSec: 0.4, endSec: expect.closeTo(0.72) });
    const html = sessionToHtml(data);
    expect(html).toContain('Mock &#60;interview&#62; #1');
    expect(html).not.toContain('<interview>');
    expect(html).toContain('<mark class="filler">um</mark>');
  });
});

describe('portable bundle', () => {
  it('round-trips a session with its recordings, notes and rubric, once', async () => {
    const a = seeded();
    const file = path.join(tempDir(), 'session.coach');
    await exportSessionToFile(a, a.paths, a.sessionId, file);
    expect(readTar(readFileSync(file)).map((e) => e.path)).toEqual([
      'manifest.json',
      'session.json',
      `audio/${a.answerIds[0]}.wav`,
      `audio/${a.answerIds[1]}.wav`,
    ]);

    // A plain ustar archive: the system's tar lists it too.
    const listed = spawnSync('tar', ['-tf', file], { encoding: 'utf8' });
    if (!listed.error) expect(listed.stdout.trim().split('\n')[0]).toBe('manifest.json');

    const b = machine();
    expect(importSessionBundle(b, b.paths, file)).toEqual({
      status: 'imported',
      sessionId: a.sessionId,
      answers: 2,
    });
    expect(importSessionBundle(b, b.paths, file)).toMatchObject({ status: 'already-imported' });
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 2 });
    const copy = path.join(b.paths.audioDir, a.sessionId, `${a.answerIds[0]}.wav`);
    expect(readFileSync(copy)).toEqual(
      readFileSync(path.join(a.paths.audioDir, a.sessionId, `${a.answerIds[0]}.wav`)),
    );
    expect(b.notes.sessionReview(a.sessionId)).toMatchObject({
      notes: [{ body: 'Lead with *the* result', wordStart: 3, wordEnd: 4 }],
      rubric: { [a.answerIds[0]!]: { clarity: 4 } },
    });
    expect(new ReviewRepository(b.db).search({ text: 'billing' })).toHaveLength(1);
    expect(new ReviewRepository(b.db).listHistory().sessions[0]).toMatchObject({
      title: 'Mock <interview> #1',
      score: 72,
    });
  });

  it('refuses damaged and foreign files with a clear reason, and leaves nothing behind', async () => {
    const a = seeded();
    const file = path.join(tempDir(), 'session.coach');
    await exportSessionToFile(a, a.paths, a.sessionId, file);
    const bytes = readFileSync(file);
    const b = machine();
    const attempt = (data: Buffer | string) => {
      const f = path.join(tempDir(), 'x.coach');
      writeFileSync(f, data);
      return () => importSessionBundle(b, b.paths, f);
    };
    const flipped = Buffer.from(bytes);
    const at = bytes.length - 2000; // inside the last recording
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0xff, at);
    expect(attempt(flipped)).toThrow(/x\.coach is damaged: "audio\/.*\.wav" does not match its checksum/);
    expect(attempt(bytes.subarray(0, 3000))).toThrow(BundleError);
    expect(attempt('{"hello": "a JSON file"}')).toThrow(/not an Interview Coach session bundle/);
    expect(attempt(Buffer.from('PK\x03\x04 a zip'))).toThrow(/not an Interview Coach session bundle/);
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    expect(existsSync(path.join(b.paths.audioDir, a.sessionId))).toBe(false);
  });
});

describe('coach export / coach import', () => {
  const saved = process.env.COACH_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.COACH_DATA_DIR;
    else process.env.COACH_DATA_DIR = saved;
  });

  it('exports by extension and imports on another data folder', async () => {
    const a = seeded();
    const out = tempDir();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    process.env.COACH_DATA_DIR = a.paths.dataDir;
    for (const ext of ['md', 'json', 'coach']) {
      expect(await main(['export', a.sessionId, path.join(out, `s.${ext}`)], io)).toBe(0);
    }
    expect(readFileSync(path.join(out, 's.md'), 'utf8')).toContain('# Mock');
    expect(JSON.parse(readFileSync(path.join(out, 's.json'), 'utf8')).format).toBe('interview-coach.session');
    expect(await main(['export', a.sessionId, path.join(out, 's.txt')], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/Name the file \.md, \.json, \.pdf or \.coach/);

    const b = machine();
    b.db.close();
    process.env.COACH_DATA_DIR = b.paths.dataDir;
    expect(await main(['import', path.join(out, 's.coach')], io)).toBe(0);
    expect(lines.at(-1)).toBe(`Imported session ${a.sessionId} (2 answers).`);
    expect(await main(['import', path.join(out, 's.coach')], io)).toBe(0);
    expect(lines.at(-1)).toBe(`Session ${a.sessionId} is already here; nothing imported.`);
    expect(await main(['import', path.join(out, 's.md')], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/^coach: s\.md is not an Interview Coach session bundle/);
  });

  it('renders the PDF report with headless Chromium', async () => {
    const a = seeded();
    const file = path.join(tempDir(), 'report.pdf');
    await exportSessionToFile(a, a.paths, a.sessionId, file, renderPdf);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
  });
});
