// Start-up smoke test of the desktop app's main process, headless: the BUILT out/main/index.js runs
// under plain Node with a small stand-in for the `electron` module (tests/main/electronStandIn/), is
// driven as its window would drive it, and quits. It checks that every channel of the IPC contract is
// registered, that handlers answer through the real core (database, questions, settings, the engine on
// the synthetic model, one recorded answer), that the page is served from app://, and that quit hides
// the window, refuses IPC and closes the database before the process ends on its own.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { invokeArgSchemas, sendArgSchemas } from '../../src/shared/ipcSchemas';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';

const run = promisify(execFile);
const BUILT_MAIN = path.join(REPO_ROOT, 'out/main/index.js');
const STAND_IN = path.join(REPO_ROOT, 'tests/main/electronStandIn');

/** The newest modification time of anything the main bundle is built from. */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };
type Report = {
  errors: string[];
  errorBoxes: { title: string; message: string }[];
  singleInstanceLockRequested: boolean;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  schemesRegisteredBeforeReady: boolean;
  protocols: string[];
  invokeChannels: string[];
  sendChannels: string[];
  loadedUrls: string[];
  webPreferences: Record<string, unknown>;
  preloadExists: boolean;
  spellChecker: { session: string; enabled: boolean }[];
  partitions: string[];
  protocol: {
    pageStatus: number;
    pageCsp: string;
    assets: { path: string; status: number; type: string }[];
    outside: number;
  };
  requestFilter: Record<string, string>;
  windowShown: boolean;
  status: Settled<{ engine: { state: string; message: string } }>;
  questions: Settled<{ count: number }>;
  settings: Settled<{ speech: unknown }>;
  models: Settled<string[]>;
  sessionsBefore: Settled<number>;
  refused: Record<string, Settled<unknown>>;
  answerStarted: Settled<{ answerId: string }>;
  answer: Settled<{ durationSec: number; words: number }>;
  sessionsAfter: Settled<number>;
  pushed: string[];
  duringQuit: { windowVisible: boolean; ipc: Settled<unknown> };
  quit: { completed: boolean; events: string[]; exitCode: number | null; walLeft: boolean };
};

let report: Report;
let exitCode: number | null = null;

