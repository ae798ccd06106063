// What to do when the window's renderer process dies (webContents 'render-process-gone'): reload it,
// unless it keeps dying, which a reload cannot fix. No 'electron' import: tested with plain data.

/** Electron's RenderProcessGoneDetails['reason']. */
export type RenderGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** More crashes than this within CRASH_WINDOW_MS and the app stops reloading. */
export const MAX_RELOADS = 3;
export const CRASH_WINDOW_MS = 60_000;

export type RecoveryAction = 'reload' | 'give-up' | 'none';

export class RendererRecovery {
  private crashesAtMs: number[] = [];

  /** Records a crash at `nowMs` and says what to do. A clean exit (the window closing) needs nothing. */
  onGone(reason: RenderGoneReason, nowMs: number): RecoveryAction {
    if (reason === 'clean-exit') return 'none';
    this.crashesAtMs = [...this.crashesAtMs.filter((t) => nowMs - t < CRASH_WINDOW_MS), nowMs];
    return this.crashesAtMs.length > MAX_RELOADS ? 'give-up' : 'reload';
  }
}

export function rendererGoneMessage(reason: RenderGoneReason, exitCode: number): string {
  const why = reason === 'oom' ? 'ran out of memory' : `stopped (${reason}, exit code ${exitCode})`;
  return `The Interview Coach window ${why}. Any answer being recorded was saved.`;
}
