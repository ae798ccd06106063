// What the streaming benchmark reports for one policy on one recording, computed from the steps that
// bench/streamingRunner.ts recorded: compute per step, real-time factor, caption event latency, word
// latency against reference timings, and how often shown text is revised before it is final.
import type { Word } from '../src/shared/domain';
import { normaliseWord } from '../src/core/streaming/hypothesisBuffer';
import { BENCH_FRAME_SEC, type StreamRun } from './streamingRunner';

/** An emitted word is the reference word with the same text whose middle is at most this far away. */
const MATCH_TOLERANCE_SEC = 0.6;

export type Percentiles = { p50: number | null; p95: number | null; n: number };

export function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest rank: a value that occurred, never an interpolation between two.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function percentiles(values: number[], digits = 3): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number | null) => (x === null ? null : Number(x.toFixed(digits)));
  return { p50: r(percentile(s, 0.5)), p95: r(percentile(s, 0.95)), n: s.length };
}

/** When the audio holding stream time `sec` had arrived: at the end of its 100 ms frame. */
const frameArrivalSec = (sec: number): number => Math.ceil(sec / BENCH_FRAME_SEC - 1e-9) * BENCH_FRAME_SEC;

export type EngineMetrics = {
  steps: number;
  skippedSteps: number;
  computeMs: Percentiles;
  /** Engine time over audio time. */
  rtf: number;
  /** Newest frame transcribed → caption event out, in seconds (see engineMetrics). */
  tentativeEventLatencySec: Percentiles;
  committedEventLatencySec: Percentiles;
  revision: RevisionStats;
};

/**
 * Event latency: for every caption event, the time from the arrival of the newest audio frame the step
 * transcribed to the moment the step's captions were out. Every pass updates what is shown (for
 * fixed-chunks, whose text is final at once, that update is final); a final event is a pass that made
 * text final. Independent of the words, so the synthetic model's meaningless output does not matter;
 * how long a word waits to become final is the word latency's job.
 */
export function engineMetrics(run: StreamRun): EngineMetrics {
  const ran = run.steps.filter((s) => !s.skipped);
  const tentative = ran.map((s) => s.doneSec - frameArrivalSec(s.receivedSec));
  const committed = ran.filter((s) => s.finalises).map((s) => s.doneSec - frameArrivalSec(s.receivedSec));
  const totalMs = ran.reduce((sum, s) => sum + s.computeMs, 0);
  return {
    steps: ran.length,
    skippedSteps: run.steps.length - ran.length,
    computeMs: percentiles(
      ran.map((s) => s.computeMs),
      1,
    ),
    rtf: Number((totalMs / 1000 / run.audioSec).toFixed(3)),
    tentativeEventLatencySec: percentiles(tentative),
    committedEventLatencySec: percentiles(committed),
    revision: revisionStats(run),
  };
}

export type RevisionStats = {
  /** Shown words later replaced or removed before becoming final. */
  revisedWords: number;
  committedWords: number;
  /** revisedWords / committedWords. */
  rate: number | null;
};

/**
 * After each step the reader sees the final text followed by the tentative tail. Whatever part of
 * the previous display is not a prefix of the new one was revised: those words changed or vanished.
 */
export function revisionStats(run: StreamRun): RevisionStats {
  const final: string[] = [];
  let shown: string[] = [];
  let revised = 0;
  const show = (next: string[]) => {
    let common = 0;
    while (common < shown.length && common < next.length && shown[common] === next[common]) common++;
    revised += shown.length - common;
    shown = next;
  };
  for (const s of run.steps) {
    final.push(...s.committed.map((w) => normaliseWord(w.text)));
    show([...final, ...s.tentative.map((w) => normaliseWord(w.text))]);
  }
  return {
    revisedWords: revised,
    committedWords: final.length,
    rate: final.length ? Number((revised / final.length).toFixed(3)) : null,
  };
}

export type WordLatency = {
  /** Reference word end → first shown with the right text, in seconds. */
  shownSec: Percentiles;
  /** Reference word end → final with the right text. */
  committedSec: Percentiles;
  referenceWords: number;
  /** Reference words never shown / never made final with the right text. */
  neverShown: number;
  neverCommitted: number;
  /** Raw per-word latencies, for pooling across recordings. */
  shownValues: number[];
  committedValues: number[];
};

/** Word latency of a run against the reference timings it was replayed from. */
export function wordLatency(run: StreamRun, reference: Word[]): WordLatency {
  const refKeys = reference.map((w) => normaliseWord(w.text));
  const firstShown = new Array<number | null>(reference.length).fill(null);
  const firstCommitted = new Array<number | null>(reference.length).fill(null);
  const mark = (words: Word[], atSec: number, into: (number | null)[]) => {
    for (const w of words) {
      const j = matchReference(w, reference, refKeys);
      if (j !== -1 && into[j] === null) into[j] = atSec;
    }
  };
  for (const s of run.steps) {
    mark(s.committed, s.doneSec, firstShown);
    mark(s.tentative, s.doneSec, firstShown);
    mark(s.committed, s.doneSec, firstCommitted);
  }
  const lat = (times: (number | null)[]) =>
    times.flatMap((t, j) => (t === null ? [] : [Math.max(0, t - reference[j]!.endSec)]));
  const shownValues = lat(firstShown);
  const committedValues = lat(firstCommitted);
  return {
    shownSec: percentiles(shownValues),
    committedSec: percentiles(committedValues),
    referenceWords: reference.length,
    neverShown: firstShown.filter((t) => t === null).length,
    neverCommitted: firstCommitted.filter((t) => t === null).length,
    shownValues,
    committedValues,
  };
}

function matchReference(w: Word, reference: Word[], refKeys: string[]): number {
  const key = normaliseWord(w.text);
  const mid = (w.startSec + w.endSec) / 2;
  let best = -1;
  let bestDist = MATCH_TOLERANCE_SEC;
  for (let j = 0; j < reference.length; j++) {
    if (refKeys[j] !== key) continue;
    const dist = Math.abs((reference[j]!.startSec + reference[j]!.endSec) / 2 - mid);
    if (dist <= bestDist) {
      best = j;
      bestDist = dist;
    }
  }
  return best;
}
