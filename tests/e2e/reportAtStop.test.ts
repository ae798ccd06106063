// Issue #15 in Chromium through `coach serve`, without holding anything: the user answers in two
// utterances, then stays quiet; once the background lane has saved both utterances' final text (seen in
// the data folder, an event rather than a wait), Stop has nothing left to transcribe, so the report
// with the final text replaces the recording view at once: no finishing view with audio left, never
// the live-transcript report. Were Stop to transcribe the whole answer again, the finishing push would
// count its ~23 s and the test would fail. The real engine (synthetic model) and the real Silero VAD run.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SILERO_MODEL_PATH } from '../../scripts/sharedAssets';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { wavHeader } from '../../src/core/audio/wavWriter';
import type { AnswerFinishing } from '../../src/shared/domain';
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
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { CHROMIUM_PATH } from '../prerequisites';

const SAMPLE_RATE_HZ = 16_000;
const GAP_SEC = 1.5;
/** Longer than any wait for the background lane: the fake microphone loops its file. */
const QUIET_TAIL_SEC = 240;
const LIVE_NOTICE = 'Live transcript — the final text is on its way.';

/** Two recordings by different speakers, a pause between them, then a long silence. */
function answerThenQuiet(dir: string): { wav: string; speechEndSec: number } {
  const first = readWav16kMono(sharedAudio('jfk.wav')).samples;
  const second = readWav16kMono(sharedAudio('librispeech_2412-153948-0000.wav')).samples;
  const gap = Math.round(GAP_SEC * SAMPLE_RATE_HZ);
  const all = new Float32Array(first.length + gap + second.length + QUIET_TAIL_SEC * SAMPLE_RATE_HZ);
  all.set(first, 0);
  all.set(second, first.length + gap);
  const pcm = Buffer.from(float32ToPcm16(all).buffer);
  const wav = path.join(dir, 'answer-then-quiet.wav');
  writeFileSync(wav, Buffer.concat([wavHeader(pcm.length), pcm]));
  return { wav, speechEndSec: (first.length + gap + second.length) / SAMPLE_RATE_HZ };
}

/** How far the answer being recorded has final-pass text saved (crash recovery's table). */
function savedFinalUntilSec(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT MAX(end_sec) AS until FROM final_utterances').get() as {
      until: number | null;
    };
    return row.until ?? 0;
  } finally {
    db.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('the report at Stop once the answer is final (issue #15)', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-reportatstop-');
  const fixture = answerThenQuiet(tempDir('coach-e2e-reportatstop-audio-'));
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    served = await startServe({
      ...process.env,
      COACH_DATA_DIR: dataDir,
      COACH_WHISPER_MODEL: model,
      COACH_VAD_MODEL: SILERO_MODEL_PATH,
    });
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    browser = await launchChromium(fixture.wav);
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    if (served) expect(await stopServe(served)).toBe(0);
  }, E2E_GUARD_MS);

  it(
    'shows the final report straight after Stop, with nothing left to transcribe',
    async () => {
      const { page, pageErrors: errors } = await openPage(browser, {
        viewport: { width: 1280, height: 800 },
      });
      const finishing: AnswerFinishing[] = [];
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          if (typeof payload !== 'string') return;
          const message = JSON.parse(payload) as { kind?: string; channel?: string; payload?: unknown };
          if (message.kind === 'push' && message.channel === 'answer:finishing')
            finishing.push(message.payload as AnswerFinishing);
        }),
      );
      await page.goto(served.appUrl);
      await page.getByText('Ready — works offline').waitFor();

      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByRole('button', { name: /Stop/ }).waitFor();
      // Both utterances closed by the VAD's pauses and their final text saved by the background lane.
      const dbPath = path.join(dataDir, 'coach.db');
      await expect
        .poll(() => savedFinalUntilSec(dbPath), { timeout: PAGE_WAIT_GUARD_MS, interval: 500 })
        .toBeGreaterThanOrEqual(fixture.speechEndSec - 1);

      await page.getByRole('button', { name: /Stop/ }).click();
      await page.locator('.answer-result').waitFor();
      await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();
      expect(await page.getByText(LIVE_NOTICE).count()).toBe(0);
      expect(await page.getByText(/Final transcript ready/).count()).toBe(0);
      await shot(page, '15-report-at-stop-large');

      // Stop's only word on the work left: none (the quiet tail is not transcribed).
      expect(finishing.length).toBeGreaterThan(0);
      expect(Math.max(...finishing.map((f) => f.totalSec))).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    E2E_GUARD_MS,
  );
});
