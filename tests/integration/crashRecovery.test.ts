// Kill -9 a real recording process (the headless pipeline fed in real time from a file) at random
// moments, then recover: the WAV must hold all but about a second of the audio fed, every word
// committed before the kill must still be there, and the answer must be saved complete.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { main } from '../../src/cli/coach';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';
import { SILERO_MODEL_PATH } from '../../scripts/sharedAssets';

const LOOPS = Number(process.env.COACH_CRASH_LOOPS ?? 3);
const VAD_MODEL = SILERO_MODEL_PATH;
/** Audio written per frame plus what the OS may not have flushed when the process dies. */
const MAX_AUDIO_LOSS_SEC = 1.2;

type Snapshot = { status: string; words: string[]; startedAtMs: number } | null;

function snapshot(dbPath: string): Snapshot {
  if (!existsSync(dbPath)) return null;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT id, status FROM answers ORDER BY started_at DESC LIMIT 1').get() as
      { id: string; status: string } | undefined;
    if (!row) return null;
    const words = db
      .prepare('SELECT text FROM live_words WHERE answer_id = ? ORDER BY position')
      .pluck()
      .all(row.id) as string[];
    return { status: row.status, words, startedAtMs: Date.now() };
  } catch {
    return null; // schema not created yet
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('recovery after kill -9 mid-answer', () => {
  it.each(Array.from({ length: LOOPS }, (_, i) => i))('loses nothing committed (run %i)', async (run) => {
    const dataDir = tempDir('coach-crash-');
    const dbPath = path.join(dataDir, 'coach.db');
    const env = {
      ...process.env,
      COACH_DATA_DIR: dataDir,
      COACH_WHISPER_MODEL: inject('syntheticModelPath'),
      COACH_VAD_MODEL: VAD_MODEL,
    };
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/coach.mjs'), 'analyze', sharedAudio('jfk.wav'), '--realtime', '--json'],
      { env, stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      // Recording has started once the answer row exists.
      let started: Snapshot = null;
      for (let i = 0; i < 200 && !started; i++) {
        await sleep(50);
        started = snapshot(dbPath);
      }
      expect(started?.status).toBe('recording');
      const killAfterMs = 2500 + ((run * 2711) % 6000); // spread over the 11 s answer
      await sleep(killAfterMs);
      const beforeKill = snapshot(dbPath)!;
      child.kill('SIGKILL');
      await exited;
      const fedSec = (Date.now() - started!.startedAtMs) / 1000;

      const afterKill = snapshot(dbPath)!;
      expect(afterKill.status).toBe('recording');
      expect(afterKill.words.slice(0, beforeKill.words.length)).toEqual(beforeKill.words);

      const out: string[] = [];
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        expect(await main(['recover', '--json'], { out: (s) => out.push(s), err: () => {} })).toBe(0);
      } finally {
        process.env = saved;
      }
      const recovered = JSON.parse(out.join('\n')) as { answerId: string; durationSec: number }[];
      expect(recovered).toHaveLength(1);

      const db = new Database(dbPath, { readonly: true });
      const row = db.prepare('SELECT status, audio_path, duration_sec FROM answers').get() as {
        status: string;
        audio_path: string;
        duration_sec: number;
      };
      const leftover = db.prepare('SELECT COUNT(*) FROM live_words').pluck().get();
      db.close();
      expect(row.status).toBe('complete');
      expect(leftover).toBe(0);
      const wavSec = readWav16kMono(row.audio_path).info.durationSec;
      expect(wavSec).toBeGreaterThan(Math.min(fedSec, 11) - MAX_AUDIO_LOSS_SEC);
      expect(row.duration_sec).toBeCloseTo(wavSec, 1);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
