// Issue #16 in Chromium through `coach serve`: addresses for every screen (reload, Back, Forward), and
// review (a click on a word plays from it, a note attaches to selected words, the player covers nothing).
// A session is imported first as a bundle holding a real recording and its reference transcript: the
// synthetic model's transcripts have too few words to select, and these tests must not hang on the engine. Screenshots go to test-results/e2e/ at 1280x800 and 900x600.
import { existsSync, mkdirSync } from 'node:fs';
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
import { CHROMIUM_PATH } from '../prerequisites';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { seedBundle } from '../helpers/seedBundle';

const LARGE = { width: 1280, height: 800 };
const SMALL = { width: 900, height: 600 };
const MICROPHONE_WAV = sharedAudio('jfk.wav');
const QUESTION = 'Tell me about a time you changed your mind.';

const hasChromium = existsSync(CHROMIUM_PATH);

/** The page's document, typed by hand: the node test project has no DOM types. */
type PageDocument = { elementFromPoint(x: number, y: number): unknown };

const JFK = {
  questionText: QUESTION,
  wavPath: MICROPHONE_WAV,
  durationSec: 11,
  transcript:
    'And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.',
};

describe.skipIf(!hasChromium)('practice and review in Chromium (issue #16)', () => {
  const model = inject('syntheticModelPath');
  const dataDir = tempDir('coach-e2e-ux-');
  let served: Served;
  let browser: Browser;
  let page: Page;
  let seeded: { sessionId: string; answerId: string };
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(E2E_SHOTS_DIR, { recursive: true });
    served = await startServe({ ...process.env, COACH_DATA_DIR: dataDir, COACH_WHISPER_MODEL: model });
    expect(served.stderr.join(''), 'run `npm run build` first').not.toMatch(/older than its sources/);
    const res = await fetch(`${served.origin}/api/bundles?name=seed.coach`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}` },
      body: seedBundle('Warm-up', [JFK]),
    });
    expect(res.status).toBe(200);
    const imported = (await res.json()) as { sessionId: string };
    const detail = await fetch(`${served.origin}/api/sessions/${imported.sessionId}/export?format=json`, {
      headers: { Authorization: `Bearer ${served.token}` },
    });
    const answers = ((await detail.json()) as { answers: { answerId: string }[] }).answers;
    seeded = { sessionId: imported.sessionId, answerId: answers[0]!.answerId };
    browser = await launchChromium(MICROPHONE_WAV, ['--autoplay-policy=no-user-gesture-required']);
    ({ page, pageErrors } = await openPage(browser, { viewport: LARGE }));
    await page.goto(served.appUrl);
    await page.getByText('Ready — works offline').waitFor();
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    if (served) expect(await stopServe(served)).toBe(0);
  }, E2E_GUARD_MS);

  const hash = () => new URL(page.url()).hash;

  it(
    'gives every screen an address; reload keeps the open session; Back and Forward move',
    async () => {
      await page.getByRole('button', { name: 'History', exact: true }).click();
      expect(hash()).toBe('#/history');
      await page.getByRole('button', { name: /Warm-up/ }).click();
      await page.getByRole('heading', { level: 2, name: QUESTION }).waitFor();
      expect(hash()).toBe(`#/history/${seeded.sessionId}`);

      await page.reload();
      await page.getByRole('heading', { level: 2, name: QUESTION }).waitFor();
      expect(hash()).toBe(`#/history/${seeded.sessionId}`);

      await page.goBack();
      await page.getByRole('list', { name: 'Saved sessions' }).waitFor();
      expect(hash()).toBe('#/history');
      await page.goBack();
      await page.getByRole('button', { name: /Record answer/ }).waitFor();
      await page.goForward();
      await page.getByRole('list', { name: 'Saved sessions' }).waitFor();
      await page.goForward();
      await page.getByRole('heading', { level: 2, name: QUESTION }).waitFor();

      for (const [tab, address] of [
        ['Trends', '#/trends'],
        ['Settings', '#/settings'],
        ['Practice', '#/practice'],
      ] as const) {
        await page.getByRole('button', { name: tab, exact: true }).click();
        await expect.poll(hash).toBe(address);
      }

      // An answer's own address, as a coach would share it.
      await page.goto(`${served.origin}/#/history/${seeded.sessionId}/answer/${seeded.answerId}`);
      await page.getByRole('heading', { level: 2, name: QUESTION }).waitFor();
      await expect
        .poll(() => page.evaluate<string>("document.activeElement?.textContent ?? ''"))
        .toBe(QUESTION);
    },
    E2E_GUARD_MS,
  );

  it(
    'keeps a practice set in progress across a reload, at its own address',
    async () => {
      await page.getByRole('button', { name: 'Practice', exact: true }).click();
      await page.getByText('Practise a set of questions').click();
      await page.getByRole('button', { name: 'Start the set' }).click();
      await page.getByRole('button', { name: 'Skip question' }).click();
      await page.getByText('Question 2 of', { exact: false }).waitFor();
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      expect(hash()).toBe('#/practice/set');
      await page.reload();
      await page.getByText('Question 2 of', { exact: false }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await shot(page, 'ux-01-set-after-reload');
      await page.getByRole('button', { name: 'End set' }).click();
      await expect.poll(hash).toBe('#/practice');
    },
    E2E_GUARD_MS,
  );

  it(
    'lists the takes of a question with their changes, deletes one, and Esc discards a false start',
    async () => {
      await page.goto(`${served.origin}/#/practice`);
      const record = page.getByRole('button', { name: /Record answer/ });
      await page.getByText('Ready — works offline').waitFor();
      for (let i = 0; i < 2; i++) {
        await record.click();
        await page.getByText('Listening', { exact: true }).waitFor();
        await page.waitForTimeout(2500);
        await page.getByRole('button', { name: /Stop/ }).click();
        await page.getByRole('button', { name: 'Try this question again' }).waitFor();
        if (i === 0) {
          await page.getByRole('button', { name: 'Try this question again' }).click();
          // The last take's captions are not left on screen for the next one.
          expect(await page.locator('.captions-text').count()).toBe(0);
        }
      }
      const takes = page.getByRole('list', { name: 'Takes' }).getByRole('listitem');
      await expect.poll(() => takes.count()).toBe(2);
      expect(await takes.nth(0).textContent()).toContain('first take');
      expect(await takes.nth(1).textContent()).toMatch(/score|fillers\/min|wpm|no change/);
      await shot(page, 'ux-04-takes-1280');
      await page.setViewportSize(SMALL);
      await shot(page, 'ux-04-takes-900');
      await page.setViewportSize(LARGE);

      await takes.nth(0).getByRole('button', { name: 'Delete take 1…' }).click();
      await takes.nth(0).getByRole('button', { name: 'Delete take 1' }).click();
      await expect.poll(() => takes.count()).toBe(1);

      // A false start: Esc asks, Discard keeps nothing.
      await page.getByRole('button', { name: 'Try this question again' }).click();
      await record.click();
      await page.getByText('Listening', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('alertdialog', { name: 'Discard this take?' }).waitFor();
      await shot(page, 'ux-05-discard-take');
      await page.getByRole('button', { name: 'Discard take' }).click();
      await page.getByText('Take discarded — nothing of it was saved.').waitFor();
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const rows = page.getByRole('list', { name: 'Saved sessions' }).getByRole('button');
      // The seeded session and the practice session, which kept one take.
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.first().textContent()).toContain('1 answer');
    },
    E2E_GUARD_MS,
  );

  it(
    'keeps the level meter, the nudge and four caption lines in view while recording at 900x600',
    async () => {
      await page.setViewportSize(SMALL);
      await page.goto(`${served.origin}/#/practice`);
      await page.getByText('Ready — works offline').waitFor();
      await page.getByRole('button', { name: /Record answer/ }).click();
      await page.getByText('Listening', { exact: true }).waitFor();
      const boxes = await page.evaluate<Record<string, { top: number; bottom: number } | null>>(`(() => {
      const box = (sel) => { const el = document.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
      const body = document.querySelector('.captions-body');
      const lineHeight = parseFloat(getComputedStyle(body).lineHeight);
      return { meter: box('[role="meter"]'), nudge: box('.nudge-slot'), captions: box('.captions-body'), line: { top: 0, bottom: lineHeight } };
    })()`);
      await shot(page, 'ux-06-recording-900');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Discard take' }).click();
      await page.setViewportSize(LARGE);
      const { meter, nudge, captions, line } = boxes;
      expect(meter!.bottom).toBeLessThanOrEqual(SMALL.height);
      expect(nudge!.top).toBeGreaterThanOrEqual(58);
      expect(nudge!.bottom).toBeLessThanOrEqual(SMALL.height);
      const visibleCaptionPx = Math.min(captions!.bottom, SMALL.height) - captions!.top;
      expect(visibleCaptionPx).toBeGreaterThanOrEqual(4 * line!.bottom);
    },
    E2E_GUARD_MS,
  );

  it(
    'plays from a clicked word, attaches a note to selected words, and never covers the notes',
    async () => {
      await page.goto(`${served.origin}/#/history/${seeded.sessionId}`);
      const review = page.locator('.answer-review').first();
      await review.getByRole('button', { name: 'Play' }).waitFor();
      const audio = page.getByLabel('Recording of answer 1');
      await expect
        .poll(() => audio.evaluate((el) => (el as unknown as { readyState: number }).readyState))
        .toBeGreaterThan(0);

      const words = review.locator('.review-transcript .review-word');
      await words.nth(2).click();
      await review.getByRole('button', { name: 'Pause' }).waitFor();
      expect(await audio.evaluate((el) => (el as unknown as { paused: boolean }).paused)).toBe(false);
      await review.getByRole('button', { name: 'Pause' }).click();

      // Select three words with the mouse, then click into the note box and type.
      const from = (await words.nth(1).boundingBox())!;
      const to = (await words.nth(3).boundingBox())!;
      await page.mouse.move(from.x + 1, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width - 1, to.y + to.height / 2, { steps: 5 });
      await page.mouse.up();
      const quoted = (await words.allTextContents()).slice(1, 4).join(' ');
      const addButton = review.getByRole('button', { name: /^Add note on/ });
      await addButton.waitFor();
      const box = review.getByLabel('New note');
      await box.click();
      await box.pressSequentially('Slow down here');
      expect(await addButton.textContent()).toContain(quoted.slice(0, 10));
      await shot(page, 'ux-02-note-on-selection');
      await addButton.click();
      const note = review.locator('.note-list .note').first();
      await note.waitFor();
      expect(await note.locator('.note-quote').textContent()).toBe(quoted);
      await review.getByRole('button', { name: /^Add note at/ }).waitFor();

      // The player is not drawn over the notes, however the page is scrolled, at either window size.
      for (const viewport of [LARGE, SMALL]) {
        await page.setViewportSize(viewport);
        await note.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        const covered = await note.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const doc = (el as unknown as { ownerDocument: PageDocument }).ownerDocument;
          const hit = doc.elementFromPoint(r.left + 20, r.top + 4);
          return hit !== null && !el.contains(hit as typeof el);
        });
        expect(covered).toBe(false);
        await shot(page, `ux-03-review-notes-${viewport.width}`);
      }
      await page.setViewportSize(LARGE);
      expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    },
    E2E_GUARD_MS,
  );

  it(
    'counts a long question up to its limit, then shows it wrapped with Record in view at 900x600',
    async () => {
      await page.setViewportSize(SMALL);
      await page.goto(`${served.origin}/#/practice`);
      await page.getByText('Practise a set of questions').click();
      const section = page.getByRole('region', { name: 'Your own questions' });
      const box = section.getByRole('textbox', { name: 'Question' });
      // One unbroken 80-letter word (a pasted URL does the same), then ordinary words up to the limit.
      const unbroken = 'Antidisestablishmentarianism'.repeat(3).slice(0, 80);
      const question = `Describe ${unbroken} and ${'the hardest trade-off you made in a project '.repeat(12)}`
        .slice(0, 500)
        .trim();
      await box.fill(question);
      await section.getByText(`${question.length} / 500`, { exact: false }).waitFor();
      await box.press('End');
      await box.pressSequentially(' and more words past the limit');
      await section.getByText('500 / 500 — that is the limit; shorten it to add more').waitFor();
      expect((await box.inputValue()).length).toBe(500);
      await box.fill(question);
      await section.getByRole('button', { name: 'Add question' }).click();
      await section.getByRole('button', { name: `Delete “${question}”` }).waitFor();
      await shot(page, 'ux-16-long-question-added-900');

      // The question joined the bank: asked, it wraps, the page does not scroll sideways and Record stays in view.
      await page.goto(`${served.origin}/#/practice`);
      await page.reload();
      const picker = page.getByRole('combobox', { name: 'Question' });
      const value = await picker.evaluate(
        (el, text) =>
          [...(el as unknown as { options: { value: string; text: string }[] }).options].find(
            (o) => o.text.trim() === text,
          )?.value ?? '',
        question,
      );
      expect(value).not.toBe('');
      await picker.selectOption(value);
      await expect
        .poll(async () => (await page.getByRole('heading', { level: 1 }).textContent())?.trim())
        .toBe(question);
      const layout = await page.evaluate<{ pageWidth: number; recordBottom: number }>(`(() => {
      const record = [...document.querySelectorAll('button')].find((b) => /Record answer/.test(b.textContent));
      return { pageWidth: document.documentElement.scrollWidth, recordBottom: record.getBoundingClientRect().bottom };
    })()`);
      await shot(page, 'ux-16-long-question-asked-900');
      expect(layout.pageWidth).toBeLessThanOrEqual(SMALL.width);
      expect(layout.recordBottom).toBeLessThanOrEqual(SMALL.height);
      await page.setViewportSize(LARGE);
      expect(pageErrors, pageErrors.join('\n')).toEqual([]);
    },
    E2E_GUARD_MS,
  );
});
