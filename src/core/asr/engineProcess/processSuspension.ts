// Freezes the background engine process while a live caption pass runs (SIGSTOP, then SIGCONT), so
// the live pass has the cores and caches to itself. Even at SCHED_IDLE a busy background engine made
// live passes 6.5% slower on average and 8.6% at p95; frozen, 2.1% and 6.0% (bench:interference).
//
// A frozen process cannot notice that the app died, and the kernel does not always wake it: a child
// left stopped after a kill -9 of the app stays stopped, holding its model, for good. So each frozen
// engine gets a watcher: a shell that waits for the end of a pipe from this process, which only the
// app's death (or dispose) closes, and then continues the engine, which sees its parent gone and exits.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * POSIX job control; Windows has no such signals, and its engines keep their priority alone.
 * COACH_BACKGROUND_FREEZE=off runs the engines as before it (bench:live's comparison).
 */
export const canSuspendProcesses = (env: NodeJS.ProcessEnv = process.env): boolean =>
  process.platform !== 'win32' && env.COACH_BACKGROUND_FREEZE !== 'off';

/** Waits for end of input, then continues the process whose id is $1. */
const WATCH_SCRIPT = 'cat >/dev/null; kill -CONT "$1" 2>/dev/null';

export class ProcessSuspension {
  private watcher: ChildProcess | null = null;
  private watching = false;
  private suspended = false;
  private disposed = false;

  constructor(private readonly pid: number) {}

  /**
   * Freezes the process, once its watcher runs; until then (the first call starts it) it refuses and
   * returns false: a process nobody could wake is worse than a slower caption.
   */
  suspend(): boolean {
    if (this.disposed || this.suspended || !canSuspendProcesses()) return this.suspended;
    if (!this.watching) {
      this.startWatcher();
      return false;
    }
    this.suspended = signal(this.pid, 'SIGSTOP');
    return this.suspended;
  }

  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    signal(this.pid, 'SIGCONT');
  }

  get isSuspended(): boolean {
    return this.suspended;
  }

  /** Continues the process if frozen and ends the watcher. */
  dispose(): void {
    this.disposed = true;
    this.resume();
    this.watcher?.kill();
    this.watcher = null;
    this.watching = false;
  }

  private startWatcher(): void {
    if (this.watcher) return;
    const watcher = spawn('/bin/sh', ['-c', WATCH_SCRIPT, 'coach-engine-watch', String(this.pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    this.watcher = watcher;
    watcher.once('spawn', () => {
      if (this.watcher === watcher) this.watching = true;
    });
    const lost = () => {
      if (this.watcher !== watcher) return;
      // Without a watcher nothing would wake the engine if the app died: never leave it frozen.
      this.watching = false;
      this.watcher = null;
      this.resume();
    };
    watcher.once('error', lost);
    watcher.once('exit', lost);
    // Neither the watcher nor its pipe may keep the app's event loop alive.
    watcher.unref();
    (watcher.stdin as { unref?: () => void } | null)?.unref?.();
  }
}

function signal(pid: number, name: 'SIGSTOP' | 'SIGCONT'): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    // The process has ended: nothing to freeze or continue.
    return false;
  }
}
