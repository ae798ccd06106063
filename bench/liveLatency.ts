// What the final text built during the answer costs the live captions (issue #15), side by side in one
// run: the app as it ships (utterances get their final passes on the background engine while the user
// speaks, its engine frozen while each caption pass runs), the same with the background engine only at
// the lowest priority (COACH_BACKGROUND_FREEZE=off, as before processSuspension.ts), and the app with no
// final pass until Stop (as before #15). Recordings are fed at real-time pace in the app's 200 ms
// frames through PracticeService, with the app's two engine processes (the background one at the
// lowest CPU priority) and Silero VAD; the variants alternate round by round so a change of load hits
// them all. Writes bench/live-latency.json and its section of docs/benchmarks.md.
//
//   npm run bench:live [-- --rounds 2] [-- --recordings jfk,librivox_shakespeare_sonnet_001]
//
// word → shown: from the end of a word in the audio (as its own timestamps place it) to the first live
// step that shows it, tentative or committed; word → committed: to the step that commits it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { median } from '../src/core/median';
import { readWav16kMono } from '../src/core/audio/readWav';
import { PracticeService } from '../src/core/practice/practiceService';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from '../src/core/streaming/streamParams';
import { SHARED_AUDIO_DIR } from '../scripts/sharedAssets';
import { machineInfo, sectionMarkers, writeBenchmarkJson, writeBenchmarkSection } from './benchDocs';
import { benchService } from './benchService';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const MODEL = process.env.COACH_WHISPER_MODEL ?? path.join(REPO, '.cache/models/ggml-tiny.en-synthetic.bin');
const FRAME_SAMPLES = 3200; // 200 ms, the app's FRAME_MS
const FRAME_MS = 200;

type Variant = {
  name: 'incremental' | 'unfrozen' | 'at-stop';
  label: string;
  params: StreamParams;
  /** Set for this variant's rounds only. */
  env?: Record<string, string>;
};
const VARIANTS: Variant[] = [
  {
    name: 'incremental',
    label: 'final passes during the answer, background engine frozen during caption passes (ships)',
    params: DEFAULT_STREAM_PARAMS,
  },
  {
    name: 'unfrozen',
    label: 'final passes during the answer, background engine at SCHED_IDLE only',
    params: DEFAULT_STREAM_PARAMS,
    env: { COACH_BACKGROUND_FREEZE: 'off' },
  },
  {
    name: 'at-stop',
    label: 'no final pass until Stop (before #15)',
    // No utterance ever closes, so the finalizer waits for Stop, as the whole-answer pass did.
    params: { ...DEFAULT_STREAM_PARAMS, minUtteranceSec: Infinity, maxUtteranceSec: Infinity },
  },
];

type Sample = {
  shownMs: number[];
  committedMs: number[];
  behindSteps: number;
  steps: number;
  finalPasses: number;
  /** From the last frame's live step to the last final pass of a closed utterance: what Stop would add. */
  backlogMs: number;
};
type RunResult = Sample & { variant: Variant['name']; recording: string; audioSec: number; load: string };

const loadAverage = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

function parseArgs(argv: string[]): { rounds: number; recordings: string[] } {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    rounds: Number(get('rounds') ?? 2),
    recordings: (
      get('recordings') ?? 'librivox_shakespeare_sonnet_001,librispeech_1221-135766-0001,jfk'
    ).split(','),
  };
}

type TimedWords = { committed: { endSec: number }[]; tentative: { endSec: number }[] };
/** Where the service's word updates go: the answer being fed. */
const listeners: { words: ((u: TimedWords) => void) | null } = { words: null };