beforeAll(async () => {
  // The suite runs after `npm run build` in CI; a missing or stale bundle is rebuilt rather than tested.
  const srcMs = newestSourceMs(path.join(REPO_ROOT, 'src'));
  if (!existsSync(BUILT_MAIN) || statSync(BUILT_MAIN).mtimeMs < srcMs) {
    const build = await run('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT }).catch((err: Error) => err);
    if (build instanceof Error)
      throw new Error(`npm run build failed, so out/main/index.js cannot be tested: ${build.message}`);
  }
  expect(existsSync(BUILT_MAIN), 'out/main/index.js (npm run build)').toBe(true);

  const dir = tempDir('coach-smoke-');
  const pcmPath = path.join(dir, 'answer.pcm');
  const { samples } = readWav16kMono(sharedAudio('jfk.wav'));
  const pcm = Int16Array.from(samples.subarray(0, 16_000 * 4), (s) =>
    Math.max(-32768, Math.min(32767, Math.round(s * 32767))),
  );
  writeFileSync(pcmPath, new Uint8Array(pcm.buffer));
  const reportPath = path.join(dir, 'report.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COACH_DATA_DIR: path.join(dir, 'data'),
    COACH_WHISPER_MODEL: inject('syntheticModelPath'),
    SMOKE_REPORT: reportPath,
    SMOKE_PCM: pcmPath,
  };
  delete env.ELECTRON_RENDERER_URL;
  const child = await run(
    process.execPath,
    ['--import', path.join(STAND_IN, 'register.mjs'), path.join(STAND_IN, 'driver.mjs')],
    { cwd: REPO_ROOT, env, timeout: 240_000, maxBuffer: 16 << 20 },
  ).then(
    () => 0,
    (err: { code?: number; signal?: string; stderr?: string }) => {
      throw new Error(
        `the main process did not end cleanly (${err.code ?? err.signal}): ${err.stderr ?? ''}`,
      );
    },
  );
  exitCode = child;
  report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
}, 420_000);

describe('the built main process, started with a stand-in for Electron', () => {
  it('starts without an error', () => {
    expect(report.errors).toEqual([]);
    expect(report.errorBoxes).toEqual([]);
    expect(report.singleInstanceLockRequested).toBe(true);
  });

  it('registers exactly the channels of the IPC contract', () => {
    expect([...report.invokeChannels].sort()).toEqual(Object.keys(invokeArgSchemas).sort());
    expect([...report.sendChannels].sort()).toEqual(Object.keys(sendArgSchemas).sort());
  });

  it('serves the window from app://coach, registered as privileged before ready', () => {
    expect(report.schemesRegisteredBeforeReady).toBe(true);
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(report.protocols).toEqual(['app']);
    expect(report.loadedUrls).toEqual(['app://coach/index.html']);
    expect(report.windowShown).toBe(true);
    expect(report.protocol.pageStatus).toBe(200);
    expect(report.protocol.pageCsp).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(report.protocol.assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of report.protocol.assets) expect(asset.status, asset.path).toBe(200);
    expect(report.protocol.assets.find((a) => a.path.endsWith('.js'))?.type).toMatch(/^text\/javascript/);
    expect(report.protocol.outside).toBe(404);
  });

  it('locks the window down: sandboxed preload, no spellcheck dictionaries, nothing remote or file:', () => {
    expect(report.preloadExists).toBe(true);
    expect(report.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, spellcheck: false });
    expect(report.spellChecker).toContainEqual({ session: 'default', enabled: false });
    expect(report.requestFilter).toEqual({
      'app://coach/assets/x.js': 'allowed',
      'file:///C:/app/out/renderer/index.html': 'blocked',
      'https://cdn.example/dict.bdic': 'blocked',
    });
    // Model downloads use their own session, not the window's locked one.
    expect(report.partitions).toEqual(['coach-downloads']);
  });

  it('answers through the real core: engine, questions, settings, models, the database', () => {
    expect(report.status).toMatchObject({ ok: true, value: { engine: { state: 'ready' } } });
    expect(report.questions).toMatchObject({ ok: true });
    expect((report.questions as { value: { count: number } }).value.count).toBeGreaterThan(50);
    expect(report.settings).toMatchObject({ ok: true, value: { speech: expect.anything() } });
    expect(report.models).toMatchObject({ ok: true, value: expect.arrayContaining(['rows', 'downloads']) });
    expect(report.sessionsBefore).toEqual({ ok: true, value: 0 });
  });

  it('records an answer from audio frames and saves it', () => {
    expect(report.answerStarted.ok).toBe(true);
    expect(report.answer).toMatchObject({ ok: true, value: { durationSec: 4 } });
    expect(report.sessionsAfter).toEqual({ ok: true, value: 1 });
    expect(report.pushed).toEqual(expect.arrayContaining(['engine:status', 'caption:update']));
  });

  it('refuses IPC from an iframe, a file: page and another window', () => {
    for (const [who, result] of Object.entries(report.refused)) {
      expect(result, who).toEqual({ ok: false, error: 'Refused app:status from an untrusted sender' });
    }
  });

  it('quits cleanly: window hidden and IPC refused at once, database closed, process ends by itself', () => {
    expect(report.duringQuit.windowVisible).toBe(false);
    expect(report.duringQuit.ipc.ok).toBe(false);
    expect(report.quit.events).toEqual(['app.quit', 'window.hide', 'app.quit']);
    expect(report.quit.completed).toBe(true);
    expect(report.quit.exitCode).toBeNull();
    expect(report.quit.walLeft).toBe(false);
    expect(exitCode).toBe(0);
  });
});
