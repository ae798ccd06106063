// `coach serve` started as a user would start it, for the end-to-end tests in Chromium.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { fakeMicrophoneArgs, HEADLESS_CHROMIUM_ARGS } from '../../scripts/chromiumArgs';
import { CHROMIUM_PATH } from '../prerequisites';
import { REPO_ROOT } from './fixtures';

export type Served = {
  process: ChildProcess;
  appUrl: string;
  token: string;
  origin: string;
  stderr: string[];
};

export const E2E_SHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

/** Starts `coach serve` on a free port (or `port`: a restart where pages are open) and reads the link it prints. */
export async function startServe(env: NodeJS.ProcessEnv, port = 0): Promise<Served> {
  const args = [path.join(REPO_ROOT, 'bin', 'coach.mjs'), 'serve', '--port', String(port)];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  let stdout = '';
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`coach serve printed no link:\n${stdout}\n${stderr.join('')}`)),
      60_000,
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
  return { process: child, appUrl, token: url.searchParams.get('token')!, origin: url.origin, stderr };
}

/** Stops it the way a user would (Ctrl-C) and says how it exited. */
export async function stopServe(served: Served): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => served.process.once('exit', resolve));
  served.process.kill('SIGTERM');
  return exited;
}

/** The speech engine processes `coach serve` forked (live and background lanes). */
export function engineProcesses(servePid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  return rows.filter((r) => r.ppid === servePid && /engineMain/.test(r.args)).map((r) => r.pid);
}

/**
 * Sends `sig` to each process, skipping those already gone (a restarted engine). SIGSTOP holds an engine
 * as a machine too busy to schedule it would; SIGCONT lets it go.
 */
export function signalProcesses(pids: readonly number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Gone already: nothing to hold or release.
    }
  }
}

/** Collects the page's uncaught errors and console errors (a media load cut short is not one). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

/** Debian's Chromium, headless, with a fake microphone that plays `microphoneWav` (a tone without it). */
export function launchChromium(microphoneWav?: string, extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...HEADLESS_CHROMIUM_ARGS, ...fakeMicrophoneArgs(microphoneWav), ...extraArgs],
  });
}

/**
 * Waits for an element or a page are guards against a hung page, not bounds on speed: under CPU stress a
 * review page once took more than Playwright's default 30 s to render while the server finished an
 * answer, and live captions more than 60 s to change. Polls use it too (expect.poll's default is 1 s).
 */
export const PAGE_WAIT_GUARD_MS = 300_000;

/**
 * Each e2e test's and hook's timeout: a guard against a hang, long enough for several page waits on a
 * machine many times oversubscribed, never a bound on how fast the app must be.
 */
export const E2E_GUARD_MS = 900_000;

/** A page in a context of its own, its errors collected (collectPageErrors). */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(PAGE_WAIT_GUARD_MS);
  const page = await context.newPage();
  return { page, pageErrors: collectPageErrors(page) };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(E2E_SHOTS_DIR, `${name}.png`), fullPage });
}
