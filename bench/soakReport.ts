// The soak benchmark's arithmetic (bench/soak.ts), apart from the run so it can be tested on hand-made
// samples: per-bucket peaks and latency percentiles, memory growth after warm-up, latency drift, queue
// maxima and the pass/fail lines.
import { percentile } from './streamingMetrics';

/** One reading per second of the whole process, and of the answer being recorded. */
export type SoakSample = {
  /** Seconds since streaming began. */
  wallSec: number;
  /** Stream time: audio pushed so far, over all answers. */
  audioSec: number;
  /** The answer being recorded, stopped or just saved (0-based); -1 before the first. */
  answerIndex: number;
  phase: 'recording' | 'stopping' | 'between';
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** The live answer's audio received but not yet seen by a step (OnlineTranscriber.pendingSec). */
  pendingSec: number;
  /** The sliding window the next step re-transcribes. */
  windowSec: number;
  /** The answer's audio kept for the final pass, and the memory allocated for it. */
  bufferedAudioSec: number;
  bufferedCapacitySec: number;
  committedWords: number;
  tentativeWords: number;
  /** Answers the service holds as recording. */
  liveAnswers: number;
  /** Events posted to the UI and not yet received by it. */
  eventQueue: number;
  /** Size of the SQLite write-ahead log, and live words not yet replaced by the final transcript. */
  walBytes: number;
  liveWordRows: number;
  /** Open file descriptors (/proc/self/fd); null where there is no /proc. */
  openFds: number | null;
  /** How late this one-second sample fired: event-loop delay. */
  loopLagMs: number;
};

/** One whisper.cpp pass, live (a step) or final (Stop). */
export type SoakPass = {
  kind: 'live' | 'final';
  /** Stream time when it started. */
  audioSec: number;
  computeMs: number;
  /** Length of the audio it transcribed. */
  windowSec: number;
};

/** One caption as the UI received it. */
export type SoakCaption = {
  /** Stream time when it was received. */
  audioSec: number;
  /** Arrival of the newest frame the step had heard → caption received by the UI. */
  latencyMs: number;
  /** Characters of committed plus tentative text: the payload the UI re-renders. */
  chars: number;
};

/** One stats event as the UI received it. */
export type SoakStats = { audioSec: number; behind: boolean };

export type SoakAnswer = {
  index: number;
  audioSec: number;
  words: number;
  /** Wall time of Stop: drain, final pass, coaching analysis, save. */
  stopMs: number;
  finalPassMs: number | null;
  rssAfterStopMb: number;
};

export type SoakRun = {
  bucketSec: number;
  /** Stream time the run covered. */
  audioSec: number;
  samples: SoakSample[];
  passes: SoakPass[];
  captions: SoakCaption[];
  stats: SoakStats[];
  answers: SoakAnswer[];
  /** Other processes' share of the machine's CPU during the run (bench/streamingCpu.ts). */
  othersCpuShare: number | null;
};

export type BucketSummary = {
  fromMin: number;
  toMin: number;
  rssPeakMb: number | null;
  heapPeakMb: number | null;
  externalPeakMb: number | null;
  maxWindowSec: number | null;
  maxPendingSec: number | null;
  maxEventQueue: number | null;
  latencyMs: { p50: number | null; p95: number | null; n: number };
  livePasses: number;
  /** Live engine time over the bucket's audio. */
  rtf: number | null;
  behindEvents: number;
  maxCaptionChars: number | null;
};

export type QueueMaxima = {
  pendingSec: number;
  windowSec: number;
  bufferedAudioSec: number;
  bufferedCapacitySec: number;
  committedWords: number;
  liveAnswers: number;
  eventQueue: number;
  walBytes: number;
  liveWordRows: number;
  openFds: number | null;
  loopLagMs: number;
};

export type Check = { name: string; target: string; value: string; pass: boolean | null };

export type SoakSummary = {
  buckets: BucketSummary[];
  rss: {
    /** Peak of the first bucket after the warm-up (the first minute, or half a short bucket). */
    baselineMb: number | null;
    lastBucketPeakMb: number | null;
    /** (last − baseline) / baseline; null with a single bucket. */
    growth: number | null;
  };
  heap: { baselineMb: number | null; lastBucketPeakMb: number | null; growth: number | null };
  queues: QueueMaxima;
  /** Open descriptors in the last bucket beyond the first bucket's most. */
  fdGrowth: number | null;
  latency: {
    firstP50Ms: number | null;
    lastP50Ms: number | null;
    /** Last bucket's p50 over the first's, minus one. */
    drift: number | null;
    overall: { p50: number | null; p95: number | null; n: number };
  };
  behindShare: number | null;
  liveRtf: number | null;
  checks: Check[];
};

