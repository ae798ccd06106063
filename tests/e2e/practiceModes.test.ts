// Issue #16 in Chromium through `coach serve`, on the real engine (synthetic model) with jfk.wav as the
// microphone: "keep no history" (item 10). Screenshots go to test-results/e2e/ at 1280x800 and 900x600.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMicrophoneArgs, HEADLESS_CHROMIUM_ARGS } from '../../scripts/chromiumArgs';
import { E2E_SHOTS_DIR, shot, startServe, stopServe, type Served } from '../helpers/coachServe';
import { sharedAudio, tempDir } from '../helpers/fixtures';

const CHROMIUM = '/usr/bin/chromium';
const LARGE = { width: 1280, height: 800 };
const SMALL = { width: 900, height: 600 };
const MICROPHONE_WAV = sharedAudio('jfk.wav');

const hasChromium = existsSync(CHROMIUM);

/** Every file under the folder (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe.skipIf(!hasChromium)('practice modes in Chromium (issue #16)', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-modes-');
  const audioDir = path.join(dataDir, 'audio');
  let served: Served;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    served = await startServe({ ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model });
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...HEADLESS_CHROMIUM_ARGS, ...fakeMicrophoneArgs(MICROPHONE_WAV)],
    });
    page = await (await browser.newContext({ viewport: LARGE })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    await page.goto(served.appUrl);
    await page.getByText('Ready — works offline').waitFor({ timeout: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (served) expect(await stopServe(served)).toBe(0);
  }, 60_000);

  it('keeps no history: captions and a report, and nothing on disk, during the answer or after', async () => {
    await page.goto(`${served.origin}/#/practice`);
    await page.getByRole('switch', { name: 'Keep no history' }).check();
    await page.getByText('Nothing is saved: no recording, no transcript').waitFor();
    await shot(page, 'modes-01-no-history-1280');
    await page.setViewportSize(SMALL);
    await shot(page, 'modes-01-no-history-900');
    await page.setViewportSize(LARGE);

    await page.getByRole('button', { name: /Record answer/ }).click();
    await page.getByText('Listening', { exact: true }).waitFor({ timeout: 60_000 });
    // Captions come from the engine as the answer goes on.
    await page.locator('.captions-text').waitFor({ timeout: 60_000 });
    // Mid-answer, where a crash would find it: no recording file, no session.
    expect(filesUnder(audioDir)).toEqual([]);
    await page.getByRole('note').getByText('Nothing is saved').waitFor();
    await shot(page, 'modes-02-no-history-recording-1280');
    await page.getByRole('button', { name: /Stop/ }).click();
    await page.getByText(/Not saved — “Keep no history” is on/).waitFor({ timeout: 120_000 });
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
  }, 300_000);
});
