// Serves the renderer with Vite and a fake `window.api`, drives it in headless Chromium (with Chromium's fake
// microphone, so the real AudioWorklet runs) and saves screenshots to /tmp/shots. Development aid only: the
// fake API lives here, never in src/renderer.
//
//   node bin/run-ts.mjs scripts/previewRenderer.ts           # dev server, screenshots
//   node bin/run-ts.mjs scripts/previewRenderer.ts --build   # also production build: checks the worklet loads
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import type {
  AnswerResult,
  CaptionUpdate,
  EngineStatus,
  FillerHit,
  LiveStats,
  Nudge,
  Pause,
  Question,
  SessionDetail,
  SessionSummary,
  Word,
} from '../src/core/domain';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_ROOT = path.join(ROOT, 'src/renderer');
const SHOTS_DIR = '/tmp/shots';
const BUILD_DIR = '/tmp/interview-coach-renderer-build';
const VIEWPORT = { width: 1280, height: 860 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

const SESSION_ID = '6f1c2f0e-8d7b-4b7a-9a55-0c1f3e7d9b21';
const ANSWER_ID = '0b7f6f6a-3c1e-4c55-8f0e-2a9d1f4b7c10';

// ---------- sample data ----------

const QUESTIONS: Question[] = [
  {
    id: 'b1',
    kind: 'behavioural',
    text: 'Tell me about a time you had to deliver a project under a tight deadline.',
  },
  {
    id: 'b2',
    kind: 'behavioural',
    text: 'Describe a disagreement with a colleague and how you resolved it.',
  },
  {
    id: 's1',
    kind: 'situational',
    text: 'What would you do if a key teammate left in the middle of a release?',
  },
  { id: 'm1', kind: 'motivational', text: 'Why do you want to work here, and why now?' },
  {
    id: 't1',
    kind: 'technical-communication',
    text: 'Explain a technical decision you made to someone without a technical background.',
  },
];

const ANSWER_SCRIPT =
  'So in my last role I led the migration of our billing system to a new platform. Um, the tricky part was ' +
  "that we couldn't stop taking payments, so we, like, ran both systems side by side for six weeks. [2.4] " +
  'I set up a daily reconciliation report, uh, and whenever the numbers differed we fixed it before the next ' +
  'release. [1.9] In the end we switched over with zero downtime and, you know, the finance team actually thanked us.';

const FILLERS: { text: string; kind: FillerHit['kind'] }[] = [
  { text: 'um', kind: 'vocal' },
  { text: 'uh', kind: 'vocal' },
  { text: 'like', kind: 'lexical' },
  { text: 'you know', kind: 'lexical' },
];

function bare(text: string): string {
  return text.toLowerCase().replace(/[^a-z' ]/g, '');
}

function makeAnswer(questionText: string, script: string, answerId: string): AnswerResult {
  const words: Word[] = [];
  const longPauses: Pause[] = [];
  let t = 0.6;
  for (const token of script.split(/\s+/)) {
    const pause = /^\[(\d+(?:\.\d+)?)\]$/.exec(token);
    if (pause) {
      const durationSec = Number(pause[1]);
      longPauses.push({ startSec: t, endSec: t + durationSec, durationSec });
      t += durationSec;
      continue;
    }
    const length = 0.18 + token.length * 0.035;
    words.push({ text: ` ${token}`, startSec: t, endSec: t + length, probability: 0.9 });
    t += length + 0.07;
  }
  const fillers: FillerHit[] = [];
  words.forEach((word, i) => {
    for (const f of FILLERS) {
      const parts = f.text.split(' ');
      const span = words.slice(i, i + parts.length).map((w) => bare(w.text.trim()));
      if (span.join(' ') === f.text) {
        fillers.push({
          text: f.text,
          kind: f.kind,
          wordIndex: i,
          startSec: word.startSec,
          endSec: word.endSec,
        });
      }
    }
  });
  const first = words[0];
  const last = words[words.length - 1];
  const speakingSec = first && last ? last.endSec - first.startSec : 0;
  const durationSec = t + 0.8;
  return {
    answerId,
    sessionId: SESSION_ID,
    questionText,
    words,
    text: words.map((w) => w.text).join(''),
    audioPath: `/tmp/${answerId}.wav`,
    metrics: {
      durationSec,
      speakingSec,
      wordCount: words.length,
      wordsPerMinute: (words.length / speakingSec) * 60,
      fillers,
      fillerCount: fillers.length,
      fillersPerMinute: (fillers.length / durationSec) * 60,
      longPauses,
      longestPauseSec: Math.max(0, ...longPauses.map((p) => p.durationSec)),
    },
  };
}

const RESULT = makeAnswer(QUESTIONS[0]!.text, ANSWER_SCRIPT, ANSWER_ID);

const SESSIONS: SessionSummary[] = [
  {
    id: SESSION_ID,
    startedAt: '2025-11-21T14:05:00Z',
    title: 'Product manager loop — behavioural',
    answerCount: 3,
    durationSec: 254,
    wordsPerMinute: 142,
    fillerCount: 7,
  },
  {
    id: '1d2c3b4a-0000-4000-8000-000000000002',
    startedAt: '2025-11-19T09:40:00Z',
    title: 'Warm-up: motivation questions',
    answerCount: 2,
    durationSec: 131,
    wordsPerMinute: 156,
    fillerCount: 4,
  },
  {
    id: '1d2c3b4a-0000-4000-8000-000000000003',
    startedAt: '2025-11-15T18:12:00Z',
    title: 'Explaining technical decisions',
    answerCount: 4,
    durationSec: 402,
    wordsPerMinute: 131,
    fillerCount: 12,
  },
  {
    id: '1d2c3b4a-0000-4000-8000-000000000004',
    startedAt: '2025-11-12T20:30:00Z',
    title: 'First try',
    answerCount: 1,
    durationSec: 48,
    wordsPerMinute: 171,
    fillerCount: 6,
  },
];

const DETAIL: SessionDetail = {
  ...SESSIONS[0]!,
  answers: [
    RESULT,
    makeAnswer(
      QUESTIONS[1]!.text,
      'We disagreed about, um, whether to ship behind a feature flag. [2.1] I asked for half an hour to ' +
        'compare both plans on paper, and once we saw the rollback risk side by side we agreed quickly.',
      'a1b2c3d4-0000-4000-8000-000000000009',
    ),
  ],
};

const ENGINE_READY: EngineStatus = {
  state: 'ready',
  message: 'Whisper base.en loaded',
  modelPath: '/models/ggml-base.en.bin',
};

const ENGINE_MISSING_MODEL: EngineStatus = {
  state: 'error',
  message:
    'No speech model found in ~/.config/interview-coach/models. Download ggml-base.en.bin (about 140 MB) ' +
    'into that folder and restart Interview Coach.',
};

type PreviewData = {
  questions: Question[];
  result: AnswerResult;
  sessions: SessionSummary[];
  detail: SessionDetail;
  engine: EngineStatus;
  stopDelayMs: number;
};

// The fake API as plain JavaScript, injected before the page's own scripts (CDP init scripts ignore the CSP).
function fakeApiScript(data: PreviewData): string {
  return `(() => {
  const data = ${JSON.stringify(data)};
  const listeners = { caption: new Set(), nudge: new Set(), stats: new Set(), engine: new Set(), answerError: new Set() };
  const subscribe = (name) => (cb) => { listeners[name].add(cb); return () => listeners[name].delete(cb); };
  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const stats = { frames: 0, bytes: 0, frameSizes: [], started: [] };
  window.__preview = {
    stats,
    emit(name, payload) { for (const cb of listeners[name]) cb(payload); },
  };
  window.api = {
    getStatus: async () => ({ dataDir: '~/.config/interview-coach', modelsDir: '~/.config/interview-coach/models', engine: data.engine }),
    listQuestions: async () => { await delay(80); return data.questions; },
    startAnswer: async (options) => { stats.started.push(options); await delay(120); return { sessionId: '${SESSION_ID}', answerId: '${ANSWER_ID}' }; },
    stopAnswer: async () => { await delay(data.stopDelayMs); return data.result; },
    cancelAnswer: async () => undefined,
    listSessions: async () => { await delay(80); return data.sessions; },
    getSession: async () => { await delay(120); return data.detail; },
    sendAudio: (_id, buffer) => { stats.frames += 1; stats.bytes += buffer.byteLength; if (stats.frameSizes.length < 5) stats.frameSizes.push(buffer.byteLength); },
    onCaption: subscribe('caption'),
    onNudge: subscribe('nudge'),
    onLiveStats: subscribe('stats'),
    onEngineStatus: subscribe('engine'),
    onAnswerError: subscribe('answerError'),
  };
})();`;
}

type PreviewHooks = {
  __preview: {
    stats: { frames: number; bytes: number; frameSizes: number[] };
    emit(name: 'caption' | 'nudge' | 'stats' | 'engine' | 'answerError', payload: unknown): void;
  };
};

async function emit(
  page: Page,
  name: 'caption' | 'nudge' | 'stats' | 'engine',
  payload: unknown,
): Promise<void> {
  await page.evaluate(([n, p]) => (globalThis as unknown as PreviewHooks).__preview.emit(n, p), [
    name,
    payload,
  ] as const);
}

async function audioStats(page: Page): Promise<PreviewHooks['__preview']['stats']> {
  return page.evaluate(() => (globalThis as unknown as PreviewHooks).__preview.stats);
}

async function waitForFrames(page: Page, atLeast: number, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await audioStats(page)).frames < atLeast) {
    if (Date.now() > deadline) throw new Error(`no audio frames arrived (wanted ${atLeast})`);
    await page.waitForTimeout(100);
  }
}

function caption(seq: number, committedText: string, tentativeText: string): CaptionUpdate {
  return { answerId: ANSWER_ID, seq, committedText, tentativeText, audioSec: seq };
}

function liveStats(
  elapsedSec: number,
  wordsPerMinute: number,
  fillerCount: number,
  behind = false,
): LiveStats {
  return { answerId: ANSWER_ID, elapsedSec, wordsPerMinute, fillerCount, behind };
}

async function openPage(browser: Browser, url: string, data: PreviewData, dark = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    colorScheme: dark ? 'dark' : 'light',
    permissions: ['microphone'],
  });
  await context.addInitScript(fakeApiScript(data));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.log(`[page ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) console.log(`[page] ${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`saved ${file}`);
}

