// Migration 002: analyses and scores stored per answer, custom questions, and session scores.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeAnswerReport } from '../../../src/core/coaching/answerReport';
import type { Word } from '../../../src/shared/domain';
import { QuestionCatalog } from '../../../src/core/questions/questionCatalog';
import { CustomQuestionRepository } from '../../../src/core/storage/customQuestionRepository';
import { migrate, openDatabase } from '../../../src/core/storage/database';
import { MIGRATIONS } from '../../../src/core/storage/migrations';
import init from '../../../src/core/storage/migrations/001_init';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir } from '../../helpers/fixtures';

const words: Word[] =
  'At my last job I was responsible for billing. I decided to rewrite it. As a result we saved money.'
    .split(' ')
    .map((text, i) => ({ text, startSec: i * 0.4, endSec: i * 0.4 + 0.3 }));

describe('coaching storage', () => {
  it('upgrades a database made by the first version without losing its answers', () => {
    const file = path.join(tempDir(), 'coach.db');
    const old = new Database(file);
    old.exec(init);
    old.pragma('user_version = 1');
    old.exec(`INSERT INTO sessions VALUES ('s', '2026-01-01T00:00:00Z', 'Old');
      INSERT INTO answers (id, session_id, position, question_id, question_text, started_at, status, audio_path, metrics_json)
      VALUES ('a', 's', 1, 'q', 'Q?', 'x', 'complete', '/a.wav', '{}');`);
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const repo = new SessionRepository(db);
    expect(repo.getAnswer('a')).toMatchObject({ answerId: 'a' });
    expect(repo.getAnswer('a')!.report.coaching).toBeNull();
    expect(repo.listSessions()[0]!.score).toBeNull();
  });

  it('stores the analysis and score with the answer, and averages scores per session', () => {
    const db = openDatabase(path.join(tempDir(), 'coach.db'));
    const repo = new SessionRepository(db);
    repo.createSession({ id: 's', startedAt: '2026-01-01T00:00:00Z', title: 'T' });
    const analyses = [80, 60].map((_, i) => {
      const id = `a${i}`;
      repo.createAnswer({
        id,
        sessionId: 's',
        questionId: 'q',
        questionText: 'Q',
        startedAt: 'x',
        audioPath: `/${id}.wav`,
      });
      const report = computeAnswerReport({
        words: words.slice(0, 12 + i * 8),
        durationSec: 10,
        question: { kind: 'behavioural' },
      });
      repo.completeAnswer(id, { durationSec: 10, words, text: 't', report });
      return report.coaching!;
    });
    expect(repo.getAnswer('a0')!.report.coaching).toEqual(analyses[0]);
    const [summary] = repo.listSessions();
    expect(summary!.score).toBeCloseTo((analyses[0]!.score.total + analyses[1]!.score.total) / 2);
    expect(summary!.fillersPerMinute).toBe(0);
  });

  it('keeps custom questions in SQLite', () => {
    const file = path.join(tempDir(), 'coach.db');
    const db = openDatabase(file);
    const catalog = new QuestionCatalog([], new CustomQuestionRepository(db));
    const q = catalog.addCustom({
      text: 'Tell me about a time you mentored someone.',
      kind: 'behavioural',
      roles: ['management'],
      covers: 'Who, how, and what changed for them.',
      target: { minSec: 45, maxSec: 90 },
    });
    db.close();
    const again = new QuestionCatalog([], new CustomQuestionRepository(openDatabase(file)));
    expect(again.list()).toEqual([q]);
    again.deleteCustom(q.id);
    expect(again.list()).toEqual([]);
  });

  it('rolls the migration back as a whole if it fails', () => {
    const db = new Database(':memory:');
    db.exec(init);
    db.pragma('user_version = 1');
    db.exec('CREATE TABLE custom_questions (id TEXT)');
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('answers') WHERE name = 'analysis_json'").get(),
    ).toEqual({ n: 0 });
  });
});
