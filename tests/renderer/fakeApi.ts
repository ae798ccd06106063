// A `window.api` made of vi.fn mocks, plus helpers to push events the way main would.
import { vi } from 'vitest';
import type {
  AnswerFinishing,
  AnswerResult,
  CaptionUpdate,
  CoachNote,
  EngineStatus,
  FillerHit,
  LiveStats,
  Nudge,
  Pause,
  Question,
  SessionDetail,
  SessionSummary,
  Word,
} from '../../src/shared/domain';
import type { CoachSettings } from '../../src/shared/coachingSchemas';
import type { ImportProgress, PushChannels } from '../../src/shared/ipcContract';
import type { CoachApi, ServerConnectionState } from '../../src/shared/apiMethods';
import type { ModelDownloadProgress, ModelRow, ModelsOverview } from '../../src/shared/modelsContract';

export const SESSION_ID = '11111111-1111-4111-8111-111111111111';
export const ANSWER_ID = '22222222-2222-4222-8222-222222222222';

export const QUESTIONS: Question[] = [
  { id: 'q1', kind: 'behavioural', text: 'Tell me about a time you failed.' },
  { id: 'q2', kind: 'motivational', text: 'Why do you want this job?' },
];

/** The app's defaults (src/core/settings/coachSettings.ts), spelled out: the renderer can't import core. */
export const DEFAULT_TEST_SETTINGS: CoachSettings = {
  nudges: {
    enabled: true,
    timeNudges: true,
    slowDownAboveWpm: 170,
    speedUpBelowWpm: 100,
    fillerBurstCount: 3,
    fillerBurstWindowSec: 20,
    longSilenceSec: 5,
    minSpacingSec: 10,
    sameKindSpacingSec: 30,
    encouragementAfterSec: 40,
  },
  practice: { defaultTarget: { minSec: 60, maxSec: 120 } },
  speech: { model: null, language: 'en' },
  mock: { thinkTimeSec: 5, followUps: true },
};

function catalogRow(
  fileName: string,
  sizeBytes: number,
  multilingual: boolean,
  overrides: Partial<ModelRow> = {},
): ModelRow {
  const id = fileName.replace(/^ggml-|\.bin$/g, '');
  return {
    fileName,
    catalog: {
      id,
      label: id,
      sizeBytes,
      sha256: 'a'.repeat(64),
      multilingual,
      quantisation: 'f16',
      notes: `Notes for ${id}.`,
      recommended: id === 'base.en',
    },
    installed: null,
    problem: null,
    partialBytes: null,
    active: false,
    ...overrides,
  };
}

/** Settings → Models with base.en installed and active, tiny.en and base downloadable. */
export function sampleModelsOverview(overrides: Partial<ModelsOverview> = {}): ModelsOverview {
  return {
    modelsDir: '/data/models',
    rows: [
      catalogRow('ggml-tiny.en.bin', 77_704_715, false),
      catalogRow('ggml-base.en.bin', 147_964_211, false, {
        installed: { sizeBytes: 147_964_211, multilingual: false, quantisation: 'f16', sizeName: 'base' },
        active: true,
      }),
      catalogRow('ggml-base.bin', 147_951_465, true),
    ],
    activeFile: 'ggml-base.en.bin',
    activeChosen: false,
    envOverride: null,
    activeMultilingual: false,
    language: 'en',
    downloads: [],
    ...overrides,
  };
}

/** The first run: nothing installed. */
export function emptyModelsOverview(): ModelsOverview {
  const full = sampleModelsOverview();
  return {
    ...full,
    rows: full.rows.map((r) => ({ ...r, installed: null, active: false })),
    activeFile: null,
  };
}

export const ENGINE_READY: EngineStatus = {
  state: 'ready',
  message: 'Model loaded',
  modelPath: '/m/base.bin',
};

/** "So um I think [2.4 s] you know it works." with two fillers and one long pause. */
export function sampleResult(overrides: Partial<AnswerResult> = {}): AnswerResult {
  const texts = ['So', 'um', 'I', 'think', 'you', 'know', 'it', 'works.'];
  const words: Word[] = texts.map((text, i) => {
    const startSec = i * 0.5 + (i >= 4 ? 2.4 : 0);
    return { text: ` ${text}`, startSec, endSec: startSec + 0.4 };
  });
  const fillers: FillerHit[] = [
    { text: 'um', kind: 'vocal', wordIndex: 1, startSec: 0.5, endSec: 0.9 },
    { text: 'you know', kind: 'lexical', wordIndex: 4, startSec: 4.4, endSec: 5.3 },
  ];
  const longPauses: Pause[] = [{ startSec: 1.9, endSec: 4.3, durationSec: 2.4 }];
  return {
    answerId: ANSWER_ID,
    sessionId: SESSION_ID,
    questionText: QUESTIONS[0]!.text,
    words,
    text: texts.join(' '),
    audioPath: '/data/a.wav',
    report: {
      durationSec: 65,
      speakingSec: 6.3,
      wordCount: 8,
      fillers,
      fillerCount: 2,
      transcriptFillersPerMinute: 1.8,
      longPauses,
      pace: {
        wordsPerMinute: 76.2,
        verdict: 'slow',
        timeline: [],
        variationWpm: 0,
        longPauseCount: 1,
        longestPauseSec: 2.4,
        longestPauseAtSec: 1.9,
      },
      coaching: null,
    },
    ...overrides,
  };
}

