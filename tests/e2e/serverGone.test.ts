// Visible, automatic recovery through `coach serve` in Chromium (issue #12): the server is killed -9
// mid-answer; the page stops recording at once (microphone tracks ended, no Stop, no "Listening", no
// running timer) and says what was kept; the server is started again on the same data folder; a reload
// of the same page shows "Recovered your answer to '…' (N s)" and opens it. Every wait is for an event
// on the page or the server; the timeouts are only overall guards.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cutAtWord } from '../../src/shared/recoveryNotice';
import {
  E2E_SHOTS_DIR,
  launchChromium,
  openPage,
  shot,
  startServe,
  stopServe,
  type Served,
} from '../helpers/coachServe';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';
import { clockSec, MIC_TRACK_SPY, micTracksEnded } from '../helpers/pageRecording';

const LARGE = { width: 1280, height: 800 };
const SMALL = { width: 900, height: 600 };
/** Recorded before the kill: long enough for several live steps and a clock worth reading. */
const ANSWER_SEC_BEFORE_KILL = 5;
/** Overall guards only (a loaded machine loads the model and runs passes slowly). */
const GUARD_MS = 120_000;
/** The recovery's final pass runs while the machine is loaded by other suites: minutes, at worst. */
const RECOVERY_GUARD_MS = 420_000;

/** What a lost server makes the browser log by itself: its reconnection attempts, refused. */
const isConnectionNoise = (e: string) => /WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(e);

describe('a page whose `coach serve` is killed mid-answer, then started again', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-gone-');
  const env = { ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model };
  const questions = JSON.parse(readFileSync(path.join(REPO_ROOT, 'resources', 'questions.json'), 'utf8')) as {
    id: string;
    text: string;
  }[];
  /** The first question, long enough to be cut in the notice. */
  const question = questions[0]!;
  let first: Served;
  let second: Served | null = null;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let keptUpTo = '';

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    first = await startServe(env);
    expect(first.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(sharedAudio('jfk.wav'));
    ({ page, pageErrors } = await openPage(browser, { viewport: LARGE }));
    await page.addInitScript(MIC_TRACK_SPY);
  }, GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    first?.process.kill('SIGKILL');
    if (second) expect(await stopServe(second)).toBe(0);
  }, GUARD_MS);

  it(
    'records, and when the server is killed -9 the page stops at once and explains',
    async () => {
      expect(question.text.length).toBeGreaterThan(60);
      await page.goto(first.appUrl);
      await page.getByText('Ready — works offline').waitFor({ timeout: GUARD_MS });
      await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByRole('button', { name: /Stop/ }).waitFor();
      // The server has the audio: its live captions come back.
      await page.locator('.captions-text').waitFor({ timeout: GUARD_MS });
      await expect
        .poll(async () => clockSec((await page.locator('.timer-clock').textContent()) ?? ''), {
          timeout: GUARD_MS,
        })
        .toBeGreaterThanOrEqual(ANSWER_SEC_BEFORE_KILL);
      await page.getByText('Listening', { exact: true }).waitFor();

      const exited = new Promise((resolve) => first.process.once('exit', resolve));
      first.process.kill('SIGKILL');
      await exited;

      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'Interview Coach stopped while you were answering.' });
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      keptUpTo =
        /What you said up to (\d\d:\d\d) is kept and will be recovered when it starts again\./.exec(
          text,
        )?.[1] ?? '';
      expect(clockSec(keptUpTo)).toBeGreaterThanOrEqual(ANSWER_SEC_BEFORE_KILL);
      expect(text).toContain('Start it again with coach serve, then reload this page.');
      // Nothing keeps pretending to record.
      expect(await page.getByRole('button', { name: /Stop/ }).count()).toBe(0);
      expect(await page.getByText('Listening', { exact: true }).count()).toBe(0);
      expect(await page.getByRole('timer').count()).toBe(0);
      await expect.poll(() => micTracksEnded(page)).toBe(true);
      await shot(page, 'gone-01-server-killed-1280x800');
      await page.setViewportSize(SMALL);
      await shot(page, 'gone-02-server-killed-900x600');
      await page.setViewportSize(LARGE);
    },
    GUARD_MS * 2,
  );

  it(
    'after a restart on the same data folder, a reload shows the recovered answer and opens it',
    async () => {
      // The killed server's token file is still there; the new start keeps the token, so this page's reload works.
      expect(existsSync(path.join(dataDir, 'server-token'))).toBe(true);
      // The same port: the page left open is at the same address.
      second = await startServe(env, Number(new URL(first.appUrl).port));
      expect(second.token).toBe(first.token);
      expect(second.stderr.join('')).toContain('stopped without closing; keeping its access token');

      // The page's bridge reconnects by itself and says a reload shows the answer.
      await page.getByText('It is running again: reload this page to see your recovered answer.').waitFor({
        timeout: GUARD_MS,
      });
      await page.reload();
      const banner = page.getByRole('region', { name: 'Recovered answers' });
      // Listed once the start-up recovery (a final pass over the kept audio) has finished.
      await banner.waitFor({ timeout: RECOVERY_GUARD_MS }).catch((err: Error) => {
        throw new Error(`${err.message}\nserver log:\n${second?.stderr.join('')}`);
      });
      const title = (await banner.locator('.notice-title').textContent()) ?? '';
      const match = /^Recovered your answer to '(.+)' \((\d+) s\)$/.exec(title);
      expect(match, title).not.toBeNull();
      expect(match![1]).toBe(cutAtWord(question.text));
      expect(match![1]!.length).toBeLessThan(question.text.length);
      // About as long as what the page had sent when the server died.
      expect(Math.abs(Number(match![2]) - clockSec(keptUpTo))).toBeLessThanOrEqual(2);
      await page.getByText('Ready — works offline').waitFor({ timeout: GUARD_MS });
      await shot(page, 'gone-03-recovered-banner-1280x800');
      await page.setViewportSize(SMALL);
      await shot(page, 'gone-04-recovered-banner-900x600');
      await page.setViewportSize(LARGE);

      await banner.getByRole('button', { name: 'Open answer' }).click();
      await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
      expect(page.url()).toContain('#/history/');
      await page.getByLabel('Recording of answer 1').waitFor({ state: 'attached' });
      await shot(page, 'gone-05-recovered-review', true);

      // Dismissed, it stays dismissed: a reload (a new page, the same server) does not bring it back.
      await banner.getByRole('button', { name: /^Dismiss: Recovered your answer/ }).click();
      await banner.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByText('Ready — works offline').waitFor({ timeout: GUARD_MS });
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(await page.getByRole('region', { name: 'Recovered answers' }).count()).toBe(0);
      expect(pageErrors.filter((e) => !isConnectionNoise(e))).toEqual([]);
    },
    GUARD_MS * 3 + RECOVERY_GUARD_MS,
  );
});
