// Visible recovery (issue #12): each answer the start-up recovery finishes is announced until the user
// dismisses it, across restarts; one the engine could not transcribe is announced as such, never as
// silence. The start path runs the real coachApp assembly over a data folder left as a kill -9 leaves it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { main } from '../../../src/cli/coach';
import { createCoachApp } from '../../../src/core/app/coachApp';
import type { AsrResult, Transcriber } from '../../../src/core/asr/transcriber';
import { float32ToPcm16 } from '../../../src/core/audio/pcm';
import { wavHeader } from '../../../src/core/audio/wavWriter';
import { dataPaths, type DataPaths } from '../../../src/core/dataPaths';
import { openDatabase } from '../../../src/core/storage/database';
import { MIGRATIONS } from '../../../src/core/storage/migrations';
import { createRepositories } from '../../../src/core/storage/repositories';
import { cutAtWord, recoveryNoticeText } from '../../../src/shared/recoveryNotice';
import { tempDir } from '../../helpers/fixtures';

const QUESTION = 'Tell me about a time you disagreed with your manager and how you resolved it';
const EVENTS = { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} };

/** Words every 0.5 s over whatever audio it is given (the words do not matter here). */
class ScriptedTranscriber implements Transcriber {
  async transcribe(audio: Float32Array): Promise<AsrResult> {
    const sec = audio.length / 16_000;
    const words = [];
    for (let t = 0.1; t + 0.4 <= sec; t += 0.5) words.push({ text: 'word', startSec: t, endSec: t + 0.4 });
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

/**
 * What a kill -9 mid-answer leaves: an answer row still 'recording', claimed by a process that is
 * gone, and a WAV whose header was never finished.
 */
function leaveInterruptedAnswer(paths: DataPaths, seconds: number, answerId = 'a1'): void {
  const db = openDatabase(paths.dbPath);
  const { sessions } = createRepositories(db);
  sessions.createSession({ id: 's1', startedAt: '2026-01-01T09:00:00Z', title: 'Practice' });
  const dir = path.join(paths.audioDir, 's1');
  mkdirSync(dir, { recursive: true });
  const audioPath = path.join(dir, `${answerId}.wav`);
  sessions.createAnswer({
    id: answerId,
    sessionId: 's1',
    questionId: 'q1',
    questionText: QUESTION,
    startedAt: '2026-01-01T09:00:01Z',
    audioPath,
  });
  const tone = new Float32Array(seconds * 16_000).map((_, i) => 0.2 * Math.sin(i / 9));
  writeFileSync(audioPath, Buffer.concat([wavHeader(0), Buffer.from(float32ToPcm16(tone).buffer)]));
  // A pid past any real one, with a start time that matches nothing: the recorder is gone.
  db.prepare("UPDATE answers SET recorder_pid = 2147483646, recorder_started = '1' WHERE id = ?").run(
    answerId,
  );
  db.close();
}

function startApp(paths: DataPaths, load: () => Promise<Transcriber>) {
  return createCoachApp({
    paths,
    modelPath: inject('syntheticModelPath'),
    engine: { load },
    events: EVENTS,
    log: () => {},
  });
}

describe('recovery notices', () => {
  it('are recorded at the start that recovers an answer, and stay dismissed across restarts', async () => {
    const paths = dataPaths(tempDir('coach-notices-'));
    leaveInterruptedAnswer(paths, 14);

    const first = startApp(paths, async () => new ScriptedTranscriber());
    // The page asks at once; the answer resolves once the recovery has finished.
    const notices = await first.handlers['recovery:notices']();
    expect(notices).toEqual([
      {
        answerId: 'a1',
        sessionId: 's1',
        questionText: QUESTION,
        durationSec: 14,
        transcribed: true,
        recoveredAt: expect.any(String),
      },
    ]);
    expect(recoveryNoticeText(notices[0]!)).toBe(
      "Recovered your answer to 'Tell me about a time you disagreed with your manager and…' (14 s)",
    );
    // The session is no longer empty: the answer is saved and scored.
    expect(first.service.getSession('s1').answers).toHaveLength(1);
    await first.close();

    // Not dismissed: a restart shows it again.
    const second = startApp(paths, async () => new ScriptedTranscriber());
    expect((await second.handlers['recovery:notices']()).map((n) => n.answerId)).toEqual(['a1']);
    await second.handlers['recovery:dismiss'](['a1']);
    expect(await second.handlers['recovery:notices']()).toEqual([]);
    await second.close();

    const third = startApp(paths, async () => new ScriptedTranscriber());
    expect(await third.handlers['recovery:notices']()).toEqual([]);
    await third.close();
  });

  it('say so when the engine could not transcribe the answer, and follow "Transcribe again"', async () => {
    const paths = dataPaths(tempDir('coach-notices-'));
    leaveInterruptedAnswer(paths, 6);
    let engineWorks = false;
    const app = startApp(paths, async () => {
      if (!engineWorks) throw new Error('the model file is damaged');
      return new ScriptedTranscriber();
    });
    const [notice] = await app.handlers['recovery:notices']();
    expect(notice).toMatchObject({ answerId: 'a1', transcribed: false, durationSec: 6 });
    expect(recoveryNoticeText(notice!)).toBe(
      "Recovered your answer to 'Tell me about a time you disagreed with your manager and…' (6 s) — saved, not transcribed: the speech engine failed on it",
    );
    engineWorks = true;
    await app.models.reloadEngine();
    await app.handlers['answer:transcribe-again']('a1');
    expect(await app.handlers['recovery:notices']()).toMatchObject([{ answerId: 'a1', transcribed: true }]);
    await app.close();
  });

  it('are not recorded when nothing was interrupted', async () => {
    const paths = dataPaths(tempDir('coach-notices-'));
    const app = startApp(paths, async () => new ScriptedTranscriber());
    expect(await app.recovery).toEqual([]);
    expect(await app.handlers['recovery:notices']()).toEqual([]);
    await app.close();
  });
});

describe('every start path recovers by default', () => {
  /** Runs a `coach` command in-process on this data folder and the synthetic model. */
  async function coach(dataDir: string, args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const saved = { ...process.env };
    Object.assign(process.env, {
      COACH_DATA_DIR: dataDir,
      COACH_WHISPER_MODEL: inject('syntheticModelPath'),
    });
    try {
      const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      process.env = saved;
    }
  }

  it('`coach sessions`, the first command after a crash, lists the answer and says it was recovered', async () => {
    const dataDir = tempDir('coach-cli-recovers-');
    leaveInterruptedAnswer(dataPaths(dataDir), 3);
    const listed = await coach(dataDir, ['sessions', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject([{ id: 's1', answerCount: 1 }]);
    expect(listed.err).toBe(
      "Recovered your answer to 'Tell me about a time you disagreed with your manager and…' (3 s)",
    );
    // Recovered once: `coach recover` then has nothing left, and the app still has its notice.
    expect((await coach(dataDir, ['recover'])).out).toBe('No interrupted answers to recover.');
    const app = startApp(dataPaths(dataDir), async () => new ScriptedTranscriber());
    expect((await app.handlers['recovery:notices']()).map((n) => n.answerId)).toEqual(['a1']);
    await app.close();
  });

  it('`coach recover` prints the notice lines', async () => {
    const dataDir = tempDir('coach-cli-recover-');
    leaveInterruptedAnswer(dataPaths(dataDir), 2);
    const result = await coach(dataDir, ['recover']);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      "Recovered your answer to 'Tell me about a time you disagreed with your manager and…' (2 s)",
      'session s1, answer a1'.padStart('session s1, answer a1'.length + 2),
    ]);
  });
});

describe('the recovery_notices table (migration 008)', () => {
  function repoWithAnswers(ids: string[]) {
    const db = openDatabase(dataPaths(tempDir('coach-notice-repo-')).dbPath);
    const repos = createRepositories(db);
    repos.sessions.createSession({ id: 's', startedAt: '2026-01-01T00:00:00Z', title: 'T' });
    ids.forEach((id, i) =>
      repos.sessions.createAnswer({
        id,
        sessionId: 's',
        questionId: 'q',
        questionText: `Question ${id}`,
        startedAt: `2026-01-01T00:00:0${i}Z`,
        audioPath: `/nowhere/${id}.wav`,
      }),
    );
    return { db, repos };
  }

  it('is created by the migrations, in order', () => {
    const { db } = repoWithAnswers([]);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const columns = db.prepare('PRAGMA table_info(recovery_notices)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(['answer_id', 'recovered_at', 'dismissed_at']);
    db.close();
  });

  it('keeps one notice per answer; a dismissed one is not announced again by a later recovery', () => {
    const { db, repos } = repoWithAnswers(['x', 'y']);
    const notices = repos.recoveryNotices;
    notices.add(['x', 'y'], '2026-01-02T00:00:00Z');
    notices.add(['x'], '2026-01-03T00:00:00Z');
    expect(notices.list().map((n) => [n.answerId, n.recoveredAt])).toEqual([
      ['x', '2026-01-02T00:00:00Z'],
      ['y', '2026-01-02T00:00:00Z'],
    ]);
    notices.dismiss(['x', 'unknown'], '2026-01-04T00:00:00Z');
    notices.add(['x'], '2026-01-05T00:00:00Z');
    expect(notices.list().map((n) => n.answerId)).toEqual(['y']);
    db.close();
  });

  it('goes with its answer', () => {
    const { db, repos } = repoWithAnswers(['x']);
    repos.recoveryNotices.add(['x'], '2026-01-02T00:00:00Z');
    repos.sessions.deleteAnswer('x');
    expect(repos.recoveryNotices.list()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM recovery_notices').pluck().get()).toBe(0);
    db.close();
  });
});

describe('an interrupted answer is recovered by one process only', () => {
  it('the first to claim it wins; the other leaves it alone', () => {
    const paths = dataPaths(tempDir('coach-claim-'));
    leaveInterruptedAnswer(paths, 1);
    const db = openDatabase(paths.dbPath);
    const { liveWords } = createRepositories(db);
    const [lost] = liveWords.findInterrupted();
    expect(lost).toBeDefined();
    // Both processes saw it interrupted; the second claim finds it taken.
    expect(liveWords.claimInterrupted(lost!)).toBe(true);
    expect(liveWords.claimInterrupted(lost!)).toBe(false);
    // Claimed by this (live) process, it is no longer interrupted for anyone else.
    expect(liveWords.findInterrupted()).toEqual([]);
    db.close();
  });
});

describe('cutAtWord', () => {
  it('keeps short titles and cuts long ones at a word boundary', () => {
    expect(cutAtWord('Why this job?')).toBe('Why this job?');
    expect(cutAtWord('one two three four', 12)).toBe('one two…');
    expect(cutAtWord('Describe,  a   hard problem', 12)).toBe('Describe, a…');
    expect(cutAtWord('x'.repeat(80), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
