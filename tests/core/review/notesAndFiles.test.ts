// Coach notes and rubric in SQLite; an answer's recording read for review only from the audio folder;
// deleting a session removes its recordings; the data folder's usage.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../../src/core/dataPaths';
import { openDatabase } from '../../../src/core/storage/database';
import { NoteRepository, UnknownNoteError } from '../../../src/core/storage/noteRepository';
import { ReviewRepository } from '../../../src/core/storage/reviewRepository';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import {
  dataUsage,
  deleteAnswerWithAudio,
  deleteSessionWithAudio,
  MissingRecordingError,
  readAnswerAudio,
} from '../../../src/core/storage/sessionFiles';
import { invokeArgSchemas } from '../../../src/shared/ipcSchemas';
import { tempDir } from '../../helpers/fixtures';
import { saveSession } from '../../helpers/savedSession';

function setup() {
  const paths = dataPaths(tempDir());
  const db = openDatabase(paths.dbPath);
  const sessions = new SessionRepository(db);
  const saved = saveSession(sessions, {
    startedAt: '2026-03-01T10:00:00Z',
    audioDir: paths.audioDir,
    answers: [{ text: 'First answer here.' }, { text: 'Second answer here.' }],
  });
  return { paths, db, sessions, notes: new NoteRepository(db, () => '2026-03-02T00:00:00.000Z'), ...saved };
}

describe('coach notes and rubric', () => {
  it('adds, edits, lists per session in answer order, and deletes notes', () => {
    const { notes, sessionId, answerIds } = setup();
    const late = notes.addNote({ answerId: answerIds[0]!, atSec: 3, body: '  Good result. ' });
    const range = notes.addNote({
      answerId: answerIds[0]!,
      atSec: 0.4,
      endSec: 1.2,
      wordStart: 1,
      wordEnd: 2,
      body: 'Clear',
    });
    const other = notes.addNote({ answerId: answerIds[1]!, atSec: 0, body: 'Second' });
    expect(late).toMatchObject({
      body: 'Good result.',
      endSec: null,
      wordStart: null,
      createdAt: '2026-03-02T00:00:00.000Z',
    });
    expect(notes.sessionReview(sessionId).notes.map((n) => n.id)).toEqual([range.id, late.id, other.id]);
    expect(notes.updateNote(late.id, 'Great result.').body).toBe('Great result.');
    notes.deleteNote(range.id);
    expect(notes.sessionReview(sessionId).notes.map((n) => n.body)).toEqual(['Great result.', 'Second']);
    expect(() => notes.updateNote(999, 'x')).toThrow(UnknownNoteError);
    expect(() => notes.addNote({ answerId: 'nope', atSec: 0, body: 'x' })).toThrow(/No saved answer/);
  });

  it('stores one 1–5 score per criterion, replaces and clears it, and refuses out-of-range scores', () => {
    const { db, notes, sessionId, answerIds } = setup();
    notes.setRubricScore(answerIds[0]!, 'clarity', 4);
    expect(notes.setRubricScore(answerIds[0]!, 'clarity', 2)).toEqual({ clarity: 2 });
    expect(notes.setRubricScore(answerIds[0]!, 'structure', 5)).toEqual({ clarity: 2, structure: 5 });
    expect(notes.setRubricScore(answerIds[0]!, 'clarity', null)).toEqual({ structure: 5 });
    expect(notes.sessionReview(sessionId).rubric).toEqual({ [answerIds[0]!]: { structure: 5 } });
    expect(() =>
      db.prepare(`INSERT INTO rubric_scores VALUES (?, 'clarity', 6, 'x')`).run(answerIds[1]),
    ).toThrow(/CHECK/);
  });

  it('validates note payloads at the edge', () => {
    const ok = { answerId: '22222222-2222-4222-8222-222222222222', atSec: 1, body: 'x' };
    expect(invokeArgSchemas['notes:add'].safeParse([ok]).success).toBe(true);
    expect(invokeArgSchemas['notes:add'].safeParse([{ ...ok, body: '   ' }]).success).toBe(false);
    expect(invokeArgSchemas['notes:add'].safeParse([{ ...ok, atSec: 2, endSec: 1 }]).success).toBe(false);
    expect(
      invokeArgSchemas['rubric:set'].safeParse([{ answerId: ok.answerId, criterion: 'clarity', score: 6 }])
        .success,
    ).toBe(false);
    expect(invokeArgSchemas['history:list'].safeParse([{ sort: 'title' }]).success).toBe(false);
    expect(invokeArgSchemas['answer:audio'].safeParse(['../../etc/passwd']).success).toBe(false);
  });
});

