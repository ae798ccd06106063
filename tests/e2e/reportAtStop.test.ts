// Issue #15 in Chromium through `coach serve`, without holding anything: the user answers in two
// utterances, then stays quiet for a while and clicks Stop. Stop may only transcribe the speech the
// background lane has not finished yet (read from the data folder just before the click): on a quiet
// machine that is nothing, so the report with the final text replaces the recording view at once; on a
// loaded one, where the background engine (SCHED_IDLE) may not run at all, at most the two utterances.
// Were Stop to transcribe the whole answer again, its finishing push would count the quiet stretch too
// and the test would fail. The real engine (synthetic model) and the real Silero VAD run.
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
/** Recorded after the speech before Stop: the whole answer is then this much longer than its speech. */
const QUIET_BEFORE_STOP_SEC = 12;
/** Longer than the recording: the fake microphone loops its file. */
const QUIET_TAIL_SEC = 240;
/** The VAD's utterance end slack and a step of audio: the work Stop may count beyond the speech. */
const SPEECH_END_SLACK_SEC = 1.5;
/** 16 kHz 16-bit mono: what the page sends per second of audio (frame headers aside). */
const AUDIO_BYTES_PER_SEC = 32_000;
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
    'transcribes at Stop only the speech not yet final, and shows the final report',
    async () => {
      const { page, pageErrors: errors } = await openPage(browser, {
        viewport: { width: 1280, height: 800 },
      });
      const finishing: AnswerFinishing[] = [];
      let sentAudioBytes = 0;
      page.on('websocket', (socket) => {
        socket.on('framesent', ({ payload }) => {
          if (typeof payload !== 'string') sentAudioBytes += payload.length;
        });
        socket.on('framereceived', ({ payload }) => {
          if (typeof payload !== 'string') return;
          const message = JSON.parse(payload) as { kind?: string; channel?: string; payload?: unknown };
          if (message.kind === 'push' && message.channel === 'answer:finishing')
            finishing.push(message.payload as AnswerFinishing);
        });
      });
      await page.goto(served.appUrl);
      await page.getByText('Ready — works offline').waitFor();

      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByRole('button', { name: /Stop/ }).waitFor();
      // The whole answer, then a quiet stretch, has reached the server.
      const recordedSec = fixture.speechEndSec + QUIET_BEFORE_STOP_SEC;
      await expect
        .poll(() => sentAudioBytes / AUDIO_BYTES_PER_SEC, { timeout: PAGE_WAIT_GUARD_MS, interval: 250 })
        .toBeGreaterThanOrEqual(recordedSec);
      const finalUntilSec = savedFinalUntilSec(path.join(dataDir, 'coach.db'));

      await page.getByRole('button', { name: /Stop/ }).click();
      await page
        .getByRole('heading', { name: 'Transcript', exact: true })
        .waitFor({ timeout: PAGE_WAIT_GUARD_MS });
      await page.locator('.answer-result').waitFor();
      expect(await page.getByText(LIVE_NOTICE).count()).toBe(0);
      await shot(page, '15-report-at-stop-large');

      // Stop's word on the work it had left: the speech after what the background had made final, no
      // more (a quiet machine: none at all); never the quiet stretch, never the whole answer again.
      expect(finishing.length).toBeGreaterThan(0);
      const leftAtStop = Math.max(...finishing.map((f) => f.totalSec));
      expect(leftAtStop).toBeLessThanOrEqual(
        Math.max(0, fixture.speechEndSec - finalUntilSec) + SPEECH_END_SLACK_SEC,
      );
      expect(leftAtStop).toBeLessThan(recordedSec - QUIET_BEFORE_STOP_SEC / 2);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    E2E_GUARD_MS,
  );
});
