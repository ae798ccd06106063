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
import { ensureCoachingFixtures } from './makeCoachingFixtures';
import { readWav16kMono } from '../src/core/audio/readWav';
import { computeAnswerReport, transcriptOnlyReport } from '../src/core/coaching/answerReport';
import { trackPitch } from '../src/core/coaching/pitchTracker';
import { scoreSession } from '../src/core/coaching/sessionScore';
import { DEFAULT_SETTINGS } from '../src/core/settings/coachSettings';
import { noteMatch, transcriptMatch } from '../src/core/storage/searchSnippet';
import { readFileSync } from 'node:fs';
import type { CoachSettings } from '../src/shared/coachingSchemas';
import type {
  AnswerResult,
  CaptionUpdate,
  EngineStatus,
  FillerHit,
  LiveStats,
  Nudge,
  Pause,
  Question,
  CoachNote,
  SearchHit,
  SessionDetail,
  SessionReview,
  SessionSummary,
  Word,
} from '../src/shared/domain';
import { catalogInfo, MODEL_CATALOG } from '../src/core/models/modelCatalog';
import type { ModelsOverview } from '../src/shared/modelsContract';
import { fakeMicrophoneArgs, HEADLESS_CHROMIUM_ARGS } from './chromiumArgs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_ROOT = path.join(ROOT, 'src/renderer');
const SHOTS_DIR = '/tmp/shots';
const BUILD_DIR = '/tmp/interview-coach-renderer-build';
const VIEWPORT = { width: 1280, height: 860 };
const CHROMIUM_ARGS = [
  ...HEADLESS_CHROMIUM_ARGS,
  ...fakeMicrophoneArgs(),
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
    covers:
      'Why the deadline was tight, how you prioritised and cut scope, who you kept informed, and whether you delivered.',
    target: { minSec: 45, maxSec: 90 },
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
  const durationSec = t + 0.8;
  return {
    answerId,
    sessionId: SESSION_ID,
    questionText,
    words,
    text: words.map((w) => w.text).join(''),
    audioPath: `/tmp/${answerId}.wav`,
    // The scripted fillers and pauses, as written, over the measured report.
    report: { ...transcriptOnlyReport(words, durationSec), fillers, fillerCount: fillers.length, longPauses },
  };
}

/**
 * The main result is a real analysis of a synthesised answer (scripts/makeCoachingFixtures.ts): its words
 * without the "um"s, as Whisper tends to write them, and the audio-based voice and filled-pause checks.
 */
async function fixtureResult(): Promise<AnswerResult> {
  const truth = (await ensureCoachingFixtures()).find((f) => f.name === 'fillers-us-male')!;
  const samples = readWav16kMono(truth.wavPath).samples;
  const words: Word[] = truth.words.map((w) => ({
    text: ` ${w.text}`,
    startSec: w.startSec,
    endSec: w.endSec,
  }));
  // Whisper writes a few fillers when prompted: keep the first two as words.
  for (const f of truth.fillers.slice(0, 2))
    words.push({ text: ' um,', startSec: f.startSec, endSec: f.endSec });
  words.sort((a, b) => a.startSec - b.startSec);
  const report = computeAnswerReport({
    words,
    durationSec: truth.durationSec,
    question: QUESTIONS[0],
    target: QUESTIONS[0]!.target,
    audio: { track: trackPitch(samples), samples },
  });
  return {
    answerId: ANSWER_ID,
    sessionId: SESSION_ID,
    questionText: QUESTIONS[0]!.text,
    words,
    text: words.map((w) => w.text).join(''),
    audioPath: truth.wavPath,
    report,
  };
}

/** A scripted answer with the transcript-only analysis (no audio), for the other answers and sessions. */
function withAnalysis(result: AnswerResult, question: Question): AnswerResult {
  return {
    ...result,
    report: computeAnswerReport({
      words: result.words,
      durationSec: result.report.durationSec,
      question,
    }),
  };
}

const RESULT = await fixtureResult();

