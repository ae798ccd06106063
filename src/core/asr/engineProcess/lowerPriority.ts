// The background engine process runs at the lowest CPU priority, so the operating system itself keeps
// its passes (final text for finished utterances) out of the way of live captions.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';

/**
 * Linux counts niceness per thread, and a new thread inherits its creator's: every thread this
 * process has (the libuv pool that runs whisper.cpp included) is lowered, so the compute threads
 * whisper.cpp starts for each pass are low too. Elsewhere the call covers the whole process.
 */
export function lowerOwnPriority(): void {
  const lowest = os.constants.priority.PRIORITY_LOW;
  if (process.platform === 'linux') {
    for (const tid of threadIds()) {
      try {
        os.setPriority(tid, lowest);
      } catch {
        // The thread ended meanwhile.
      }
    }
    idleScheduling();
    return;
  }
  try {
    os.setPriority(lowest);
  } catch {
    // Not allowed here: the passes still run, only at normal priority.
  }
}

function threadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter(Number.isInteger);
  } catch {
    return [process.pid];
  }
}

/**
 * Linux's SCHED_IDLE policy on every thread (new threads inherit it): below even the lowest nice
 * level, so a background pass takes a core from a live pass far less often. whisper.cpp's threads wait
 * for each other at every step, so each such interruption stalls the whole live pass. `chrt` is part of
 * util-linux, on every Linux desktop; without it the niceness alone stays.
 */
function idleScheduling(): void {
  spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore' });
}
