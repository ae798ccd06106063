// The whole product as a person uses it: `coach serve` started like a user would, the built app opened
// from the link it prints in Debian's Chromium, whose fake microphone plays a real recording into the
// real AudioWorklet, and the real engine (synthetic model: words are meaningless, flow is not).
// Screenshots of every screen go to test-results/e2e/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  E2E_GUARD_MS,
  E2E_SHOTS_DIR as SHOTS_DIR,
  launchChromium,
  openPage,
  PAGE_WAIT_GUARD_MS,
  shot,
  startServe,
  stopServe,
  type Served,
} from '../helpers/coachServe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pcmFrames, WsProbe } from '../helpers/serverHarness';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';

const VIEWPORT = { width: 1280, height: 860 };
/** The microphone plays this 11 s speech recording (16 kHz mono WAV, which Chromium accepts as is). */
const MICROPHONE_WAV = sharedAudio('jfk.wav');
/** How long the test speaks its answer: long enough for several live steps. */
const ANSWER_MS = 8000;

// Chromium is a prerequisite checked in tests/globalSetup.ts: a machine without it fails the run.
describe('Interview Coach in Chromium, served by `coach serve`', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-');
  const questions = JSON.parse(readFileSync(path.join(REPO_ROOT, 'resources', 'questions.json'), 'utf8')) as {
    id: string;
    text: string;
  }[];
  /** Not the first question: the test picks it. */
  const question = questions[2]!;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    served = await startServe({ ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model });
    // Testing an old build would test old code.
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(MICROPHONE_WAV);
    ({ page, pageErrors } = await openPage(browser, { viewport: VIEWPORT }));
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    if (served) {
      // A clean stop saves what is recording and removes the token file.
      expect(await stopServe(served)).toBe(0);
      expect(existsSync(path.join(dataDir, 'server-token'))).toBe(false);
    }
  }, E2E_GUARD_MS);

  it('opens from the printed link, keeps the token out of the address bar, and loads the engine', async () => {
    expect(existsSync(path.join(dataDir, 'server-token'))).toBe(true);
    expect(readFileSync(path.join(dataDir, 'server-token'), 'utf8').trim()).toBe(served.token);
    await page.goto(served.appUrl);
    await page.getByText('Ready — works offline').waitFor();
    expect(page.url()).toBe(`${served.origin}/`);
    await page.getByRole('heading', { level: 1, name: questions[0]!.text }).waitFor();
    await shot(page, '01-practice');
  });

  it('picks a question', async () => {
    await page.getByRole('combobox', { name: 'Question', exact: true }).selectOption(question.id);
    await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
    await shot(page, '02-question-picked');
  });

  it(
    'records from the microphone and shows live captions that appear and update',
    async () => {
      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByRole('button', { name: /Stop/ }).waitFor();
      const captions = page.locator('.captions-text');
      await captions.waitFor();
      const first = (await captions.textContent()) ?? '';
      expect(first.trim().length).toBeGreaterThan(0);
      // Later steps change what is shown (new words, a revised tentative tail).
      await expect
        .poll(async () => (await captions.textContent()) ?? '', { timeout: PAGE_WAIT_GUARD_MS })
        .not.toBe(first);
      // Keep talking for a while: several live steps, and a recording worth playing back.
      await page.waitForTimeout(ANSWER_MS - 3000);
      await page.getByText('Listening', { exact: true }).waitFor();
      await shot(page, '03-recording');
    },
    E2E_GUARD_MS,
  );

  it(
    'stops and shows the answer report',
    async () => {
      await page.getByRole('button', { name: /Stop/ }).click();
      await page.getByRole('button', { name: 'Practise another question' }).waitFor();
      await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
      await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();
      await shot(page, '04-answer-report', true);
    },
    E2E_GUARD_MS,
  );

  it(
    'finds the session in history, opens its review and plays the recording',
    async () => {
      await page.getByRole('button', { name: 'Practise another question' }).click();
      await page.getByRole('button', { name: 'History' }).click();
      const row = page.getByRole('button', { name: new RegExp(escapeRegExp(question.text.slice(0, 40))) });
      await row.waitFor();
      await shot(page, '05-history');
      await row.click();
      await page.getByRole('heading', { level: 1, name: question.text }).waitFor();
      // The review player (issue #5) drives a hidden <audio> from a Blob URL of the recording.
      const player = page.getByLabel('Recording of answer 1');
      await player.waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Play' }).first().waitFor();
      await shot(page, '06-review', true);

      // The page's <audio> element, typed by hand: the node test project has no DOM types.
      type Audio = {
        play(): Promise<void>;
        currentTime: number;
        duration: number;
        paused: boolean;
        error: { code: number } | null;
      };
      const playing = await player.evaluate(async (el) => {
        const audio = el as unknown as Audio;
        await audio.play();
        await new Promise((r) => setTimeout(r, 1500));
        return {
          currentTime: audio.currentTime,
          duration: audio.duration,
          paused: audio.paused,
          error: audio.error?.code ?? null,
        };
      });
      expect(playing.error).toBeNull();
      expect(playing.paused).toBe(false);
      expect(playing.currentTime).toBeGreaterThan(0.5);
      // The whole answer was saved: about as long as it was recorded.
      expect(playing.duration).toBeGreaterThan(ANSWER_MS / 1000 - 1);
      await shot(page, '07-review-playing');

      // Space pauses it (the review's keys), and the transcript follows the playhead.
      await page.locator('.answer-review').first().focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Play' }).first().waitFor();
      expect(await player.evaluate((el) => (el as unknown as Audio).paused)).toBe(true);
    },
    E2E_GUARD_MS,
  );

  it(
    'takes a stream from a raw /ws/transcribe client, and the app shows it in history after a reload',
    async () => {
      const probe = await WsProbe.open(
        `${served.origin.replace('http', 'ws')}/ws/transcribe?token=${served.token}`,
      );
      const connected = await probe.nextOfType('connected', 30_000);
      expect(connected.audio).toEqual({ encoding: 'pcm_s16le', sample_rate: 16000, channels: 1 });
      const frames = pcmFrames('librivox-0880.wav');
      for (const frame of frames) probe.socket.send(frame);
      await probe.next((m) => m.type === 'metrics');
      probe.send({ type: 'end_session' });
      const summary = await probe.next((m) => m.type === 'session_info' && m.state === 'ended');
      expect(summary).toMatchObject({ saved: true, reason: 'client' });
      expect((await probe.closed).code).toBe(1000);

      // The tab keeps its token across a reload (sessionStorage), and History lists the stream.
      await page.reload();
      await page.getByRole('button', { name: 'History' }).click();
      const rows = page.getByRole('list', { name: 'Saved sessions' }).getByRole('button');
      await expect.poll(() => rows.count(), { timeout: PAGE_WAIT_GUARD_MS }).toBe(2);
      expect(await rows.first().textContent()).toContain('Streamed answer');
      await shot(page, '08-history-with-stream');
      expect(pageErrors).toEqual([]);
    },
    E2E_GUARD_MS,
  );

  it(
    'says what to do when the page is opened without its access link',
    async () => {
      const { page: stranger } = await openPage(browser, { viewport: VIEWPORT });
      await stranger.goto(`${served.origin}/`);
      await stranger.getByRole('heading', { name: 'Open Interview Coach from its link' }).waitFor();
      await shot(stranger, '09-no-token');
      await stranger.goto(`${served.origin}/?token=not-the-token`);
      await stranger.getByRole('heading', { name: 'This link has expired' }).waitFor();
      expect(stranger.url()).toBe(`${served.origin}/`);
      await shot(stranger, '10-wrong-token');
      await stranger.context().close();
    },
    E2E_GUARD_MS,
  );
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