/** Eight sessions over four weeks, getting better: what the Trends screen is for. */
const SESSION_TITLES = [
  'Product manager loop — behavioural',
  'Warm-up: motivation questions',
  'Explaining technical decisions',
  'Situational questions',
  'Behavioural set for data roles',
  'Mock interview, round two',
  'Quick practice before the call',
  'First try',
];
const SESSIONS: SessionSummary[] = SESSION_TITLES.map((title, i) => {
  const age = i; // 0 = newest
  const day = new Date(Date.UTC(2025, 10, 21 - age * 4, 14 + (age % 3), 5));
  const answerCount = [3, 2, 4, 3, 5, 3, 1, 1][i]!;
  const durationSec = answerCount * (70 + ((age * 17) % 40));
  const fillersPerMinute = 1.6 + age * 0.75 + (age % 2) * 0.4;
  return {
    id: i === 0 ? SESSION_ID : `1d2c3b4a-0000-4000-8000-00000000000${i}`,
    startedAt: day.toISOString(),
    title,
    answerCount,
    durationSec,
    wordsPerMinute: 148 + age * 4.5 - (age % 2) * 6,
    fillerCount: Math.round((fillersPerMinute * durationSec) / 60),
    fillersPerMinute,
    score: Math.round(84 - age * 4.2 + (age % 2) * 2),
  };
});

const DETAIL_ANSWERS: AnswerResult[] = [
  RESULT,
  withAnalysis(
    makeAnswer(
      QUESTIONS[1]!.text,
      'At my last job we disagreed about, um, whether to ship behind a feature flag. [2.1] I think I was ' +
        'responsible for the release, so I asked for half an hour to compare both plans on paper, and once we ' +
        'saw the rollback risk side by side we agreed quickly. As a result we shipped on Friday.',
      'a1b2c3d4-0000-4000-8000-000000000009',
    ),
    QUESTIONS[1]!,
  ),
  withAnalysis(
    makeAnswer(QUESTIONS[3]!.text, ANSWER_SCRIPT, 'a1b2c3d4-0000-4000-8000-00000000000a'),
    QUESTIONS[3]!,
  ),
];

const DETAIL: SessionDetail = {
  ...SESSIONS[0]!,
  answers: DETAIL_ANSWERS,
  sessionScore: scoreSession(DETAIL_ANSWERS.map((a) => a.report.coaching)),
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
  settings: CoachSettings;
  questions: Question[];
  result: AnswerResult;
  sessions: SessionSummary[];
  detail: SessionDetail;
  engine: EngineStatus;
  models: ModelsOverview;
  stopDelayMs: number;
  /** The first answer's recording, for the review player (issue #5). */
  audioBase64: string;
  searchHits: SearchHit[];
  review: SessionReview;
};

