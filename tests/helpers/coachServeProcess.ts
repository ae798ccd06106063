// `coach serve` as a separate process (as a user runs it), for tests that measure the process itself:
// its memory (read from /proc), or whether it survives what clients send.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './fixtures';

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
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'coach.mjs'), 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      COACH_DATA_DIR: tempDir('coach-serve-proc-'),
      COACH_WHISPER_MODEL: model,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  let stdout = '';
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`coach serve printed no link:\n${stdout}\n${stderr.join('')}`)),
      90_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /Open the app:\s+(\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`coach serve exited with ${code}:\n${stderr.join('')}`)));
  });
  const url = new URL(appUrl);
  return {
    child,
    port: Number(url.port),
    token: url.searchParams.get('token')!,
    origin: url.origin,
    stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
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