/** One answer of `audio`, fed at real-time pace; resolves with its latencies once the audio has run out. */
async function feedAnswer(service: PracticeService, audio: Float32Array, sample: Sample): Promise<void> {
  let startedMs = 0;
  let shownUntilSec = 0;
  let committedUntilSec = 0;
  const onWords = (u: TimedWords) => {
    const now = performance.now();
    for (const w of [...u.committed, ...u.tentative]) {
      if (w.endSec > shownUntilSec) sample.shownMs.push(now - (startedMs + w.endSec * 1000));
    }
    for (const w of u.committed) {
      if (w.endSec > committedUntilSec) sample.committedMs.push(now - (startedMs + w.endSec * 1000));
    }
    shownUntilSec = Math.max(shownUntilSec, ...[...u.committed, ...u.tentative].map((w) => w.endSec));
    committedUntilSec = Math.max(committedUntilSec, ...u.committed.map((w) => w.endSec));
    sample.steps += 1;
  };
  listeners.words = onWords;
  const { answerId } = await service.startAnswer({
    questionId: 'q',
    questionText: 'Tell me about yourself.',
  });
  startedMs = performance.now();
  for (let i = 0, at = 0; at < audio.length; i++, at += FRAME_SAMPLES) {
    // Frame i is whole at (i + 1) · 200 ms of wall time, as a microphone would deliver it.
    const dueMs = startedMs + (i + 1) * FRAME_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueMs - performance.now())));
    service.pushAudio(answerId, float32ToPcm16(audio.subarray(at, at + FRAME_SAMPLES)).buffer as ArrayBuffer);
  }
  await service.drain(answerId);
  const audioDoneMs = performance.now();
  await service.settle(answerId);
  sample.backlogMs = performance.now() - audioDoneMs;
  await service.cancelAnswer(answerId);
  listeners.words = null;
}

