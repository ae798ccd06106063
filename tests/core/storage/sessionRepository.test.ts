import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../../src/core/storage/database';
import { MIGRATIONS } from '../../../src/core/storage/migrations';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { transcriptOnlyReport } from '../../../src/core/coaching/answerReport';
import type { Word } from '../../../src/shared/domain';
import { tempDir } from '../../helpers/fixtures';

const words: Word[] = [
  { text: 'So,', startSec: 0.2, endSec: 0.4 },
  { text: 'um', startSec: 0.6, endSec: 0.8 },
  { text: 'I', startSec: 1, endSec: 1.1 },
  { text: 'led', startSec: 1.2, endSec: 1.5 },
  { text: 'it.', startSec: 4, endSec: 4.3 },
];

function repo() {
  const dbPath = path.join(tempDir(), 'coach.db');
  const db = openDatabase(dbPath);
  return { db, dbPath, repo: new SessionRepository(db) };
}

describe('database', () => {
  it('uses WAL, foreign keys and a busy timeout, and records the schema version', () => {
    const { db } = repo();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('is idempotent when reopened and refuses a database from a newer version', () => {
    const { db, dbPath } = repo();
    db.close();
    const again = openDatabase(dbPath);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    expect(() => migrate(again)).toThrow(/newer Interview Coach/);
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE sessions (id TEXT)'); // collides with 001's CREATE TABLE
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'answers'").get()).toBeUndefined();
  });
});

describe('SessionRepository', () => {
  it('stores an answer with its words and metrics and lists the session with aggregates', () => {
    const { repo: r } = repo();
    r.createSession({ id: 's1', startedAt: '2026-11-21T10:00:00.000Z', title: 'Tell me about yourself.' });
    r.createAnswer({
      id: 'a1',
      sessionId: 's1',
      questionId: 'q',
      questionText: 'Tell me about yourself.',
      startedAt: 'x',
      audioPath: '/a1.wav',
    });
    const metrics = transcriptOnlyReport(words, 5);
    r.completeAnswer('a1', { durationSec: 5, words, text: 'So, um I led it.', report: metrics });
    const [summary] = r.listSessions();
    expect(summary).toMatchObject({
      id: 's1',
      answerCount: 1,
      durationSec: 5,
      fillerCount: metrics.fillerCount,
    });
    expect(summary!.wordsPerMinute).toBeCloseTo(metrics.pace.wordsPerMinute);
    const detail = r.getSession('s1')!;
    expect(detail.answers[0]!.words).toEqual(words);
    expect(detail.answers[0]!.report).toEqual(metrics);
  });

  it('numbers answers within a session and lists newest sessions first', () => {
    const { db, repo: r } = repo();
    r.createSession({ id: 'old', startedAt: '2026-01-01T00:00:00Z', title: 'old' });
    r.createSession({ id: 'new', startedAt: '2026-06-01T00:00:00Z', title: 'new' });
    for (const id of ['a', 'b']) {
      r.createAnswer({
        id,
        sessionId: 'new',
        questionId: 'q',
        questionText: 'Q',
        startedAt: 'x',
        audioPath: `/${id}.wav`,
      });
    }
    expect(db.prepare('SELECT position FROM answers ORDER BY position').pluck().all()).toEqual([1, 2]);
    expect(r.listSessions().map((s) => s.id)).toEqual(['new', 'old']);
  });

  it('deletes a cancelled answer and its then-empty session, and cascades session deletes', () => {
    const { db, repo: r } = repo();
    r.createSession({ id: 's', startedAt: 'x', title: 't' });
    r.createAnswer({
      id: 'a',
      sessionId: 's',
      questionId: 'q',
      questionText: 'Q',
      startedAt: 'x',
      audioPath: '/a.wav',
    });
    r.deleteSessionIfEmpty('s');
    expect(r.sessionExists('s')).toBe(true);
    r.deleteAnswer('a');
    r.deleteSessionIfEmpty('s');
    expect(r.sessionExists('s')).toBe(false);
    expect(() =>
      r.createAnswer({
        id: 'b',
        sessionId: 'missing',
        questionId: 'q',
        questionText: 'Q',
        startedAt: 'x',
        audioPath: '/b.wav',
      }),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