// The fake API as plain JavaScript, injected before the page's own scripts (CDP init scripts ignore the CSP).
function fakeApiScript(data: PreviewData): string {
  return `(() => {
  const data = ${JSON.stringify(data)};
  const listeners = { caption: new Set(), nudge: new Set(), stats: new Set(), engine: new Set(), answerError: new Set(), modelDownload: new Set() };
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
    buildPracticeSet: async (options) => { await delay(60); const pool = options.questionIds ? data.questions.filter((q) => options.questionIds.includes(q.id)) : data.questions; return pool.slice(0, options.count); },
    addCustomQuestion: async (q) => { const added = { id: 'custom-' + Date.now(), text: q.text, kind: q.kind, roles: ['general'], custom: true }; data.questions.push(added); return added; },
    deleteCustomQuestion: async (id) => { data.questions = data.questions.filter((q) => q.id !== id); },
    getSettings: async () => data.settings,
    updateSettings: async (update) => { data.settings = { nudges: { ...data.settings.nudges, ...update.nudges }, practice: { ...data.settings.practice, ...update.practice }, speech: { ...data.settings.speech, ...update.speech } }; return data.settings; },
    resetSettings: async () => data.settings,
    sendAudio: (_id, buffer) => { stats.frames += 1; stats.bytes += buffer.byteLength; if (stats.frameSizes.length < 5) stats.frameSizes.push(buffer.byteLength); },
    onCaption: subscribe('caption'),
    onNudge: subscribe('nudge'),
    onLiveStats: subscribe('stats'),
    onEngineStatus: subscribe('engine'),
    onAnswerError: subscribe('answerError'),
    listModels: async () => { await delay(60); return data.models; },
    downloadModel: async () => data.models,
    cancelModelDownload: async () => data.models,
    importModel: async () => data.models,
    deleteModel: async () => data.models,
    setActiveModel: async () => data.models,
    reloadEngine: async () => data.models,
    retrySaveAnswer: async () => data.result,
    onModelDownload: subscribe('modelDownload'),
    listHistory: async (q) => { await delay(60); let rows = data.sessions.slice(); if (q.minScore !== undefined) rows = rows.filter((r) => (r.score ?? 0) >= q.minScore); if (q.sort === 'score') rows.sort((a, b) => (q.direction === 'asc' ? 1 : -1) * ((a.score ?? 0) - (b.score ?? 0))); return { sessions: rows, total: rows.length, offset: q.offset ?? 0 }; },
    searchHistory: async (q) => { await delay(60); const t = q.text.toLowerCase().split(' ').pop(); const hits = data.searchHits.filter((h) => h.snippet.some((p) => p.hit && p.text.toLowerCase().startsWith(t))); return hits.length ? hits : data.searchHits; },
    getAnswerAudio: async (id) => { await delay(40); if (id !== '${ANSWER_ID}') throw new Error('No saved recording for answer ' + id + '.'); const bin = atob(data.audioBase64); const out = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out.buffer; },
    getSessionReview: async () => structuredClone(data.review),
    addNote: async (n) => { const note = { id: Date.now(), endSec: null, wordStart: null, wordEnd: null, ...n, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() }; data.review.notes.push(note); return note; },
    updateNote: async (id, u) => { const note = data.review.notes.find((n) => n.id === id); note.body = u.body; return note; },
    deleteNote: async (id) => { data.review.notes = data.review.notes.filter((n) => n.id !== id); },
    setRubricScore: async (u) => { const r = (data.review.rubric[u.answerId] ??= {}); if (u.score === null) delete r[u.criterion]; else r[u.criterion] = u.score; return r; },
    deleteSession: async (id) => { data.sessions = data.sessions.filter((s) => s.id !== id); },
    getDataUsage: async () => ({ dataDir: '~/.local/share/interview-coach', sessionCount: data.sessions.length, databaseBytes: 3_145_728, audioBytes: 41_943_040, modelsBytes: 147_951_465, totalBytes: 193_040_233 }),
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
  return { answerId: ANSWER_ID, elapsedSec, wordsPerMinute, fillerCount, longPauseCount: 1, behind };
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

// ---------- review sample data (issue #5) ----------

function hitFor(session: SessionSummary, answer: AnswerResult, query: string): SearchHit {
  const match = transcriptMatch(answer.words, query)!;
  return {
    sessionId: session.id,
    sessionTitle: session.title,
    startedAt: session.startedAt,
    answerId: answer.answerId,
    questionText: answer.questionText,
    source: 'transcript',
    noteId: null,
    ...match,
  };
}

const REVIEW_NOTES: CoachNote[] = [
  {
    id: 1,
    answerId: ANSWER_ID,
    atSec: 2.2,
    endSec: 3.4,
    wordStart: 4,
    wordEnd: 6,
    body: 'Good hook. Say the outcome in this first sentence.',
    createdAt: '2025-11-21T15:00:00Z',
    updatedAt: '2025-11-21T15:00:00Z',
  },
  {
    id: 2,
    answerId: ANSWER_ID,
    atSec: 9.5,
    endSec: null,
    wordStart: null,
    wordEnd: null,
    body: 'Two fillers in a row here: pause silently instead.',
    createdAt: '2025-11-21T15:01:00Z',
    updatedAt: '2025-11-21T15:01:00Z',
  },
];

const SEARCH_HITS: SearchHit[] = [
  hitFor(SESSIONS[0]!, DETAIL_ANSWERS[0]!, RESULT.words[8]!.text.trim().replace(/\W+$/, '')),
  hitFor(SESSIONS[0]!, DETAIL_ANSWERS[1]!, 'feature flag'),
  {
    ...hitFor(SESSIONS[0]!, DETAIL_ANSWERS[0]!, RESULT.words[8]!.text.trim().replace(/\W+$/, '')),
    source: 'note',
    noteId: 1,
    atSec: 2.2,
    wordIndex: null,
    snippet: noteMatch(REVIEW_NOTES[0]!.body, 'outcome'),
  },
];

/** The real catalog, with base.en installed and active and a small model half downloaded. */
const MODELS: ModelsOverview = {
  modelsDir: '~/.config/interview-coach/models',
  rows: MODEL_CATALOG.map((m) => ({
    fileName: m.fileName,
    catalog: catalogInfo(m),
    installed:
      m.fileName === 'ggml-base.en.bin'
        ? { sizeBytes: m.sizeBytes, multilingual: false, quantisation: 'f16', sizeName: 'base' }
        : null,
    problem: null,
    partialBytes: m.fileName === 'ggml-small.en-q5_1.bin' ? Math.round(m.sizeBytes * 0.4) : null,
    active: m.fileName === 'ggml-base.en.bin',
  })),
  activeFile: 'ggml-base.en.bin',
  activeChosen: true,
  envOverride: null,
  activeMultilingual: false,
  language: 'en',
  downloads: [],
};

const baseData: PreviewData = {
  settings: DEFAULT_SETTINGS,
  models: MODELS,
  questions: [
    ...QUESTIONS,
    {
      id: 'custom-1',
      kind: 'behavioural',
      text: 'Tell me about a time you mentored a new teammate.',
      custom: true,
    },
  ],
  result: RESULT,
  sessions: SESSIONS,
  detail: DETAIL,
  engine: ENGINE_READY,
  stopDelayMs: 1500,
  audioBase64: readFileSync(RESULT.audioPath).toString('base64'),
  searchHits: SEARCH_HITS,
  review: { notes: REVIEW_NOTES, rubric: { [ANSWER_ID]: { structure: 4, clarity: 3 } } },
};

/** History search, filters, review playback synced to the transcript, notes, delete (issue #5). */
async function reviewScreens(browser: Browser, url: string): Promise<void> {
  const page = await openPage(browser, url, structuredClone(baseData));
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('list', { name: 'Saved sessions' }).waitFor();
  await page.getByLabel('Sort', { exact: true }).selectOption({ label: 'Highest score' });
  await page.getByLabel('Score', { exact: true }).selectOption({ label: '70 or more' });
  await page.waitForTimeout(200);
  await shot(page, 'history-filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('searchbox').fill('feature');
  await page.getByRole('list', { name: 'Search results' }).waitFor();
  await shot(page, 'history-search');
  await page.getByRole('searchbox').fill('');
  await page.getByRole('searchbox').fill(SEARCH_HITS[0]!.snippet.find((p) => p.hit)!.text);
  await page.getByRole('list', { name: 'Search results' }).waitFor();
  await page.locator('.search-hit', { hasText: QUESTIONS[0]!.text }).first().click();
  await page.locator('.review-word.is-current').first().waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'review-jumped');
  await page.keyboard.press('Space');
  await page.waitForTimeout(1600);
  await shot(page, 'review-playing');
  const current = await page.locator('.review-word.is-current').count();
  console.log(`[review] words highlighted while playing: ${current}`);
  await page.keyboard.press('Space');
  await page.getByLabel('New note').first().fill('Strong numbers here; lead with them.');
  await page
    .getByRole('button', { name: /Add note at/ })
    .first()
    .click();
  await page.waitForTimeout(200);
  await page.locator('.coach-notes').first().scrollIntoViewIfNeeded();
  await shot(page, 'review-notes');
  await page.getByRole('button', { name: 'Delete session…' }).click();
  await page.getByRole('alertdialog').waitFor();
  await page.evaluate('window.scrollTo(0, 0)');
  await shot(page, 'review-delete-confirm');
  await page.context().close();
}

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

  await coachingScreens(browser, url);

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

/** A practice set from setup to summary, the Trends and Settings screens, and a dark-mode report. */
async function coachingScreens(browser: Browser, url: string): Promise<void> {
  const page = await openPage(browser, url, { ...baseData, stopDelayMs: 300 });
  await page.getByRole('heading', { name: QUESTIONS[0]!.text }).waitFor();
  await page.getByText('Practise a set of questions').click();
  await page.locator('label.segment', { hasText: 'Choose by hand' }).click();
  await page.getByRole('checkbox', { name: new RegExp(QUESTIONS[0]!.text.slice(0, 30)) }).check();
  await page.getByRole('checkbox', { name: new RegExp(QUESTIONS[3]!.text.slice(0, 20)) }).check();
  await page.getByRole('checkbox', { name: new RegExp(QUESTIONS[1]!.text.slice(0, 20)) }).check();
  await shot(page, 'practice-set-setup', true);
  await page.getByRole('button', { name: 'Start the set' }).click();
  await page.getByText(/Question\s*1\s*of 3/).waitFor();

  // First question: record, and see the time nudges arrive over the target.
  await page.locator('body').press('Space');
  await page.getByRole('button', { name: /stop/i }).waitFor();
  await emit(
    page,
    'caption',
    caption(1, 'In my last role I was responsible for the billing platform.', 'We had six weeks'),
  );
  await emit(page, 'stats', liveStats(62, 138, 1));
  await emit(page, 'nudge', { kind: 'time-left', message: '28 seconds left', atSec: 62 } satisfies Nudge);
  await page.waitForTimeout(500);
  await shot(page, 'practice-set-recording');
  await page.locator('body').press('Space');
  await page.getByRole('button', { name: /Next question/ }).waitFor();
  await shot(page, 'practice-set-result', true);

  // Second question: skip it; third: answer and finish.
  await page.getByRole('button', { name: /Next question/ }).click();
  await page.getByRole('button', { name: 'Skip question' }).click();
  await page.getByText(/Question\s*3\s*of 3/).waitFor();
  await page.getByRole('button', { name: /Record answer/ }).click();
  await page.getByRole('button', { name: /stop/i }).waitFor();
  await page.waitForTimeout(300);
  await page.locator('body').press('Space');
  await page.getByRole('button', { name: 'Finish the set' }).click();
  await page.getByRole('heading', { name: 'How the session went' }).waitFor();
  await page.getByText('Across the session').waitFor();
  await shot(page, 'set-summary', true);
  await page.getByRole('button', { name: 'Back to practice' }).click();

  await page.getByRole('button', { name: 'Trends' }).click();
  await page.getByRole('heading', { name: 'Trends' }).waitFor();
  await page.waitForTimeout(400);
  await shot(page, 'trends', true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await shot(page, 'settings', true);
  await page.getByRole('heading', { name: 'Speech models' }).scrollIntoViewIfNeeded();
  await shot(page, 'settings-models');
  await page.context().close();

  const dark = await openPage(browser, url, { ...baseData, stopDelayMs: 100 }, true);
  await dark.getByRole('heading', { name: QUESTIONS[0]!.text }).waitFor();
  await dark.locator('body').press('Space');
  await dark.getByRole('button', { name: /stop/i }).waitFor();
  await dark.locator('body').press('Space');
  await dark.getByRole('button', { name: 'Practise another question' }).waitFor();
  await dark.waitForTimeout(300);
  await shot(dark, 'result-dark', true);
  await dark.getByRole('button', { name: 'Trends' }).click();
  await dark.waitForTimeout(500);
  await shot(dark, 'trends-dark', true);
  await dark.context().close();
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
    if (process.argv.includes('--review-only')) {
      await reviewScreens(browser, url);
      return;
    }
    await screenshots(browser, url);
    await reviewScreens(browser, url);
    if (process.argv.includes('--build')) await checkProductionBuild(browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
