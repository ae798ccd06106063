// Migration 003: the history list (sort, filters, paging) and FTS5 search over transcripts and notes,
// against a real SQLite file.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/storage/database';
import init from '../../../src/core/storage/migrations/001_init';
import coachingAnalysis from '../../../src/core/storage/migrations/002_coaching_analysis';
import { NoteRepository } from '../../../src/core/storage/noteRepository';
import { answerRoles } from '../../../src/core/questions/practiceSet';
import { ReviewRepository } from '../../../src/core/storage/reviewRepository';
import type { Question, RoleFamily } from '../../../src/shared/domain';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir } from '../../helpers/fixtures';
import { saveSession } from '../../helpers/savedSession';

function setup() {
  const db = openDatabase(path.join(tempDir(), 'coach.db'));
  return {
    db,
    sessions: new SessionRepository(db),
    review: new ReviewRepository(db),
    notes: new NoteRepository(db),
  };
}

describe('history list', () => {
  function seeded() {
    const s = setup();
    const a = saveSession(s.sessions, {
      startedAt: '2026-03-01T10:00:00.000Z',
      title: 'March',
      answers: [{ text: 'I led the billing rewrite.', kind: 'behavioural', roles: ['general'], score: 80 }],
    });
    const b = saveSession(s.sessions, {
      startedAt: '2026-04-01T10:00:00.000Z',
      title: 'April',
      answers: [
        {
          text: 'I would ask the customer first.',
          kind: 'situational',
          roles: ['customer-support'],
          score: 60,
        },
        {
          text: 'Data pipelines are my thing and I love them a lot.',
          kind: 'motivational',
          roles: ['data'],
          score: 40,
        },
      ],
    });
    const c = saveSession(s.sessions, {
      startedAt: '2026-05-01T10:00:00.000Z',
      title: 'May, no score',
      answers: [{ text: 'Short.' }],
    });
    return { ...s, a, b, c };
  }

  it('pages newest first by default and reports the total', () => {
    const { review, a, b, c } = seeded();
    const first = review.listHistory({ limit: 2 });
    expect(first.total).toBe(3);
    expect(first.sessions.map((s) => s.id)).toEqual([c.sessionId, b.sessionId]);
    const second = review.listHistory({ limit: 2, offset: 2 });
    expect(second.sessions.map((s) => s.id)).toEqual([a.sessionId]);
    expect(second.offset).toBe(2);
    expect(first.sessions[1]).toMatchObject({ answerCount: 2, score: 50 });
  });

  it('sorts by score and duration either way, unscored sessions last', () => {
    const { review, a, b, c } = seeded();
    expect(review.listHistory({ sort: 'score' }).sessions.map((s) => s.id)).toEqual([
      a.sessionId,
      b.sessionId,
      c.sessionId,
    ]);
    expect(review.listHistory({ sort: 'score', direction: 'asc' }).sessions.map((s) => s.id)).toEqual([
      b.sessionId,
      a.sessionId,
      c.sessionId,
    ]);
    expect(review.listHistory({ sort: 'duration' }).sessions[0]!.id).toBe(b.sessionId);
  });

  it('filters by date range, question kind, role and score', () => {
    const { review, a, b } = seeded();
    const ids = (q: Parameters<ReviewRepository['listHistory']>[0]) =>
      review.listHistory(q).sessions.map((s) => s.id);
    expect(ids({ from: '2026-03-15T00:00:00Z', to: '2026-04-15T00:00:00Z' })).toEqual([b.sessionId]);
    expect(ids({ kind: 'behavioural' })).toEqual([a.sessionId]);
    expect(ids({ kind: 'motivational' })).toEqual([b.sessionId]);
    expect(ids({ role: 'data' })).toEqual([b.sessionId]);
    expect(ids({ role: 'sales' })).toEqual([]);
    expect(ids({ minScore: 55 })).toEqual([a.sessionId]);
    expect(ids({ maxScore: 55 })).toEqual([b.sessionId]);
    expect(review.listHistory({ minScore: 55 }).total).toBe(1);
  });

  it('finds a set practised for a role by that role, even when all its questions were general ones', () => {
    const { sessions, review } = setup();
    const general: Question = { id: 'g', text: 'Why this job?', kind: 'motivational', roles: ['general'] };
    saveSession(sessions, {
      startedAt: '2026-06-01T10:00:00.000Z',
      title: 'Software engineering set',
      answers: [
        { text: 'I changed my mind about testing.', roles: answerRoles(general, 'software-engineering')! },
      ],
    });
    saveSession(sessions, {
      startedAt: '2026-06-02T10:00:00.000Z',
      title: 'General, outside a set',
      answers: [{ text: 'I like the team.', roles: answerRoles(general)! }],
    });
    const titles = (role: RoleFamily) => review.listHistory({ role }).sessions.map((s) => s.title);
    expect(titles('software-engineering')).toEqual(['Software engineering set']);
    expect(titles('sales')).toEqual([]);
  });

  it('refuses a malformed query instead of building SQL from it', () => {
    const { review } = seeded();
    expect(() => review.listHistory({ sort: 'title; DROP TABLE sessions' as 'date' })).toThrow();
    expect(() => review.listHistory({ limit: 10_000 })).toThrow();
  });
});