describe('session files', () => {
  it('reads a recording inside the audio folder as bytes, and nothing outside it', async () => {
    const { db, sessions, paths, sessionId, answerIds } = setup();
    const file = path.join(paths.audioDir, sessionId, `${answerIds[0]}.wav`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from('RIFF....WAVE'));
    const bytes = await readAnswerAudio(sessions, paths, answerIds[0]!);
    expect(Buffer.from(bytes).toString()).toBe('RIFF....WAVE');
    await expect(readAnswerAudio(sessions, paths, answerIds[1]!)).rejects.toThrow(MissingRecordingError);
    const outside = path.join(paths.dataDir, 'coach.db');
    db.prepare('UPDATE answers SET audio_path = ? WHERE id = ?').run(outside, answerIds[0]);
    await expect(readAnswerAudio(sessions, paths, answerIds[0]!)).rejects.toThrow(/No saved recording/);
  });

  it('deletes a session with its answers, notes, search entries and recordings', () => {
    const { db, sessions, paths, notes, sessionId, answerIds } = setup();
    const dir = path.join(paths.audioDir, sessionId);
    mkdirSync(dir, { recursive: true });
    for (const id of answerIds) writeFileSync(path.join(dir, `${id}.wav`), 'x');
    notes.addNote({ answerId: answerIds[0]!, atSec: 0, body: 'gone soon' });
    expect(dataUsage(sessions, paths)).toMatchObject({ sessionCount: 1, audioBytes: 2 });
    expect(deleteSessionWithAudio(sessions, paths, sessionId)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM answers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(new ReviewRepository(db).search({ text: 'answer' })).toEqual([]);
    expect(deleteSessionWithAudio(sessions, paths, sessionId)).toBe(false);
    const usage = dataUsage(sessions, paths);
    expect(usage).toMatchObject({ dataDir: paths.dataDir, sessionCount: 0, audioBytes: 0 });
    expect(usage.databaseBytes).toBeGreaterThan(0);
    expect(usage.totalBytes).toBeGreaterThanOrEqual(usage.databaseBytes);
  });

  it('deletes one take with its notes and recording, and the session once its last take goes', () => {
    const { db, paths, sessions, notes, sessionId, answerIds } = setup();
    const dir = path.join(paths.audioDir, sessionId);
    mkdirSync(dir, { recursive: true });
    for (const id of answerIds) {
      writeFileSync(path.join(dir, `${id}.wav`), 'x');
      db.prepare('UPDATE answers SET audio_path = ? WHERE id = ?').run(path.join(dir, `${id}.wav`), id);
    }
    notes.addNote({ answerId: answerIds[0]!, atSec: 0, body: 'goes with its take' });
    expect(deleteAnswerWithAudio(sessions, paths, answerIds[0]!)).toBe(true);
    expect(existsSync(path.join(dir, `${answerIds[0]}.wav`))).toBe(false);
    expect(existsSync(path.join(dir, `${answerIds[1]}.wav`))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(sessions.getSession(sessionId)?.answers.map((a) => a.answerId)).toEqual([answerIds[1]]);
    expect(deleteAnswerWithAudio(sessions, paths, answerIds[0]!)).toBe(false);
    expect(deleteAnswerWithAudio(sessions, paths, answerIds[1]!)).toBe(true);
    expect(sessions.getSession(sessionId)).toBeNull();
    expect(invokeArgSchemas['answer:delete'].safeParse(['not-a-uuid']).success).toBe(false);
  });

  it('keeps session totals for the list in step as answers change', () => {
    const { db, sessions, sessionId, answerIds } = setup();
    const review = new ReviewRepository(db);
    expect(review.listHistory().sessions[0]).toMatchObject({ id: sessionId, answerCount: 2 });
    sessions.deleteAnswer(answerIds[1]!);
    expect(review.listHistory().sessions[0]).toMatchObject({ answerCount: 1 });
  });
});
