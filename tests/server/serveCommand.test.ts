// `coach serve` as a command: its arguments, what it prints, the token file, the warning for
// non-loopback hosts and a clean stop. (The e2e tests start it as a real process.)
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/coach';
import { serve } from '../../src/cli/commands/serve';
import { tempDir } from '../helpers/fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('coach serve', () => {
  const saved = { ...process.env };
  let dataDir: string;

  beforeEach(() => {
    dataDir = tempDir('coach-serve-');
    process.env.COACH_DATA_DIR = dataDir;
    process.env.COACH_WHISPER_MODEL = inject('syntheticModelPath');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses a bad port with the usage', async () => {
    const c = capture();
    expect(await main(['serve', '--port', 'eighty'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(
      /--port must be a number from 0 to 65535[\s\S]*coach serve \[--port 8765\]/,
    );
  });

  it('prints the links and limits, keeps the token in an owner-only file, warns off loopback, and stops cleanly', async () => {
    const c = capture();
    let stop: () => void = () => undefined;
    const running = serve(['--host', '0.0.0.0', '--port', '0'], c.io, new Promise((r) => (stop = r)));
    for (let i = 0; i < 200 && !c.out.join('\n').includes('Press Ctrl+C'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const printed = c.out.join('\n');
    const token = /Access token:\s+(\S+)/.exec(printed)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const port = Number(/serving on http:\/\/127\.0\.0\.1:(\d+)/.exec(printed)?.[1]);
    expect(printed).toContain(`Open the app:   http://127.0.0.1:${port}/?token=${token}`);
    expect(printed).toContain(`Stream audio:   ws://127.0.0.1:${port}/ws/transcribe?token=${token}`);
    expect(printed).toMatch(
      /Limits: +maxConnections=16 maxStreams=4 .*maxFrameBytes=65536 maxSessionSec=1800/,
    );
    expect(c.err.join('\n')).toMatch(/^Warning: listening on 0\.0\.0\.0, not just this computer\./m);

    const tokenFile = path.join(dataDir, 'server-token');
    expect(readFileSync(tokenFile, 'utf8')).toBe(`${token}\n`);
    if (process.platform !== 'win32') expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const health = await fetch(`http://127.0.0.1:${port}/health`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(health.status).toBe(200);

    stop();
    expect(await running).toBe(0);
    expect(existsSync(tokenFile)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