export const SOAK_TARGETS = {
  /** Memory flat: RSS peak of the last bucket within 5% of the first bucket's after warm-up. */
  maxRssGrowth: 0.05,
  /** Latency steady: last bucket's median caption latency within 25% (or 100 ms) of the first's. */
  maxLatencyDrift: 0.25,
  latencyDriftSlackMs: 100,
  /**
   * Never behind: the app reports "behind" when more than behindAfterSec (3 s) of audio is unseen after a
   * step; sampled at any moment, unseen audio also includes what arrived during the running step (≤ 1 s more).
   */
  maxPendingSec: 4,
  /** The UI keeps up: events waiting for it at any second. */
  maxEventQueue: 20,
  /** No descriptor leak: at most this many more open in the last bucket than in the first. */
  maxFdGrowth: 2,
  /** The answer's audio buffer holds that answer only (plus one frame, and the doubling growth). */
  bufferSlackSec: 1,
} as const;

/** Warm-up excluded from the memory baseline: the first minute, or half of a short bucket. */
export const warmupSec = (bucketSec: number): number => Math.min(60, bucketSec / 2);

/** Bucket of a stream time; a sample taken exactly at an answer's end belongs to that answer's bucket. */
export function bucketOf(audioSec: number, bucketSec: number, buckets: number): number {
  const i = Math.floor(Math.max(0, audioSec - 1e-6) / bucketSec);
  return Math.min(Math.max(0, buckets - 1), i);
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const maxOf = (xs: number[]): number | null => (xs.length ? Math.max(...xs) : null);
const roundOrNull = (x: number | null, digits: number): number | null =>
  x === null ? null : round(x, digits);
const growth = (from: number | null, to: number | null): number | null =>
  from && to !== null ? round((to - from) / from, 4) : null;

function latencyPercentiles(values: number[]): BucketSummary['latencyMs'] {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number | null) => (x === null ? null : Math.round(x));
  return { p50: r(percentile(s, 0.5)), p95: r(percentile(s, 0.95)), n: s.length };
}

export function summariseBuckets(run: SoakRun): BucketSummary[] {
  const n = Math.max(1, Math.ceil(run.audioSec / run.bucketSec - 1e-9));
  const of = (sec: number) => bucketOf(sec, run.bucketSec, n);
  const out: BucketSummary[] = [];
  for (let b = 0; b < n; b++) {
    const samples = run.samples.filter((s) => of(s.audioSec) === b);
    const live = run.passes.filter((p) => p.kind === 'live' && of(p.audioSec) === b);
    const captions = run.captions.filter((c) => of(c.audioSec) === b);
    const fromSec = b * run.bucketSec;
    const toSec = Math.min(run.audioSec, (b + 1) * run.bucketSec);
    const computeSec = live.reduce((sum, p) => sum + p.computeMs, 0) / 1000;
    const pick = (f: (s: SoakSample) => number, digits: number) => roundOrNull(maxOf(samples.map(f)), digits);
    out.push({
      fromMin: round(fromSec / 60, 2),
      toMin: round(toSec / 60, 2),
      rssPeakMb: pick((s) => s.rssMb, 1),
      heapPeakMb: pick((s) => s.heapUsedMb, 1),
      externalPeakMb: pick((s) => s.externalMb, 1),
      maxWindowSec: pick((s) => s.windowSec, 2),
      maxPendingSec: pick((s) => s.pendingSec, 2),
      maxEventQueue: pick((s) => s.eventQueue, 0),
      latencyMs: latencyPercentiles(captions.map((c) => c.latencyMs)),
      livePasses: live.length,
      rtf: toSec > fromSec ? round(computeSec / (toSec - fromSec), 3) : null,
      behindEvents: run.stats.filter((s) => s.behind && of(s.audioSec) === b).length,
      maxCaptionChars: maxOf(captions.map((c) => c.chars)),
    });
  }
  return out;
}

