// A `coach serve` that stops answering without closing its sockets (paused with Ctrl+Z or SIGSTOP, a
// suspended machine), in Chromium: the page notices by itself, stops the answer and says so; once the
// server is continued, the page is back and the answer was saved. Without the page's liveness check
// (wsApi.ts) nothing would ever happen: the socket stays open. Waits are for events on the page; the
// timeouts are only overall guards.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  E2E_GUARD_MS,
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
const ANSWER_SEC_BEFORE_PAUSE = 3;

/** What the browser logs by itself while the server is paused: its reconnection attempts timing out. */
const isConnectionNoise = (e: string) => /WebSocket connection to .* failed|WebSocket is closed/.test(e);

describe('a page whose `coach serve` is paused mid-answer, then continued', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-paused-');
  const env = { ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model };
  const question = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'resources', 'questions.json'), 'utf8')) as {
      text: string;
    }[]
  )[0]!;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    served = await startServe(env);
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(sharedAudio('jfk.wav'));
    ({ page, pageErrors } = await openPage(browser, { viewport: LARGE }));
    await page.addInitScript(MIC_TRACK_SPY);
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    if (served) {
      served.process.kill('SIGCONT');
      expect(await stopServe(served)).toBe(0);
    }
  }, E2E_GUARD_MS);

  it(
    'stops the answer and says so when the server stops answering, and is back once it answers again',
    async () => {
      await page.goto(served.appUrl);
      await page.getByText('Ready — works offline').waitFor();
      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByRole('button', { name: /Stop/ }).waitFor();
      await page.locator('.captions-text').waitFor();
      await expect
        .poll(async () => clockSec((await page.locator('.timer-clock').textContent()) ?? ''), {
          timeout: E2E_GUARD_MS,
        })
        .toBeGreaterThanOrEqual(ANSWER_SEC_BEFORE_PAUSE);

      served.process.kill('SIGSTOP');
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'Interview Coach stopped while you were answering.' });
      await alert.waitFor();
      // The audio the page sent until it gave up waits in the socket for the server to read.
      const keptUpTo =
        /What you said up to (\d\d:\d\d) is kept/.exec((await alert.textContent()) ?? '')?.[1] ?? '';
      expect(clockSec(keptUpTo)).toBeGreaterThanOrEqual(ANSWER_SEC_BEFORE_PAUSE);
      expect(await page.getByRole('button', { name: /Stop/ }).count()).toBe(0);
      expect(await page.getByText('Listening', { exact: true }).count()).toBe(0);
      await expect.poll(() => micTracksEnded(page)).toBe(true);
      await page.getByText('Interview Coach stopped', { exact: true }).waitFor();
      await shot(page, 'paused-01-server-silent-1280x800');
      await page.setViewportSize(SMALL);
      await shot(page, 'paused-02-server-silent-900x600');
      await page.setViewportSize(LARGE);

      served.process.kill('SIGCONT');
      await page.getByText('It is running again: reload this page to see your recovered answer.').waitFor();
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.getByText('Ready — works offline').waitFor();
      // The server, continued, read the page's goodbye and saved the answer it was recording (its
      // final pass may still be running when History first opens: look again until it is listed).
      const row = page.getByRole('list', { name: 'Saved sessions' }).getByRole('button');
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Practice' }).click();
            await page.getByRole('button', { name: 'History' }).click();
            await row.first().waitFor();
            return (await row.first().textContent()) ?? '';
          },
          { timeout: E2E_GUARD_MS, interval: 1000 },
        )
        .toMatch(/1 answer/);
      const saved = (await row.first().textContent()) ?? '';
      expect(saved).toContain(question.text.slice(0, 20));
      // It holds what the notice promised was kept.
      const savedSec = clockSec(
        (await row.first().locator('.session-stats .tabular').first().textContent()) ?? '',
      );
      expect(savedSec).toBeGreaterThanOrEqual(clockSec(keptUpTo) - 1);
      await shot(page, 'paused-03-answer-saved-1280x800');
      expect(pageErrors.filter((e) => !isConnectionNoise(e))).toEqual([]);
    },
    E2E_GUARD_MS,
  );
});
