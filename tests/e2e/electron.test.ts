// The desktop app in real Electron, driven by Playwright's _electron: the built app starts, its page
// comes from app://coach, the fake microphone plays a real recording for 5 s, live captions appear,
// and the answer is saved and found in History. It needs the Electron binary (and, on Linux, a
// display: run under xvfb-run on a headless machine); where either is missing it is skipped and says why.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeMicrophoneArgs } from '../../scripts/chromiumArgs';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';

const RECORD_MS = 5000;

/** The Electron binary, as `require('electron')` names it once its install script has downloaded it. */
function electronBinary(): string | null {
  const pathFile = path.join(REPO_ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(REPO_ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? 'the Electron binary is not installed (node_modules/electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline; `npm rebuild electron` with network access installs it)'
  : noDisplay
    ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset): run the suite under xvfb-run'
    : null;
if (skipReason) console.warn(`[electron e2e] skipped: ${skipReason}.`);

describe.skipIf(skipReason !== null)('Interview Coach in Electron', () => {
  const dataDir = tempDir('coach-electron-');
  const question = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'resources/questions.json'), 'utf8')) as { text: string }[]
  )[0]!;
  let app: ElectronApplication;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    expect(existsSync(path.join(REPO_ROOT, 'out/main/index.js')), 'run `npm run build` first').toBe(true);
    // The better-sqlite3 build for this Electron (what `npm start` does first).
    const prepared = spawnSync(process.execPath, ['scripts/prepareElectron.mjs', '--for-start'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    expect(prepared.status, 'scripts/prepareElectron.mjs').toBe(0);
    app = await _electron.launch({
      executablePath: binary!,
      args: [REPO_ROOT, ...fakeMicrophoneArgs(sharedAudio('jfk.wav'))],
      cwd: REPO_ROOT,
      env: { ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: inject('syntheticModelPath') },
      timeout: 120_000,
    });
    page = await app.firstWindow();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('loads the page from app://coach and the engine', async () => {
    expect(page.url()).toMatch(/^app:\/\/coach\/index\.html/);
    await page.getByText('Ready — works offline').waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
  }, 150_000);

  it('records 5 s from the microphone with live captions, and saves the answer', async () => {
    await page.getByRole('button', { name: /Record answer/ }).click();
    await page.getByRole('button', { name: /Stop/ }).waitFor();
    // The fake microphone plays in real time: 5 s of speech take 5 s.
    await page.waitForTimeout(RECORD_MS);
    const captions = page.locator('.captions-text');
    await captions.waitFor({ timeout: 60_000 });
    expect(((await captions.textContent()) ?? '').trim().length).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Stop/ }).click();
    await page.getByRole('button', { name: 'Practise another question' }).waitFor({ timeout: 120_000 });
    await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Practise another question' }).click();
    await page.getByRole('button', { name: 'History' }).click();
    await page
      .getByRole('button', {
        name: new RegExp(question.text.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      })
      .waitFor();
    expect(pageErrors).toEqual([]);

    // The recording on disk holds the whole answer.
    const audioDir = path.join(dataDir, 'audio');
    const [session] = readdirSync(audioDir);
    const [wav] = readdirSync(path.join(audioDir, session!));
    expect(readWav16kMono(path.join(audioDir, session!, wav!)).info.durationSec).toBeGreaterThan(
      RECORD_MS / 1000 - 0.5,
    );
  }, 300_000);

  it('keeps spellcheck off (no dictionary downloads)', async () => {
    const spellcheck = await app.evaluate(({ session }) => session.defaultSession.isSpellCheckerEnabled());
    expect(spellcheck).toBe(false);
  });
});