/** Peak of a field over the first bucket after warm-up, and over the last bucket. */
function memoryGrowth(run: SoakRun, buckets: number, field: (s: SoakSample) => number) {
  const of = (s: SoakSample) => bucketOf(s.audioSec, run.bucketSec, buckets);
  const warm = warmupSec(run.bucketSec);
  const first = run.samples.filter((s) => of(s) === 0);
  const afterWarmup = first.filter((s) => s.audioSec >= warm);
  const baseline = maxOf((afterWarmup.length ? afterWarmup : first).map(field));
  const last = buckets > 1 ? maxOf(run.samples.filter((s) => of(s) === buckets - 1).map(field)) : null;
  return {
    baselineMb: roundOrNull(baseline, 1),
    lastBucketPeakMb: roundOrNull(last, 1),
    growth: growth(baseline, last),
  };
}

export function queueMaxima(samples: SoakSample[]): QueueMaxima {
  const max = (f: (s: SoakSample) => number) => maxOf(samples.map(f)) ?? 0;
  const fds = samples.map((s) => s.openFds).filter((x): x is number => x !== null);
  return {
    pendingSec: round(
      max((s) => s.pendingSec),
      2,
    ),
    windowSec: round(
      max((s) => s.windowSec),
      2,
    ),
    bufferedAudioSec: round(
      max((s) => s.bufferedAudioSec),
      1,
    ),
    bufferedCapacitySec: round(
      max((s) => s.bufferedCapacitySec),
      1,
    ),
    committedWords: max((s) => s.committedWords),
    liveAnswers: max((s) => s.liveAnswers),
    eventQueue: max((s) => s.eventQueue),
    walBytes: max((s) => s.walBytes),
    liveWordRows: max((s) => s.liveWordRows),
    openFds: maxOf(fds),
    loopLagMs: Math.round(max((s) => s.loopLagMs)),
  };
}

function fdGrowth(run: SoakRun, buckets: number): number | null {
  if (buckets < 2) return null;
  const fdsIn = (b: number) =>
    run.samples
      .filter((s) => bucketOf(s.audioSec, run.bucketSec, buckets) === b)
      .map((s) => s.openFds)
      .filter((x): x is number => x !== null);
  const first = maxOf(fdsIn(0));
  const last = maxOf(fdsIn(buckets - 1));
  return first === null || last === null ? null : last - first;
}

