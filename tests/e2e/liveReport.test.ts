// Issue #15 in Chromium through `coach serve`: after Stop the report can be had at once, from the live
// transcript, and upgrades itself in place when the final text arrives. The real engine (synthetic
// model) transcribes; to see the time in between whatever the machine's speed, the test holds the
// engine processes with SIGSTOP once captions have appeared (as a machine too busy to schedule them
// would) and lets them go with SIGCONT once the live report is on screen. Screenshots of the finishing
// view, the live report and the upgraded report go to test-results/e2e/ at 1280x800 and 900x600.
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  E2E_GUARD_MS,
  E2E_SHOTS_DIR,
  engineProcesses,
  launchChromium,
  openPage,
  shot,
  signalProcesses,
  startServe,
  stopServe,
  type Served,
} from '../helpers/coachServe';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { CHROMIUM_PATH } from '../prerequisites';

const SIZES = [
  { name: 'large', viewport: { width: 1280, height: 800 } },
  { name: 'small', viewport: { width: 900, height: 600 } },
] as const;
const MICROPHONE_WAV = sharedAudio('jfk.wav');
const LIVE_NOTICE = 'Live transcript — the final text is on its way.';

describe.skipIf(!existsSync(CHROMIUM_PATH))('the report at Stop, before the final text (issue #15)', () => {
  const model = inject('syntheticModelPath');
  let served: Served;
  let browser: Browser;
  let held: number[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    served = await startServe({
      ...process.env,
      COACH_DATA_DIR: tempDir('coach-e2e-livereport-'),
      COACH_WHISPER_MODEL: model,
    });
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(MICROPHONE_WAV);
  }, E2E_GUARD_MS);

  afterAll(async () => {
    // Never leave a held engine behind: the server could not stop.
    signalProcesses(held, 'SIGCONT');
    await browser?.close();
    if (served) expect(await stopServe(served)).toBe(0);
  }, E2E_GUARD_MS);

  for (const { name, viewport } of SIZES) {
    it(
      `shows the live report at once and upgrades it in place to the final text (${viewport.width}x${viewport.height})`,
      async () => {
        const { page, pageErrors: errors } = await openPage(browser, { viewport });
        await page.goto(served.appUrl);
        await page.getByText('Ready — works offline').waitFor();

        await page.getByRole('button', { name: /Record answer/ }).click();
        await page.getByRole('button', { name: /Stop/ }).waitFor();
        // The engine has heard the answer: live words are on screen.
        await page.locator('.captions-text').waitFor();
        await expect
          .poll(async () => ((await page.locator('.captions-text').textContent()) ?? '').trim())
          .not.toBe('');

        held = engineProcesses(served.process.pid!);
        expect(held.length).toBeGreaterThan(0);
        signalProcesses(held, 'SIGSTOP');

        await page.getByRole('button', { name: /Stop/ }).click();
        const offer = page.getByRole('button', { name: /Show the report with the live transcript now/ });
        await offer.waitFor();
        expect(await offer.textContent()).toContain('Enter');
        await shot(page, `15-finishing-${name}`);

        await offer.click();
        await page.getByText(LIVE_NOTICE).waitFor();
        await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();
        // The whole report, not a placeholder: metrics and the transcript of the live words.
        expect(await page.locator('.answer-result').textContent()).toMatch(/words/i);
        await page.getByRole('progressbar', { name: 'Final transcript progress' }).waitFor();
        await shot(page, `15-live-report-${name}`);
        await shot(page, `15-live-report-${name}-full`, true);

        // Scroll to the transcript and mark the report's element: after the upgrade both must be as they were.
        const transcript = page.locator('.transcript-card');
        await transcript.scrollIntoViewIfNeeded();
        await page.locator('.answer-result').evaluate((el) => {
          (el as unknown as { dataset: Record<string, string> }).dataset.seen = 'live';
        });
        const topBefore = (await transcript.boundingBox())!.y;

        signalProcesses(held, 'SIGCONT');
        held = [];
        await page.getByText(/Final transcript ready/).waitFor();
        expect(await page.getByText(LIVE_NOTICE).count()).toBe(0);
        // Upgraded in place: the same element, the transcript where it was on screen.
        expect(await page.locator('.answer-result[data-seen="live"]').count()).toBe(1);
        const topAfter = (await transcript.boundingBox())!.y;
        expect(Math.abs(topAfter - topBefore)).toBeLessThanOrEqual(2);
        await page.getByRole('button', { name: 'Practise another question' }).waitFor();
        expect(await page.getByRole('button', { name: 'Practise another question' }).isEnabled()).toBe(true);
        await shot(page, `15-upgraded-${name}`);
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0),
        );
        await shot(page, `15-upgraded-${name}-top`);
        expect(errors).toEqual([]);
        await page.getByRole('button', { name: 'Practise another question' }).click();
        await page.context().close();
      },
      E2E_GUARD_MS,
    );
  }
});
