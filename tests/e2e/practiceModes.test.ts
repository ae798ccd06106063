// Issue #16 in Chromium through `coach serve`, on the real engine (synthetic model) with jfk.wav as the
// microphone: "keep no history" (item 10), importing a recording by drag-and-drop and the file picker
// (item 6), and the mock interview (item 8). Screenshots go to test-results/e2e/ at 1280x800 and 900x600.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ffmpegPath } from '../../src/core/audio/decodeFile';
import {
  E2E_GUARD_MS,
  E2E_SHOTS_DIR,
  launchChromium,
  openPage,
  PAGE_WAIT_GUARD_MS,
  shot,
  startServe,
  stopServe,
  type Served,
} from '../helpers/coachServe';
import { CHROMIUM_PATH } from '../prerequisites';
import { filesUnder, sharedAudio, tempDir } from '../helpers/fixtures';

const LARGE = { width: 1280, height: 800 };
const SMALL = { width: 900, height: 600 };
const MICROPHONE_WAV = sharedAudio('jfk.wav');

const hasChromium = existsSync(CHROMIUM_PATH);

describe.skipIf(!hasChromium)('practice modes in Chromium (issue #16)', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-modes-');
  const audioDir = path.join(dataDir, 'audio');
  const work = tempDir('coach-e2e-files-');
  const ogg = path.join(work, 'my answer.ogg');
  let served: Served;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    execFileSync(ffmpegPath(), ['-v', 'error', '-i', MICROPHONE_WAV, '-c:a', 'libvorbis', ogg]);
    served = await startServe({ ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model });
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(MICROPHONE_WAV);
    ({ page, pageErrors } = await openPage(browser, { viewport: LARGE }));
    await page.goto(served.appUrl);
    await page.getByText('Ready — works offline').waitFor();
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    // Stopping waits for the engine to finish the pass in flight; on a loaded machine that took over 60 s once.
    if (served) expect(await stopServe(served)).toBe(0);
  }, E2E_GUARD_MS);

  it(
    'keeps no history: captions and a report, and nothing on disk, during the answer or after',
    async () => {
      await page.goto(`${served.origin}/#/practice`);
      await page.getByRole('switch', { name: 'Keep no history' }).check();
      await page.getByText('Nothing is saved: no recording, no transcript').waitFor();
      await shot(page, 'modes-01-no-history-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-01-no-history-900');
      await page.setViewportSize(LARGE);

      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByText('Listening', { exact: true }).waitFor();
      // The live captions are there as usual (the synthetic model's words are random, possibly none).
      await page.getByRole('region', { name: 'Live captions' }).waitFor();
      await page.waitForTimeout(3000);
      // Mid-answer, where a crash would find it: no recording file, no session.
      expect(filesUnder(audioDir)).toEqual([]);
      await page.getByRole('note').getByText('Nothing is saved').waitFor();
      await shot(page, 'modes-02-no-history-recording-1280');
      await page.getByRole('button', { name: /Stop/ }).click();
      await page.getByText(/Not saved — “Keep no history” is on/).waitFor();
      await page.getByRole('region', { name: 'Transcript' }).waitFor();
      await shot(page, 'modes-03-no-history-result-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-03-no-history-result-900');
      await page.setViewportSize(LARGE);
      expect(await page.getByRole('list', { name: 'Takes' }).count()).toBe(0);

      expect(filesUnder(audioDir)).toEqual([]);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByText('No practice sessions yet').waitFor();

      // After a reload the choice holds, and the report is gone for good.
      await page.goto(`${served.origin}/#/practice`);
      await page.reload();
      await page.getByText('Nothing is saved: no recording, no transcript').waitFor();
      expect(await page.getByText(/Not saved — “Keep no history” is on/).count()).toBe(0);
      await page.getByRole('switch', { name: 'Keep no history' }).uncheck();
      await page.getByText('Your answers will be saved as a new session').waitFor();
      expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    },
    E2E_GUARD_MS,
  );

  /** Drags a file over the app and drops it, as from a file manager. */
  async function dropFile(name: string, bytes: Buffer, type: string, screenshot?: string): Promise<void> {
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
      return dt;
    })()`);
    await page.dispatchEvent('.app-main', 'dragenter', { dataTransfer });
    await page.dispatchEvent('.app-main', 'dragover', { dataTransfer });
    await page.getByText('Drop to import').waitFor();
    if (screenshot) await shot(page, screenshot);
    await page.dispatchEvent('.app-main', 'drop', { dataTransfer });
  }

  const progressBar = () => page.getByRole('progressbar', { name: /^Importing/ });
  const progressNow = async () => Number((await progressBar().getAttribute('aria-valuenow')) ?? -1);

  it(
    'imports a recording: a bad file is refused by name, Cancel keeps nothing, a real one is analysed',
    async () => {
      await page.setViewportSize(LARGE);
      await page.goto(`${served.origin}/#/practice`);
      await page.getByText('Ready — works offline').waitFor();
      const question = (await page.getByRole('heading', { level: 1 }).textContent())!;

      // Dropped, not a recording: said next to the import control, by name; nothing saved.
      await dropFile(
        'notes.txt',
        Buffer.from('My notes for the interview.\n'.repeat(40)),
        'text/plain',
        'modes-04-drop-1280',
      );
      const refusal = page.getByRole('region', { name: 'Import a recording' }).getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(
        '“notes.txt” is not a recording Interview Coach can read',
      );
      await shot(page, 'modes-05-import-refused-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-05-import-refused-900');
      await page.setViewportSize(LARGE);
      expect(filesUnder(audioDir)).toEqual([]);

      // Dropped, a real recording, cancelled part-way: the bar moved, and nothing was saved.
      await dropFile('my answer.ogg', readFileSync(ogg), 'audio/ogg');
      await progressBar().waitFor();
      await expect.poll(progressNow, { timeout: PAGE_WAIT_GUARD_MS }).toBeGreaterThan(20);
      await shot(page, 'modes-06-import-progress-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-06-import-progress-900');
      await page.setViewportSize(LARGE);
      await page.keyboard.press('Escape');
      await page.getByText('Import cancelled — nothing of it was saved.').waitFor();
      expect(filesUnder(audioDir)).toEqual([]);

      // Picked with the file picker (Ctrl+O): the bar only grows, through many real positions, to the result.
      const chooser = page.waitForEvent('filechooser');
      await page.keyboard.press('Control+O');
      await (await chooser).setFiles(ogg);
      await progressBar().waitFor();
      const seen: number[] = [];
      while ((await progressBar().count()) > 0) {
        const now = await progressNow().catch(() => -1);
        if (now >= 0 && now !== seen.at(-1)) seen.push(now);
        await page.waitForTimeout(100);
      }
      expect(seen.length, seen.join(',')).toBeGreaterThanOrEqual(4);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      await page.getByRole('heading', { level: 1, name: question }).waitFor();
      await page.getByText('Your answer', { exact: true }).waitFor();
      await page.getByRole('list', { name: 'Takes' }).waitFor();
      await shot(page, 'modes-07-import-result-1280');
      expect(filesUnder(audioDir)).toHaveLength(1);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const rows = page.getByRole('list', { name: 'Saved sessions' }).getByRole('button');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('1 answer');
      expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    },
    E2E_GUARD_MS,
  );

  it(
    'runs a mock interview: the question asked, a countdown, recording by itself, a follow-up, one session',
    async () => {
      await page.setViewportSize(LARGE);
      // The think time is a setting; 2 s keeps the test short and shows that it applies.
      await page.goto(`${served.origin}/#/settings`);
      const think = page.getByLabel(/Time to think before recording/);
      await think.fill('2');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').getByText('Saved').waitFor();
      await shot(page, 'modes-08-settings-mock-1280');

      await page.getByRole('button', { name: 'History', exact: true }).click();
      const rows = page.getByRole('list', { name: 'Saved sessions' }).getByRole('button');
      await page.waitForTimeout(1000);
      const sessionsBefore = await rows.count();
      await page.getByRole('button', { name: 'Practice', exact: true }).click();
      // A result left on screen by an earlier answer goes with Esc.
      if (await page.getByRole('button', { name: 'Try this question again' }).count())
        await page.keyboard.press('Escape');
      await page.getByText('Practise a set of questions').click();
      await page.getByText('Choose by hand').click();
      const first = page.locator('.hand-pick-item').first();
      const questionText = (await first.locator('.hand-pick-text').textContent())!;
      await first.locator('input').check();
      await page.getByRole('button', { name: 'Start a mock interview' }).click();

      const interviewer = page.getByRole('region', { name: 'Interviewer' });
      await interviewer.getByRole('heading', { name: questionText }).waitFor();
      const countdown = page.getByRole('timer', { name: 'Time to think' });
      await countdown.waitFor();
      const seen = new Set<string>();
      seen.add(
        (await countdown
          .locator('strong')
          .textContent()
          .catch(() => '')) ?? '',
      );
      await shot(page, 'modes-09-mock-thinking-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-09-mock-thinking-900');
      await page.setViewportSize(LARGE);
      // Headless Chromium has no system voice: the question is shown as text, and the interview goes on.
      expect(await interviewer.getByRole('status').textContent()).toMatch(/shown as text|Read aloud/);
      while ((await countdown.count()) > 0) {
        seen.add(
          (await countdown
            .locator('strong')
            .textContent()
            .catch(() => '')) ?? '',
        );
        await page.waitForTimeout(100);
      }
      expect([...seen].filter((x) => x !== '')).toEqual(expect.arrayContaining(['2', '1']));

      // Recording started by itself, with the answer's time limit in view.
      await page.getByText('Listening', { exact: true }).waitFor();
      await page.getByRole('timer', { name: /Answer time against/ }).waitFor();
      await page.waitForTimeout(2500);
      await shot(page, 'modes-10-mock-recording-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-10-mock-recording-900');
      await page.setViewportSize(LARGE);
      await page.getByRole('button', { name: /Stop/ }).click();

      // The follow-up, answered as its own take.
      await interviewer
        .getByRole('heading', {
          name: /specific example|differently next time|turn this job down|technical background/,
        })
        .waitFor();
      await page.getByText('Question 1 of 1 · follow-up').waitFor();
      await countdown.waitFor();
      await shot(page, 'modes-11-mock-follow-up-1280');
      await page.getByText('Listening', { exact: true }).waitFor();
      await page.waitForTimeout(2500);
      await page.keyboard.press('Space');

      await page.getByText('Mock interview complete').waitFor();
      await page.getByText('1 of 1 question answered in 2 takes.').waitFor();
      await shot(page, 'modes-12-mock-summary-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'modes-12-mock-summary-900');
      await page.setViewportSize(LARGE);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await expect.poll(() => rows.count()).toBe(sessionsBefore + 1);
      expect(await rows.first().textContent()).toContain('2 answers');
      expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    },
    E2E_GUARD_MS,
  );
});
