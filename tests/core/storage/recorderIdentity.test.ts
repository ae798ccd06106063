// Which recording answers are interrupted, after a crash: a pid is only the recorder if the process
// holding it now started when the recorder did. A reused pid (here: this very process, claimed with
// another start time) or a process that is gone means the answer is recovered at start.
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../../src/core/dataPaths';
import { openDatabase } from '../../../src/core/storage/database';
import { LiveWordStore, recorderIsAlive } from '../../../src/core/storage/liveWordStore';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir } from '../../helpers/fixtures';

function recordingAnswer() {
  const db = openDatabase(dataPaths(tempDir('coach-recorder-')).dbPath);
  const repo = new SessionRepository(db);
  repo.createSession({ id: 's', startedAt: '2026-01-01T00:00:00Z', title: 'T' });
  repo.createAnswer({
    id: 'a',
    sessionId: 's',
    questionId: 'q',
    questionText: 'Q',
    startedAt: '2026-01-01T00:00:00Z',
    audioPath: '/nowhere/a.wav',
  });
  return { db, store: new LiveWordStore(db) };
}

describe('interrupted answers', () => {
  it('are not interrupted while their recording process runs', () => {
    const { db, store } = recordingAnswer();
    store.claim('a');
    expect(store.findInterrupted()).toEqual([]);
    db.close();
  });

  it.runIf(process.platform === 'linux')('are found when the pid now belongs to a later process', () => {
    const { db, store } = recordingAnswer();
    store.claim('a');
    db.prepare("UPDATE answers SET recorder_started = '1' WHERE id = 'a'").run();
    expect(store.findInterrupted().map((a) => a.id)).toEqual(['a']);
    expect(recorderIsAlive(process.pid, '1')).toBe(false);
    db.close();
  });

  it('are found when the recording process is gone', () => {
    const { db, store } = recordingAnswer();
    store.claim('a', 999_999_999);
    expect(store.findInterrupted().map((a) => a.id)).toEqual(['a']);
    db.close();
  });
});