const baseData: PreviewData = {
  questions: QUESTIONS,
  result: RESULT,
  sessions: SESSIONS,
  detail: DETAIL,
  engine: ENGINE_READY,
  stopDelayMs: 1500,
};

async function screenshots(browser: Browser, url: string): Promise<void> {
  const page = await openPage(browser, url, baseData);
  await page.getByRole('heading', { name: QUESTIONS[0]!.text }).waitFor();
  await shot(page, 'practice-idle');

  // Record with Chromium's fake microphone: the real worklet produces frames for the fake sendAudio.
  await page.locator('body').press('Space');
  await page.getByRole('button', { name: /stop/i }).waitFor();
  await waitForFrames(page, 3);
  const stats = await audioStats(page);
  console.log(`audio: ${stats.frames} frames, sizes ${stats.frameSizes.join(', ')} bytes`);

  const committed =
    'So in my last role I led the migration of our billing system to a new platform. Um, the tricky part was ' +
    "that we couldn't stop taking payments,";
  await emit(page, 'caption', caption(1, 'So in my last role', 'I led the migration'));
  await emit(page, 'caption', caption(7, committed, 'so we, like, ran both systems side by'));
  await emit(page, 'caption', caption(3, 'stale update that must be ignored', ''));
  await emit(page, 'stats', liveStats(23, 148, 2));
  const nudge: Nudge = { kind: 'fewer-fillers', message: 'Try a short pause instead of “um”', atSec: 22 };
  await emit(page, 'nudge', nudge);
  await page.waitForTimeout(600);
  await shot(page, 'practice-recording');

  await emit(page, 'stats', liveStats(31, 151, 2, true));
  await page.waitForTimeout(4200);
  await shot(page, 'practice-behind');

  await page.locator('body').press('Space');
  await page.getByText('Finalising transcript…').waitFor();
  await page.waitForTimeout(200);
  await shot(page, 'practice-finalising');

  await page.getByRole('button', { name: 'Practise another question' }).waitFor();
  await shot(page, 'result', true);

  await page.getByRole('button', { name: 'Practise another question' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('list', { name: 'Saved sessions' }).waitFor();
  await shot(page, 'history');
  await page.getByRole('button', { name: /Product manager loop/ }).click();
  await page.getByRole('heading', { name: 'Product manager loop — behavioural' }).waitFor();
  await shot(page, 'history-detail', true);
  await page.keyboard.press('Escape');
  await page.getByRole('list', { name: 'Saved sessions' }).waitFor();
  await page.context().close();

  const errorPage = await openPage(browser, url, { ...baseData, engine: ENGINE_MISSING_MODEL });
  await errorPage
    .getByText(/No speech model found/)
    .first()
    .waitFor();
  await shot(errorPage, 'engine-error');
  await errorPage.context().close();

  const empty = await openPage(browser, url, { ...baseData, sessions: [] }, true);
  await empty.getByRole('heading', { name: QUESTIONS[0]!.text }).waitFor();
  await empty.getByRole('button', { name: 'Test microphone' }).click();
  const meter = empty.getByRole('meter', { name: 'Microphone input level' });
  let loudest = 0;
  for (let i = 0; i < 30 && loudest < 40; i++) {
    loudest = Math.max(loudest, Number(await meter.getAttribute('aria-valuenow')));
    await empty.waitForTimeout(50);
  }
  console.log(`microphone test: meter reached ${loudest}%`);
  await shot(empty, 'practice-dark-mic-test');
  await empty.getByRole('button', { name: 'Stop test' }).click();
  await empty.getByRole('button', { name: 'History' }).click();
  await empty.getByText('No practice sessions yet').waitFor();
  await shot(empty, 'history-empty-dark');
  await empty.context().close();
}

async function checkProductionBuild(browser: Browser): Promise<void> {
  await build({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: BUILD_DIR, emptyOutDir: true, minify: false, target: 'chrome130' },
  });
  const server = await preview({
    configFile: false,
    root: RENDERER_ROOT,
    base: './',
    logLevel: 'warn',
    build: { outDir: BUILD_DIR },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  const page = await openPage(browser, url, baseData);
  await page.getByRole('heading', { name: QUESTIONS[0]!.text }).waitFor();
  await page.locator('body').press('Space');
  await waitForFrames(page, 2);
  const stats = await audioStats(page);
  console.log(
    `production build: worklet delivered ${stats.frames} frames (${stats.frameSizes.join(', ')} bytes)`,
  );
  await page.context().close();
  await server.close();
}

async function main(): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const server = await createServer({
    configFile: false,
    root: RENDERER_ROOT,
    plugins: [react()],
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('dev server has no URL');
  console.log(`renderer at ${url}`);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    await screenshots(browser, url);
    if (process.argv.includes('--build')) await checkProductionBuild(browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