async function runRound(variant: Variant, recordings: string[]): Promise<RunResult[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), `coach-livebench-${variant.name}-`));
  const envBefore = Object.fromEntries(Object.keys(variant.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, variant.env);
  let finalPasses = 0;
  let current: Sample | null = null;
  const { service, engine, close } = benchService(root, MODEL, {
    streamParams: variant.params,
    events: {
      stats: (s) => {
        if (s.behind && current) current.behindSteps += 1;
      },
      words: (u) => listeners.words?.(u),
      finalText: () => {
        finalPasses += 1;
      },
    },
  });
  await engine.transcriber();
  const results: RunResult[] = [];
  try {
    for (const name of recordings) {
      const audio = readWav16kMono(path.join(SHARED_AUDIO_DIR, `${name}.wav`)).samples;
      const sample: Sample = {
        shownMs: [],
        committedMs: [],
        behindSteps: 0,
        steps: 0,
        finalPasses: 0,
        backlogMs: 0,
      };
      current = sample;
      finalPasses = 0;
      const load = loadAverage();
      await feedAnswer(service, audio, sample);
      sample.finalPasses = finalPasses;
      results.push({
        ...sample,
        variant: variant.name,
        recording: name,
        audioSec: audio.length / 16_000,
        load,
      });
      console.log(
        `[${variant.name}] ${name}: word → shown p50 ${pct(sample.shownMs, 50).toFixed(0)} ms, p95 ${pct(sample.shownMs, 95).toFixed(0)} ms; committed p50 ${pct(sample.committedMs, 50).toFixed(0)} ms; ${sample.finalPasses} final passes during it, backlog ${(sample.backlogMs / 1000).toFixed(1)} s; load ${load}`,
      );
    }
  } finally {
    await close();
    rmSync(root, { recursive: true, force: true });
    for (const [k, v] of Object.entries(envBefore)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return results;
}

function summarise(results: RunResult[], name: Variant['name']) {
  const mine = results.filter((r) => r.variant === name);
  const shown = mine.flatMap((r) => r.shownMs);
  const committed = mine.flatMap((r) => r.committedMs);
  return {
    shownP50: pct(shown, 50),
    shownP95: pct(shown, 95),
    committedP50: pct(committed, 50),
    words: shown.length,
    behindSteps: mine.reduce((s, r) => s + r.behindSteps, 0),
    steps: mine.reduce((s, r) => s + r.steps, 0),
    finalPasses: mine.reduce((s, r) => s + r.finalPasses, 0),
    backlogP50Sec:
      pct(
        mine.map((r) => r.backlogMs),
        50,
      ) / 1000,
    backlogMaxSec: Math.max(...mine.map((r) => r.backlogMs)) / 1000,
  };
}

function report(results: RunResult[], rounds: number, recordings: string[]): string {
  const { start, end } = sectionMarkers('live-latency');
  const m = machineInfo();
  const base = summarise(results, 'at-stop');
  const ratio = (x: number, y: number) => `${((x / y - 1) * 100).toFixed(1)}%`;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const loads = results.map((r) => r.load.split(' / ')[0]!).map(Number);
  const change = (name: Variant['name']) => {
    const s = summarise(results, name);
    const perRound = (p: number, of: 'shownMs' | 'committedMs') =>
      ratio(
        median(
          roundsOf(results, name, rounds).map(
            (r, i) => pct(r[of], p) / pct(roundsOf(results, 'at-stop', rounds)[i]![of], p),
          ),
        ),
        1,
      );
    return `| **change**: ${name} against no final pass (goal: within 10%); median of the ${rounds} rounds' own changes | | **${ratio(s.shownP50, base.shownP50)}**; ${perRound(50, 'shownMs')} | **${ratio(s.shownP95, base.shownP95)}**; ${perRound(95, 'shownMs')} | **${ratio(s.committedP50, base.committedP50)}**; ${perRound(50, 'committedMs')} | | | |`;
  };
  return [
    start,
    '## Live captions while final text is built (issue #15)',
    '',
    `Run \`npm run bench:live\` (bench/liveLatency.ts; numbers in \`bench/live-latency.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
    `${recordings.join(', ')} fed at real-time pace in 200 ms frames through PracticeService with the app's two engine processes (synthetic tiny.en model; the background one at the lowest CPU priority) and Silero VAD, ${rounds} rounds, the variants alternating. Load average (1 min) at each recording's start: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}. Backlog: from the end of each recording's audio (its live steps done) until the final passes of its closed utterances are done, which a Stop then would wait for besides the last utterance.`,
    '',
    '| variant | words | word → shown p50 | p95 | word → committed p50 | steps "falling behind" | final passes during the answers | backlog median / max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...VARIANTS.map((v) => {
      const s = summarise(results, v.name);
      return `| ${v.label} | ${s.words} | ${ms(s.shownP50)} | ${ms(s.shownP95)} | ${ms(s.committedP50)} | ${s.behindSteps} of ${s.steps} | ${s.finalPasses} | ${s.backlogP50Sec.toFixed(1)} / ${s.backlogMaxSec.toFixed(1)} s |`;
    }),
    change('incremental'),
    change('unfrozen'),
    '',
    end,
  ].join('\n');
}

/** Each round's words of one variant, all recordings together, in round order. */
function roundsOf(results: RunResult[], name: Variant['name'], rounds: number): Sample[] {
  const mine = results.filter((r) => r.variant === name);
  const perRound = mine.length / rounds;
  return Array.from({ length: rounds }, (_, i) => {
    const round = mine.slice(i * perRound, (i + 1) * perRound);
    return {
      shownMs: round.flatMap((r) => r.shownMs),
      committedMs: round.flatMap((r) => r.committedMs),
      behindSteps: 0,
      steps: 0,
      finalPasses: 0,
      backlogMs: 0,
    };
  });
}

const args = parseArgs(process.argv.slice(2));
console.log(
  `bench:live rounds ${args.rounds}, recordings ${args.recordings.join(', ')}, load ${loadAverage()}`,
);
const results: RunResult[] = [];
for (let round = 0; round < args.rounds; round++) {
  const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
  for (const variant of order) results.push(...(await runRound(variant, args.recordings)));
}
await writeBenchmarkJson(path.join(here, 'live-latency.json'), {
  machine: machineInfo(),
  rounds: args.rounds,
  results,
});
const md = report(results, args.rounds, args.recordings);
writeBenchmarkSection('live-latency', md);
console.log(md);
process.exit(0);