export const SESSIONS: SessionSummary[] = [
  {
    id: SESSION_ID,
    startedAt: '2025-11-20T10:00:00Z',
    title: 'Morning warm-up',
    answerCount: 2,
    durationSec: 125,
    wordsPerMinute: 141.4,
    fillerCount: 5,
  },
  {
    id: '33333333-3333-4333-8333-333333333333',
    startedAt: '2025-11-18T19:30:00Z',
    title: 'Motivation questions',
    answerCount: 1,
    durationSec: 50,
    wordsPerMinute: 160,
    fillerCount: 1,
  },
];

export function sampleDetail(): SessionDetail {
  return {
    ...SESSIONS[0]!,
    answers: [
      sampleResult(),
      sampleResult({ answerId: '44444444-4444-4444-8444-444444444444', questionText: QUESTIONS[1]!.text }),
    ],
  };
}

let nextNoteId = 1;

export function sampleNote(
  overrides: Partial<CoachNote> & { endSec?: number | null | undefined } = {},
): CoachNote {
  return {
    id: 1,
    answerId: ANSWER_ID,
    atSec: 1,
    wordStart: null,
    wordEnd: null,
    body: 'Slow down here.',
    createdAt: '2025-11-21T10:00:00Z',
    updatedAt: '2025-11-21T10:00:00Z',
    ...overrides,
    endSec: overrides.endSec ?? null,
  };
}

type Listeners = { [C in keyof PushChannels]: Set<PushChannels[C]> };

