// What a busy background engine costs one live caption pass (issue #15), side by side in one run:
// the live engine alone; beside a background engine kept busy with final passes at the lowest CPU
// priority (SCHED_IDLE), as before processSuspension.ts; and as the app runs it, the caption pass
// going through LanedTranscriber, which freezes the background engine while it runs. Writes
// bench/live-interference.json and its section of docs/benchmarks.md.
//
//   npm run bench:interference [-- --rounds 5] [-- --passes 100]
//
// Each pass is a 6 s window of the Shakespeare recording with the live settings, followed by 300 ms
// of rest (live steps leave the engine idle about half the time); the modes alternate round by round.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanedTranscriber } from '../src/core/asr/engineProcess/backgroundLane';
import { forkEngine } from '../src/core/asr/engineProcess/forkEngine';
import { ProcessTranscriber } from '../src/core/asr/engineProcess/processTranscriber';
import { readWav16kMono } from '../src/core/audio/readWav';
import { audioCtxFor, DEFAULT_STREAM_PARAMS, finalPassOptions } from '../src/core/streaming/streamParams';
import { SHARED_AUDIO_DIR } from '../scripts/sharedAssets';
import { machineInfo, sectionMarkers, writeBenchmarkJson, writeBenchmarkSection } from './benchDocs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODEL =
  process.env.COACH_WHISPER_MODEL ?? path.resolve(here, '../.cache/models/ggml-tiny.en-synthetic.bin');
const SR = 16_000;
const WINDOW_SEC = 6;
const REST_MS = 300;
const LIVE_MAX_TOKENS = 36;
const BACKGROUND_SEC = 10;

type Mode = 'alone' | 'beside' | 'frozen';
const LABELS: Record<Mode, string> = {
  alone: 'live engine alone',
  beside: 'beside a busy background engine at SCHED_IDLE (before)',
  frozen: 'background engine frozen during each caption pass (ships)',
};
const MODES: Mode[] = ['alone', 'beside', 'frozen'];

function parseArgs(argv: string[]): { rounds: number; passes: number } {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return { rounds: Number(get('rounds') ?? 5), passes: Number(get('passes') ?? 100) };
}

const pct = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runMode(mode: Mode, audio: Float32Array, passes: number): Promise<number[]> {
  const live = await ProcessTranscriber.start(forkEngine, MODEL, {}, {}, 'live');
  const lanes = new LanedTranscriber(live, () =>
    ProcessTranscriber.start(forkEngine, MODEL, {}, {}, 'background'),
  );
  let busy = mode !== 'alone';
  // The background lane stays busy with final passes over 10 s spans, as while an answer goes on.
  const backgroundWork = (async () => {
    for (let i = 0; busy; i++) {
      const at = (i % 8) * BACKGROUND_SEC * SR;
      await lanes.transcribe(audio.slice(at, at + BACKGROUND_SEC * SR), {
        ...finalPassOptions(DEFAULT_STREAM_PARAMS, BACKGROUND_SEC),
        priority: 'background',
      });
    }
  })();
  // Past the background engine's start, into its passes.
  await sleep(1500);
  const times: number[] = [];
  for (let i = 0; i < passes; i++) {
    const at = (i % 30) * 3 * SR;
    const window = audio.slice(at, at + WINDOW_SEC * SR);
    const options = { audioCtx: audioCtxFor(WINDOW_SEC, DEFAULT_STREAM_PARAMS), maxTokens: LIVE_MAX_TOKENS };
    const started = performance.now();
    await (mode === 'frozen' ? lanes : live).transcribe(window, options);
    times.push(performance.now() - started);
    await sleep(REST_MS);
  }
  busy = false;
  await backgroundWork;
  await lanes.dispose();
  return times;
}

const args = parseArgs(process.argv.slice(2));
const audio = readWav16kMono(
  path.join(SHARED_AUDIO_DIR, 'librivox_shakespeare_sonnets_002_003_concat.wav'),
).samples;
console.log(`bench:interference rounds ${args.rounds}, ${args.passes} passes per mode and round`);
const byMode: Record<Mode, number[]> = { alone: [], beside: [], frozen: [] };
const rounds: { round: number; mode: Mode; meanMs: number; p95Ms: number; load: number }[] = [];
for (let round = 0; round < args.rounds; round++) {
  const order = round % 2 === 0 ? MODES : [...MODES].reverse();
  for (const mode of order) {
    const load = os.loadavg()[0]!;
    const times = await runMode(mode, audio, args.passes);
    byMode[mode].push(...times);
    rounds.push({ round, mode, meanMs: mean(times), p95Ms: pct(times, 0.95), load });
    console.log(
      `round ${round + 1} ${mode}: mean ${mean(times).toFixed(0)} ms, p50 ${pct(times, 0.5).toFixed(0)}, p95 ${pct(times, 0.95).toFixed(0)}; load ${load.toFixed(2)}`,
    );
  }
}

const summary = MODES.map((mode) => {
  const t = byMode[mode];
  return { mode, passes: t.length, meanMs: mean(t), p50Ms: pct(t, 0.5), p95Ms: pct(t, 0.95) };
});
await writeBenchmarkJson(path.join(here, 'live-interference.json'), {
  machine: machineInfo(),
  args,
  summary,
  rounds,
});
const alone = summary[0]!;
const change = (x: number, y: number) => `${((x / y - 1) * 100).toFixed(1)}%`;
const m = machineInfo();
const { start, end } = sectionMarkers('live-interference');
const loads = rounds.map((r) => r.load);
const md = [
  start,
  '## A live pass beside the background engine (issue #15)',
  '',
  `Run \`npm run bench:interference\` (bench/liveInterference.ts; numbers in \`bench/live-interference.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
  `Live passes over ${WINDOW_SEC} s windows of the Shakespeare reading with the live settings, ${REST_MS} ms apart, ${args.passes} per mode in each of ${args.rounds} rounds (modes alternating), on the app's engine processes (synthetic tiny.en model); the background engine runs final passes over ${BACKGROUND_SEC} s spans without pause. Load average (1 min) at each mode's start: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}.`,
  '',
  '| mode | passes | mean | p50 | p95 | mean / p95 against alone |',
  '| --- | --- | --- | --- | --- | --- |',
  ...summary.map(
    (s) =>
      `| ${LABELS[s.mode]} | ${s.passes} | ${s.meanMs.toFixed(0)} ms | ${s.p50Ms.toFixed(0)} ms | ${s.p95Ms.toFixed(0)} ms | ${s.mode === 'alone' ? '–' : `${change(s.meanMs, alone.meanMs)} / ${change(s.p95Ms, alone.p95Ms)}`} |`,
  ),
  '',
  end,
].join('\n');
writeBenchmarkSection('live-interference', md);
console.log(md);
process.exit(0);
