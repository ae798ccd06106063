// `coach serve` as a separate process (as a user runs it), for tests that measure the process itself:
// its memory (read from /proc), or whether it survives what clients send.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServe, stopServe } from './coachServe';
import { tempDir } from './fixtures';

/** How long a stopped server may take to save and close before it is killed. */
const STOP_GRACE_MS = 10_000;

export type ServeProcess = {
  child: ChildProcess;
  port: number;
  token: string;
  origin: string;
  stderr: string[];
  stop: () => Promise<void>;
};

export async function startServeProcess(
  model: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const served = await startServe({
    ...process.env,
    COACH_DATA_DIR: tempDir('coach-serve-proc-'),
    COACH_WHISPER_MODEL: model,
    ...extraEnv,
  });
  const url = new URL(served.appUrl);
  return {
    child: served.process,
    port: Number(url.port),
    token: served.token,
    origin: served.origin,
    stderr: served.stderr,
    stop: async () => {
      const child = served.process;
      if (child.exitCode !== null) return;
      // Ctrl-C first; a server still saving what a test left streaming is not waited for past the grace.
      const exited = new Promise((r) => child.once('exit', r));
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await stopServe(served).catch(() => undefined);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** A process's resident memory in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Samples a process's RSS every `everyMs` while `work` runs; returns the work's result and the peak. */
export async function peakRssDuring<T>(
  pid: number,
  work: () => Promise<T>,
  everyMs = 20,
): Promise<{ result: T; peak: number }> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The process exited: the caller sees that in its own result.
    }
  }, everyMs);
  try {
    const result = await work();
    peak = Math.max(peak, rssBytes(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