export function installFakeApi() {
  const listeners: Listeners = {
    'caption:update': new Set(),
    'coach:nudge': new Set(),
    'live:stats': new Set(),
    'engine:status': new Set(),
    'answer:error': new Set(),
    'answer:finishing': new Set(),
    'models:download': new Set(),
    'import:progress': new Set(),
  };
  function subscriber<C extends keyof PushChannels>(channel: C) {
    return (cb: PushChannels[C]) => {
      (listeners[channel] as Set<PushChannels[C]>).add(cb);
      return () => {
        (listeners[channel] as Set<PushChannels[C]>).delete(cb);
      };
    };
  }

  /** Browser mode's connection to `coach serve` (push.server says it went away or came back). */
  const serverListeners = new Set<(state: ServerConnectionState) => void>();

  const api = {
    getStatus: vi.fn<CoachApi['getStatus']>(async () => ({
      dataDir: '/data',
      modelsDir: '/data/models',
      engine: ENGINE_READY,
    })),
    listQuestions: vi.fn<CoachApi['listQuestions']>(async () => QUESTIONS),
    startAnswer: vi.fn<CoachApi['startAnswer']>(async (options) => ({
      sessionId: options.sessionId ?? SESSION_ID,
      answerId: ANSWER_ID,
    })),
    stopAnswer: vi.fn<CoachApi['stopAnswer']>(async () => sampleResult()),
    cancelAnswer: vi.fn<CoachApi['cancelAnswer']>(async () => undefined),
    liveReport: vi.fn<CoachApi['liveReport']>(async () => sampleResult()),
    retrySaveAnswer: vi.fn<CoachApi['retrySaveAnswer']>(async () => sampleResult()),
    transcribeAgain: vi.fn<CoachApi['transcribeAgain']>(async () => sampleResult()),
    importRecording: vi.fn<CoachApi['importRecording']>(async () => sampleResult()),
    cancelImport: vi.fn<CoachApi['cancelImport']>(async () => undefined),
    listSessions: vi.fn<CoachApi['listSessions']>(async () => SESSIONS),
    getSession: vi.fn<CoachApi['getSession']>(async () => sampleDetail()),
    addCustomQuestion: vi.fn<CoachApi['addCustomQuestion']>(async (q) => ({
      id: 'custom-1',
      text: q.text,
      kind: q.kind,
      roles: q.roles ?? ['general'],
      custom: true,
    })),
    deleteCustomQuestion: vi.fn<CoachApi['deleteCustomQuestion']>(async () => undefined),
    buildPracticeSet: vi.fn<CoachApi['buildPracticeSet']>(async (options) =>
      QUESTIONS.slice(0, options.count),
    ),
    getSettings: vi.fn<CoachApi['getSettings']>(async () => structuredClone(DEFAULT_TEST_SETTINGS)),
    updateSettings: vi.fn<CoachApi['updateSettings']>(async (update) => ({
      nudges: { ...DEFAULT_TEST_SETTINGS.nudges, ...update.nudges },
      practice: { ...DEFAULT_TEST_SETTINGS.practice, ...update.practice },
      speech: { ...DEFAULT_TEST_SETTINGS.speech, ...update.speech },
      mock: { ...DEFAULT_TEST_SETTINGS.mock, ...update.mock },
    })),
    resetSettings: vi.fn<CoachApi['resetSettings']>(async () => structuredClone(DEFAULT_TEST_SETTINGS)),
    listHistory: vi.fn<CoachApi['listHistory']>(async (q) => ({
      sessions: SESSIONS,
      total: SESSIONS.length,
      offset: q.offset ?? 0,
    })),
    searchHistory: vi.fn<CoachApi['searchHistory']>(async () => []),
    getTrends: vi.fn<CoachApi['getTrends']>(async () => ({
      takes: [],
      leftOut: { notTranscribed: 0, noSpeech: 0 },
    })),
    getAnswerAudio: vi.fn<CoachApi['getAnswerAudio']>(async () => new ArrayBuffer(44)),
    getSessionReview: vi.fn<CoachApi['getSessionReview']>(async () => ({ notes: [], rubric: {} })),
    addNote: vi.fn<CoachApi['addNote']>(async (n) => sampleNote({ ...n, id: nextNoteId++ })),
    updateNote: vi.fn<CoachApi['updateNote']>(async (id, u) => sampleNote({ id, body: u.body })),
    deleteNote: vi.fn<CoachApi['deleteNote']>(async () => undefined),
    setRubricScore: vi.fn<CoachApi['setRubricScore']>(async (u) =>
      u.score === null ? {} : { [u.criterion]: u.score },
    ),
    deleteSession: vi.fn<CoachApi['deleteSession']>(async () => undefined),
    deleteAnswer: vi.fn<CoachApi['deleteAnswer']>(async () => undefined),
    exportSession: vi.fn<CoachApi['exportSession']>(async (_id, format) => ({
      fileName: `2025-11-20 Morning warm-up.${format}`,
      mimeType: 'text/markdown',
      bytes: new TextEncoder().encode('# Morning warm-up').buffer as ArrayBuffer,
    })),
    importBundle: vi.fn<CoachApi['importBundle']>(async () => ({
      status: 'imported',
      sessionId: SESSION_ID,
      answers: 2,
    })),
    getDataUsage: vi.fn<CoachApi['getDataUsage']>(async () => ({
      dataDir: '/data',
      sessionCount: 2,
      databaseBytes: 2_400_000,
      audioBytes: 48_000_000,
      modelsBytes: 148_000_000,
      totalBytes: 198_400_000,
    })),
    listModels: vi.fn<CoachApi['listModels']>(async () => sampleModelsOverview()),
    downloadModel: vi.fn<CoachApi['downloadModel']>(async () => sampleModelsOverview()),
    cancelModelDownload: vi.fn<CoachApi['cancelModelDownload']>(async () => undefined),
    importModel: vi.fn<CoachApi['importModel']>(async () => sampleModelsOverview()),
    deleteModel: vi.fn<CoachApi['deleteModel']>(async () => sampleModelsOverview()),
    setActiveModel: vi.fn<CoachApi['setActiveModel']>(async () => sampleModelsOverview()),
    reloadEngine: vi.fn<CoachApi['reloadEngine']>(async () => sampleModelsOverview()),
    listRecoveryNotices: vi.fn<CoachApi['listRecoveryNotices']>(async () => []),
    dismissRecoveryNotices: vi.fn<CoachApi['dismissRecoveryNotices']>(async () => undefined),
    onServerConnection: vi.fn((cb: (state: ServerConnectionState) => void) => {
      serverListeners.add(cb);
      return () => {
        serverListeners.delete(cb);
      };
    }),
    sendAudio: vi.fn<CoachApi['sendAudio']>(),
    onCaption: vi.fn(subscriber('caption:update')),
    onNudge: vi.fn(subscriber('coach:nudge')),
    onLiveStats: vi.fn(subscriber('live:stats')),
    onEngineStatus: vi.fn(subscriber('engine:status')),
    onAnswerError: vi.fn(subscriber('answer:error')),
    onAnswerFinishing: vi.fn(subscriber('answer:finishing')),
    onModelDownload: vi.fn(subscriber('models:download')),
    onImportProgress: vi.fn(subscriber('import:progress')),
  } satisfies CoachApi;
  window.api = api;

  const push = {
    caption: (u: CaptionUpdate) => listeners['caption:update'].forEach((cb) => cb(u)),
    nudge: (n: Nudge) => listeners['coach:nudge'].forEach((cb) => cb(n)),
    stats: (s: LiveStats) => listeners['live:stats'].forEach((cb) => cb(s)),
    engine: (e: EngineStatus) => listeners['engine:status'].forEach((cb) => cb(e)),
    answerError: (e: { answerId: string; message: string }) =>
      listeners['answer:error'].forEach((cb) => cb(e)),
    finishing: (p: AnswerFinishing) => listeners['answer:finishing'].forEach((cb) => cb(p)),
    modelDownload: (p: ModelDownloadProgress) => listeners['models:download'].forEach((cb) => cb(p)),
    importProgress: (p: ImportProgress) => listeners['import:progress'].forEach((cb) => cb(p)),
    server: (state: ServerConnectionState) => serverListeners.forEach((cb) => cb(state)),
  };
  return { api, push, listeners };
}
