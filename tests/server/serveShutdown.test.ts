// Stopping `coach serve` (Ctrl+C, a service manager) while an answer cannot be saved, because its final
// pass is stuck, must still end the server: after its grace it stops as after a crash, keeping the
// answer and the access token, and the next start finishes the answer. The real process and engine
// (synthetic model); the engine processes are held with SIGSTOP as a machine too busy to run them would.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { E2E_GUARD_MS, engineProcesses, signalProcesses, startServe } from '../helpers/coachServe';
import { REPO_ROOT, tempDir } from '../helpers/fixtures';
import { pcmFrames, WsProbe } from '../helpers/serverHarness';

const GRACE_MS = 2000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('coach serve, stopped while an answer cannot be saved', () => {
  it(
    'stops after its grace, keeps the answer and the token, and the next start finishes the answer',
    async () => {
      const dataDir = tempDir('coach-shutdown-');
      const env = {
        ...process.env,
        COACH_DATA_DIR: dataDir,
        COACH_WHISPER_MODEL: inject('syntheticModelPath'),
        COACH_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      };
      const served = await startServe(env);
      const exited = new Promise<number | null>((resolve) => served.process.once('exit', resolve));
      const probe = await WsProbe.open(
        `${served.origin.replace('http', 'ws')}/ws/transcribe?token=${served.token}`,
      );
      await probe.nextOfType('connected');
      // 11 s of speech, sent at once: the engine is held long before its final passes are done.
      for (const frame of pcmFrames('jfk.wav')) probe.socket.send(frame);
      await probe.nextOfType('metrics');
      const held = engineProcesses(served.process.pid!);
      expect(held.length).toBeGreaterThan(0);
      signalProcesses(held, 'SIGSTOP');
      try {
        served.process.kill('SIGTERM');
        expect(await exited).toBe(0);
        const stderr = served.stderr.join('');
        expect(stderr).toContain('(press Ctrl+C again to stop now)');
        expect(stderr).toMatch(
          /still saving after 2 s; stopping now: the answer that was being saved is kept and finished the next time Interview Coach starts\./,
        );
        // As after a crash: the pages left open reload into the next start with the same token.
        expect(existsSync(path.join(dataDir, 'server-token'))).toBe(true);
      } finally {
        signalProcesses(held, 'SIGCONT');
      }
      // Released, the orphaned engines see their parent gone and exit.
      await expect.poll(() => held.filter(alive), { timeout: E2E_GUARD_MS }).toEqual([]);

      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(REPO_ROOT, 'bin', 'coach.mjs'), 'recover'],
        { cwd: REPO_ROOT, env: { ...env, COACH_SHUTDOWN_GRACE_MS: '' } },
      );
      const seconds = Number(/Recovered your answer to '.+' \((\d+) s\)/.exec(stdout)?.[1]);
      expect(seconds, stdout).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(11);
    },
    E2E_GUARD_MS,
  );
});