export function summariseSoak(run: SoakRun): SoakSummary {
  const buckets = summariseBuckets(run);
  const n = buckets.length;
  const rss = memoryGrowth(run, n, (s) => s.rssMb);
  const heap = memoryGrowth(run, n, (s) => s.heapUsedMb);
  const queues = queueMaxima(run.samples);
  const firstP50 = buckets[0]?.latencyMs.p50 ?? null;
  const lastP50 = n > 1 ? (buckets[n - 1]?.latencyMs.p50 ?? null) : null;
  const drift = firstP50 && lastP50 !== null ? round(lastP50 / firstP50 - 1, 3) : null;
  const live = run.passes.filter((p) => p.kind === 'live');
  const liveRtf =
    run.audioSec > 0 ? round(live.reduce((s, p) => s + p.computeMs, 0) / 1000 / run.audioSec, 3) : null;
  const summary: Omit<SoakSummary, 'checks'> = {
    buckets,
    rss,
    heap: { baselineMb: heap.baselineMb, lastBucketPeakMb: heap.lastBucketPeakMb, growth: heap.growth },
    queues,
    fdGrowth: fdGrowth(run, n),
    latency: {
      firstP50Ms: firstP50,
      lastP50Ms: lastP50,
      drift,
      overall: latencyPercentiles(run.captions.map((c) => c.latencyMs)),
    },
    behindShare: run.stats.length
      ? round(run.stats.filter((s) => s.behind).length / run.stats.length, 4)
      : null,
    liveRtf,
  };
  return { ...summary, checks: soakChecks(summary, run) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function soakChecks(s: Omit<SoakSummary, 'checks'>, run: Pick<SoakRun, 'answers'>): Check[] {
  const t = SOAK_TARGETS;
  const longestAnswerSec = Math.max(0, ...run.answers.map((a) => a.audioSec));
  const lastMinusFirstMs =
    s.latency.firstP50Ms !== null && s.latency.lastP50Ms !== null
      ? s.latency.lastP50Ms - s.latency.firstP50Ms
      : null;
  return [
    {
      name: 'memory flat',
      target: `RSS growth after warm-up ≤ ${pct(t.maxRssGrowth)}`,
      value: s.rss.growth === null ? 'n/a (one bucket)' : pct(s.rss.growth),
      pass: s.rss.growth === null ? null : s.rss.growth <= t.maxRssGrowth,
    },
    {
      name: 'never behind',
      target: `pending audio ≤ ${t.maxPendingSec} s, no "behind" event`,
      value: `max ${s.queues.pendingSec} s, behind share ${s.behindShare === null ? 'n/a' : pct(s.behindShare)}`,
      pass: s.queues.pendingSec <= t.maxPendingSec && (s.behindShare ?? 0) === 0,
    },
    {
      name: 'UI keeps up',
      target: `event queue ≤ ${t.maxEventQueue}`,
      value: `max ${s.queues.eventQueue}`,
      pass: s.queues.eventQueue <= t.maxEventQueue,
    },
    {
      name: 'answer buffer bounded',
      target: `audio held ≤ longest answer + ${t.bufferSlackSec} s, one live answer`,
      value: `max ${s.queues.bufferedAudioSec} s of ${longestAnswerSec.toFixed(1)} s, ${s.queues.liveAnswers} live`,
      pass: s.queues.bufferedAudioSec <= longestAnswerSec + t.bufferSlackSec && s.queues.liveAnswers <= 1,
    },
    {
      name: 'no descriptor leak',
      target: `open fds last bucket − first ≤ ${t.maxFdGrowth}`,
      value: s.fdGrowth === null ? 'n/a' : `${s.fdGrowth >= 0 ? '+' : ''}${s.fdGrowth}`,
      pass: s.fdGrowth === null ? null : s.fdGrowth <= t.maxFdGrowth,
    },
    {
      name: 'latency steady',
      target: `last bucket p50 ≤ first × ${1 + t.maxLatencyDrift} or + ${t.latencyDriftSlackMs} ms`,
      value:
        s.latency.drift === null || lastMinusFirstMs === null
          ? 'n/a (one bucket)'
          : `${s.latency.firstP50Ms} → ${s.latency.lastP50Ms} ms (${s.latency.drift >= 0 ? '+' : ''}${pct(s.latency.drift)})`,
      pass:
        s.latency.drift === null || lastMinusFirstMs === null
          ? null
          : s.latency.drift <= t.maxLatencyDrift || lastMinusFirstMs <= t.latencyDriftSlackMs,
    },
  ];
}

export const BUCKET_HEADER = [
  'minutes',
  'RSS peak MB',
  'heap peak MB',
  'ext peak MB',
  'max window s',
  'max pending s',
  'max queue',
  'latency p50 ms',
  'latency p95 ms',
  'passes',
  'RTF',
  'behind',
];

const cell = (x: number | null, digits = 0): string => (x === null ? '–' : x.toFixed(digits));

export function bucketRows(buckets: BucketSummary[]): string[][] {
  return buckets.map((b) => [
    `${b.fromMin}–${b.toMin}`,
    cell(b.rssPeakMb),
    cell(b.heapPeakMb),
    cell(b.externalPeakMb),
    cell(b.maxWindowSec, 1),
    cell(b.maxPendingSec, 1),
    cell(b.maxEventQueue),
    cell(b.latencyMs.p50),
    cell(b.latencyMs.p95),
    String(b.livePasses),
    cell(b.rtf, 3),
    String(b.behindEvents),
  ]);
}

export const ANSWER_HEADER = ['answer', 'audio s', 'words', 'stop s', 'final pass s', 'RSS after stop MB'];

export function answerRows(answers: SoakAnswer[]): string[][] {
  return answers.map((a) => [
    String(a.index + 1),
    a.audioSec.toFixed(1),
    String(a.words),
    (a.stopMs / 1000).toFixed(2),
    a.finalPassMs === null ? '–' : (a.finalPassMs / 1000).toFixed(2),
    a.rssAfterStopMb.toFixed(0),
  ]);
}

export function checkLines(checks: Check[]): string[] {
  const verdict = (p: boolean | null) => (p === null ? 'N/A ' : p ? 'PASS' : 'FAIL');
  return checks.map((c) => `${verdict(c.pass)} ${c.name}: ${c.value} (target: ${c.target})`);
}
