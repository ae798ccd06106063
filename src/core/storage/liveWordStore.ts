// Committed live words, written as they commit, so a crash mid-answer loses no committed text.
import { readFileSync } from 'node:fs';
import type { Word } from '../../shared/domain';
import type { Db } from './database';
import type { FinalUtterance } from '../streaming/utteranceFinalizer';

/** Utterances meet exactly; this only absorbs floating-point noise in their stored times. */
const GAP_SLACK_SEC = 1e-6;

function parseWords(json: string): Word[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value)) return [];
  return value.flatMap((w: { text?: unknown; startSec?: unknown; endSec?: unknown }) =>
    typeof w.text === 'string' && typeof w.startSec === 'number' && typeof w.endSec === 'number'
      ? [{ text: w.text, startSec: w.startSec, endSec: w.endSec }]
      : [],
  );
}

export type InterruptedAnswer = {
  id: string;
  sessionId: string;
  audioPath: string;
  recorderPid: number | null;
  /** The recording process's start time as the OS counts it (Linux); null where it cannot be read. */
  recorderStarted: string | null;
};

/** Whether the process that claimed an answer is still running. */
export type RecorderAlive = (pid: number, started: string | null) => boolean;

export class LiveWordStore {
  constructor(private readonly db: Db) {}

  /** Records that this process is recording the answer (see findInterrupted). */
  claim(answerId: string, pid = process.pid): void {
    this.db
      .prepare('UPDATE answers SET recorder_pid = ?, recorder_started = ? WHERE id = ?')
      .run(pid, processStartTime(pid), answerId);
  }

  append(answerId: string, words: readonly Word[]): void {
    if (words.length === 0) return;
    const next = this.db
      .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM live_words WHERE answer_id = ?')
      .pluck()
      .get(answerId) as number;
    const insert = this.db.prepare(
      'INSERT INTO live_words (answer_id, position, text, start_sec, end_sec) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      words.forEach((w, i) => insert.run(answerId, next + i, w.text, w.startSec, w.endSec));
    })();
  }

  words(answerId: string): Word[] {
    return (
      this.db
        .prepare('SELECT text, start_sec, end_sec FROM live_words WHERE answer_id = ? ORDER BY position')
        .all(answerId) as { text: string; start_sec: number; end_sec: number }[]
    ).map((r) => ({ text: r.text, startSec: r.start_sec, endSec: r.end_sec }));
  }

  /** Live words of every answer not yet saved (monitoring: the soak benchmark watches it stay small). */
  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM live_words').pluck().get() as number;
  }

  /** An utterance's final-pass words, saved as soon as they are ready. */
  appendFinal(answerId: string, utterance: FinalUtterance): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO final_utterances (answer_id, start_sec, end_sec, words) VALUES (?, ?, ?, ?)',
      )
      .run(answerId, utterance.startSec, utterance.endSec, JSON.stringify(utterance.words));
  }

  /** The utterances saved final so far, in order, up to the first gap (only whole prefixes are kept). */
  finals(answerId: string): FinalUtterance[] {
    const rows = this.db
      .prepare(
        'SELECT start_sec, end_sec, words FROM final_utterances WHERE answer_id = ? ORDER BY start_sec',
      )
      .all(answerId) as { start_sec: number; end_sec: number; words: string }[];
    const finals: FinalUtterance[] = [];
    for (const r of rows) {
      // Utterances finish in order, except at Stop; a crash there may leave one missing in between.
      if (r.start_sec > (finals.at(-1)?.endSec ?? 0) + GAP_SLACK_SEC) break;
      finals.push({
        index: finals.length,
        startSec: r.start_sec,
        endSec: r.end_sec,
        words: parseWords(r.words),
      });
    }
    return finals;
  }

  /** Once the final transcript is saved, the live words and final utterances are no longer needed. */
  clear(answerId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM live_words WHERE answer_id = ?').run(answerId);
      this.db.prepare('DELETE FROM final_utterances WHERE answer_id = ?').run(answerId);
    })();
  }

  /**
   * Takes an interrupted answer over for recovery: it becomes this process's, so another process
   * starting meanwhile (`coach recover` beside `coach serve`) sees it alive and leaves it alone. False
   * if another process took it first. If this one dies while recovering, the next start recovers it.
   */
  claimInterrupted(lost: InterruptedAnswer, pid = process.pid): boolean {
    return (
      this.db
        .prepare(
          `UPDATE answers SET recorder_pid = ?, recorder_started = ?
           WHERE id = ? AND status = 'recording' AND recorder_pid IS ? AND recorder_started IS ?`,
        )
        .run(pid, processStartTime(pid), lost.id, lost.recorderPid, lost.recorderStarted).changes === 1
    );
  }

  /** Answers still marked recording whose recording process is gone. */
  findInterrupted(isAlive: RecorderAlive = recorderIsAlive): InterruptedAnswer[] {
    const rows = this.db
      .prepare(
        `SELECT id, session_id AS sessionId, audio_path AS audioPath, recorder_pid AS recorderPid,
                recorder_started AS recorderStarted
         FROM answers WHERE status = 'recording' ORDER BY started_at`,
      )
      .all() as InterruptedAnswer[];
    return rows.filter((r) => r.recorderPid === null || !isAlive(r.recorderPid, r.recorderStarted));
  }
}

/**
 * A pid alone is not a process: after a kill -9 the next start may be given the same pid (containers
 * hand out few), another program may hold it, or the killed process may linger unreaped as a zombie.
 * Each of those made an interrupted answer look "still recording", so it was not recovered at start.
 * Where the OS says when a process started (Linux /proc), that start time must match too.
 */
export function recorderIsAlive(pid: number, started: string | null): boolean {
  const stat = procStat(pid);
  if (stat !== undefined) {
    if (stat === null || stat.state === 'Z' || stat.state === 'X') return false;
    return started === null || stat.startTime === started;
  }
  if (pid === process.pid) return true;
  return signalReaches(pid);
}

/** The process's start time in clock ticks since boot, from /proc; null elsewhere. */
function processStartTime(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

/** undefined: no /proc on this OS; null: no such process. */
function procStat(pid: number): { state: string; startTime: string } | null | undefined {
  if (process.platform !== 'linux') return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}

function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