describe('trends', () => {
  it('charts transcribed takes with words, counting failed and silent ones apart, oldest first', () => {
    const { sessions, review } = setup();
    const later = saveSession(sessions, {
      startedAt: '2026-03-02T10:00:00.000Z',
      answers: [{ text: 'So um I led the billing rewrite and it went well.', score: 70 }],
    });
    const earlier = saveSession(sessions, {
      startedAt: '2026-03-01T10:00:00.000Z',
      answers: [{ text: 'I would ask the customer first.', score: 50 }, { text: '' }],
    });
    const failed = saveSession(sessions, { startedAt: '2026-03-03T10:00:00.000Z', answers: [{ text: 'x' }] });
    sessions.saveUntranscribed(failed.answerIds[0]!, {
      durationSec: 12,
      reason: 'engine crashed',
      liveWords: [],
    });
    const data = review.trends();
    expect(data.leftOut).toEqual({ notTranscribed: 1, noSpeech: 1 });
    expect(data.takes.map((t) => t.sessionId)).toEqual([earlier.sessionId, later.sessionId]);
    expect(data.takes[1]).toMatchObject({ score: 70, questionText: 'Question 1?' });
    expect(data.takes[1]!.fillersPerMinute).toBeGreaterThan(0);
    expect(data.takes[1]!.wordsPerMinute).toBeGreaterThan(0);
    expect(data.takes.every((t) => t.longPausesPerMinute >= 0)).toBe(true);
  });
});

describe('full-text search', () => {
  it('finds transcripts and notes, marks the hit in its sentence and says where to jump', () => {
    const { sessions, review, notes } = setup();
    const { answerIds } = saveSession(sessions, {
      startedAt: '2026-03-01T10:00:00.000Z',
      title: 'Billing',
      answers: [{ text: 'We shipped on time. Then I migrated the billing service to Postgres. It worked.' }],
    });
    const hits = review.search({ text: 'billing' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      answerId: answerIds[0],
      source: 'transcript',
      wordIndex: 8,
      sessionTitle: 'Billing',
    });
    expect(hits[0]!.atSec).toBeCloseTo(8 * 0.4);
    expect(hits[0]!.snippet).toEqual([
      { text: '… Then I migrated the ', hit: false },
      { text: 'billing', hit: true },
      { text: ' service to Postgres. …', hit: false },
    ]);

    notes.addNote({
      answerId: answerIds[0]!,
      atSec: 2.5,
      body: 'Great pacing. Explain the billing risk more.',
    });
    const both = review.search({ text: 'BILLING' });
    expect(both.map((h) => h.source)).toEqual(['note', 'transcript']);
    expect(both[0]).toMatchObject({ atSec: 2.5, noteId: expect.any(Number) });
    expect(both[0]!.snippet.find((p) => p.hit)?.text).toBe('billing');
  });

  it('matches the last word as a prefix, needs every word, and treats FTS syntax as text', () => {
    const { sessions, review } = setup();
    saveSession(sessions, {
      startedAt: '2026-03-01T10:00:00Z',
      answers: [{ text: 'I migrated the database.' }],
    });
    expect(review.search({ text: 'migr' })).toHaveLength(1);
    expect(review.search({ text: 'migrated database' })).toHaveLength(1);
    expect(review.search({ text: 'migrated kubernetes' })).toHaveLength(0);
    expect(review.search({ text: '"NEAR( OR * -' })).toHaveLength(0);
    expect(review.search({ text: '   ' })).toEqual([]);
  });

  it('keeps the index in step when answers and notes change or go away', () => {
    const { db, sessions, review, notes } = setup();
    const { sessionId, answerIds } = saveSession(sessions, {
      startedAt: '2026-03-01T10:00:00Z',
      answers: [{ text: 'The kangaroo project.' }],
    });
    const note = notes.addNote({ answerId: answerIds[0]!, atSec: 0, body: 'platypus' });
    expect(review.search({ text: 'platypus' })).toHaveLength(1);
    notes.updateNote(note.id, 'wombat');
    expect(review.search({ text: 'platypus' })).toHaveLength(0);
    expect(review.search({ text: 'wombat' })).toHaveLength(1);
    db.prepare('UPDATE answers SET transcript_text = ? WHERE id = ?').run('The emu project.', answerIds[0]);
    expect(review.search({ text: 'kangaroo' })).toHaveLength(0);
    expect(review.search({ text: 'emu' })).toHaveLength(1);
    // Deleting the session cascades to answers and notes; the triggers drop them from the index.
    db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
    expect(review.search({ text: 'emu' })).toHaveLength(0);
    expect(review.search({ text: 'wombat' })).toHaveLength(0);
    expect(
      db.prepare(`SELECT COUNT(*) AS n FROM transcript_fts WHERE transcript_fts MATCH 'emu'`).get(),
    ).toEqual({
      n: 0,
    });
    db.exec(`INSERT INTO transcript_fts(transcript_fts, rank) VALUES ('integrity-check', 1)`);
  });

  it('indexes the transcripts of a database upgraded from schema 2', () => {
    const file = path.join(tempDir(), 'coach.db');
    const old = new Database(file);
    old.exec(init);
    old.exec(coachingAnalysis);
    old.pragma('user_version = 2');
    old.exec(`INSERT INTO sessions VALUES ('s', '2026-01-01T00:00:00Z', 'Old');
      INSERT INTO answers (id, session_id, position, question_id, question_text, started_at, status, audio_path,
                           transcript_text, metrics_json, analysis_json, score)
      VALUES ('a', 's', 1, 'q', 'Q?', 'x', 'complete', '/a.wav', 'An older answer about giraffes.', '{}',
              '{"questionKind":"situational"}', 70);`);
    old.close();
    const db = openDatabase(file);
    const review = new ReviewRepository(db);
    expect(review.search({ text: 'giraffes' })).toMatchObject([{ answerId: 'a', source: 'transcript' }]);
    expect(review.listHistory({ kind: 'situational' }).total).toBe(1);
  });
});
