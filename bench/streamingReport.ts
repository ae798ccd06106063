// The streaming benchmark's verdicts and its two renderings: a console table and the markdown section
// of docs/benchmarks.md. Pure functions of the results object that bench/results.json holds.
import type { EngineMetrics, Percentiles, RevisionStats, WordLatency } from './streamingMetrics';

/** Issue #3's targets. */
export const TARGETS = {
  shownWordP50Sec: 0.8,
  shownWordP95Sec: 1.6,
  committedWordP50Sec: 2,
  rtf: 0.5,
  /** Peak RSS in the last minute may exceed the first minute's by at most this share. */
  rssGrowth: 0.05,
} as const;

export type RssSummary = {
  peakMb: number;
  /** Only for streams of at least two minutes. */
  firstMinutePeakMb: number | null;
  lastMinutePeakMb: number | null;
  growth: number | null;
};

export type RecordingResult = {
  audioSec: number;
  referenceWords: number;
  engine: EngineMetrics;
  /** Word latency and revisions from the replay run at the measured compute cost. */
  replay: Omit<WordLatency, 'shownValues' | 'committedValues'> & {
    revision: RevisionStats;
    /** Simulated compute over audio time: the measured costs at the window lengths the replay used. */
    rtf: number;
  };
  rss: RssSummary;
  /** Share of all CPU time other processes used during the engine run (null off Linux). */
  othersCpuShare: number | null;
};

export type PolicySummary = {
  audioSec: number;
  rtf: number;
  computeMs: Percentiles;
  shownWordSec: Percentiles;
  committedWordSec: Percentiles;
  replayRevisionRate: number | null;
  engineRevisionRate: number | null;
  /** RTF of the replay run: what the policy costs when passes agree as a real model's do. */
  replayRtf: number;
  /** Reference words never made final with the right text in the replay (cut, mis-heard, lost). */
  replayWrongWordRate: number | null;
  rssGrowth: number | null;
  checks: {
    shownWordP50: boolean | null;
    shownWordP95: boolean | null;
    committedWordP50: boolean | null;
    rtf: boolean;
    rssFlat: boolean | null;
  };
};

export type Comparison = {
  baseline: string;
  /** Ours no slower at p50 and p95 shown and p50 committed, at an equal or lower revision rate. */
  latencyNoWorse: boolean | null;
  revisionNoHigher: boolean | null;
  pass: boolean | null;
};

const atMost = (v: number | null, limit: number): boolean | null => (v === null ? null : v <= limit);

export function checksFor(s: Omit<PolicySummary, 'checks'>): PolicySummary['checks'] {
  return {
    shownWordP50: atMost(s.shownWordSec.p50, TARGETS.shownWordP50Sec),
    shownWordP95: atMost(s.shownWordSec.p95, TARGETS.shownWordP95Sec),
    committedWordP50: atMost(s.committedWordSec.p50, TARGETS.committedWordP50Sec),
    rtf: s.rtf <= TARGETS.rtf,
    rssFlat: atMost(s.rssGrowth, TARGETS.rssGrowth),
  };
}

export function compare(ours: PolicySummary, baseline: PolicySummary, name: string): Comparison {
  const le = (a: number | null, b: number | null) => (a === null || b === null ? null : a <= b);
  const parts = [
    le(ours.shownWordSec.p50, baseline.shownWordSec.p50),
    le(ours.shownWordSec.p95, baseline.shownWordSec.p95),
    le(ours.committedWordSec.p50, baseline.committedWordSec.p50),
  ];
  const latencyNoWorse = parts.includes(null) ? null : parts.every(Boolean);
  const revisionNoHigher = le(ours.replayRevisionRate, baseline.replayRevisionRate);
  const pass =
    latencyNoWorse === null || revisionNoHigher === null ? null : latencyNoWorse && revisionNoHigher;
  return { baseline: name, latencyNoWorse, revisionNoHigher, pass };
}

const sec = (p: Percentiles) => `${fmt(p.p50, 2)} / ${fmt(p.p95, 2)}`;
const fmt = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'pass' : 'FAIL');
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

const RECORDING_HEADER = [
  'recording',
  'policy',
  'audio s',
  'steps (skipped)',
  'compute ms p50 / p95',
  'RTF',
  'event → tentative s p50 / p95',
  'event → final s p50 / p95',
  'word → shown s p50 / p95',
  'word → final s p50 / p95',
  'revisions replay / engine',
  'peak RSS MB (1st → last min)',
  'other CPU',
];

export function recordingRows(results: Record<string, Record<string, RecordingResult>>): string[][] {
  const rows: string[][] = [];
  const recordings = [...new Set(Object.values(results).flatMap((r) => Object.keys(r)))];
  for (const rec of recordings) {
    for (const [policy, byRec] of Object.entries(results)) {
      const r = byRec[rec];
      if (!r) continue;
      const e = r.engine;
      const rss =
        r.rss.firstMinutePeakMb === null
          ? `${r.rss.peakMb}`
          : `${r.rss.peakMb} (${r.rss.firstMinutePeakMb} → ${r.rss.lastMinutePeakMb}, ${pct(r.rss.growth)})`;
      rows.push([
        rec,
        policy,
        r.audioSec.toFixed(1),
        `${e.steps} (${e.skippedSteps})`,
        `${fmt(e.computeMs.p50, 0)} / ${fmt(e.computeMs.p95, 0)}`,
        e.rtf.toFixed(2),
        sec(e.tentativeEventLatencySec),
        sec(e.committedEventLatencySec),
        sec(r.replay.shownSec),
        sec(r.replay.committedSec),
        `${pct(r.replay.revision.rate)} / ${pct(e.revision.rate)}`,
        rss,
        pct(r.othersCpuShare),
      ]);
    }
  }
  return rows;
}

const SUMMARY_HEADER = [
  'policy',
  'audio s',
  'RTF ≤ 0.5',
  'word → shown p50 ≤ 0.8 s',
  'word → shown p95 ≤ 1.6 s',
  'word → final p50 ≤ 2.0 s',
  'revisions replay / engine',
  'final words wrong (replay)',
  'RTF (replay)',
  'RSS flat (≤ 5% after 1st min)',
];

export function summaryRows(summary: Record<string, PolicySummary>): string[][] {
  return Object.entries(summary).map(([policy, s]) => [
    policy,
    s.audioSec.toFixed(1),
    `${s.rtf.toFixed(2)} ${verdict(s.checks.rtf)}`,
    `${fmt(s.shownWordSec.p50, 2)} ${verdict(s.checks.shownWordP50)}`,
    `${fmt(s.shownWordSec.p95, 2)} ${verdict(s.checks.shownWordP95)}`,
    `${fmt(s.committedWordSec.p50, 2)} ${verdict(s.checks.committedWordP50)}`,
    `${pct(s.replayRevisionRate)} / ${pct(s.engineRevisionRate)}`,
    pct(s.replayWrongWordRate),
    s.replayRtf.toFixed(2),
    s.rssGrowth === null ? 'n/a (no 10-min stream)' : `${pct(s.rssGrowth)} ${verdict(s.checks.rssFlat)}`,
  ]);
}

export function comparisonLines(comparisons: Comparison[]): string[] {
  return comparisons.map(
    (c) =>
      `ours vs ${c.baseline}: latency no worse ${verdict(c.latencyNoWorse)}, ` +
      `revision rate no higher ${verdict(c.revisionNoHigher)} → ${verdict(c.pass)}`,
  );
}

export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export { RECORDING_HEADER, SUMMARY_HEADER };
