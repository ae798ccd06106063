// The example client printed in the README, run as written against the real server: if the protocol
// changes in a way that breaks it, this fails.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, sharedAudio } from '../helpers/fixtures';
import { startHarness, TEST_TOKEN, type Harness } from '../helpers/serverHarness';

/** The README's ```js block whose first line names stream-wav.mjs. */
function readmeExample(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.startsWith('// stream-wav.mjs'));
  if (!block) throw new Error('README has no stream-wav.mjs example');
  return block;
}

describe('the README example client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('syntheticModelPath'));
  });
  afterAll(() => h.server.close());

  it('streams a WAV file and prints the captions, the pace and the saved transcript', async () => {
    // Inside the repository, so its `import 'ws'` resolves as it would after `npm install ws`.
    const dir = path.join(REPO_ROOT, '.cache', 'readme-example');
    mkdirSync(dir, { recursive: true });
    const script = path.join(dir, 'stream-wav.mjs');
    writeFileSync(script, readmeExample());
    const child = spawn(process.execPath, [
      script,
      sharedAudio('librivox-0880.wav'),
      TEST_TOKEN,
      String(h.server.port),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.some((l) => /^\[\d+\.\d–\d+\.\d s\] \S/.test(l))).toBe(true);
    expect(lines.at(-2)).toMatch(/^Pace \d+ words\/min, \d+ fillers$/);
    expect(lines.at(-1)).toMatch(/^Saved: true\. Final transcript: /);
  });
});
