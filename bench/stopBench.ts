// Stop → full report (transcript, metrics, analysis, saved) by answer length (issue #15), side by side
// in one run: the final text built during the answer (what ships) against today's whole-answer pass,
// with the product's final-pass settings and with the temperature fallback capped. Also: the share of
// real time the background passes took, peak memory, word timings of the two, and crash recovery of
// the longest answer after a kill -9. Writes bench/stop.json and its section of docs/benchmarks.md.
//
//   npm run bench:stop                    lengths 30,120,300,600 s, runs 5,3,2,1
//   npm run bench:stop -- --quick         30 s and 120 s only, no recovery
//   npm run bench:stop -- --variants product,no-token-cap   the token cap of final passes against none
//   npm run bench:stop -- --lengths 30,120 --runs 3,2 --variants product --recovery 0 --baseline-max-sec 120
//   npm run bench:stop -- --realtime      frames at the microphone's pace, engines and steps as the app
//                                         runs them, Stop right after the last frame (whatever the
//                                         background lane has not caught up with by then is in Stop's time)
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanedTranscriber } from '../src/core/asr/engineProcess/backgroundLane';
import { forkEngine } from '../src/core/asr/engineProcess/forkEngine';
import { ProcessTranscriber } from '../src/core/asr/engineProcess/processTranscriber';
import type { AsrResult, TranscribeOptions, Transcriber } from '../src/core/asr/transcriber';
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { readWav16kMono } from '../src/core/audio/readWav';
import { computeAnswerReportWithAudio } from '../src/core/coaching/answerReport';
import {
  DEFAULT_STREAM_PARAMS,
  finalPassOptions,
  type StreamParams,
} from '../src/core/streaming/streamParams';
import { STOP_PASS_MAX_SEC } from '../src/core/streaming/utteranceFinalizer';
import type { Word } from '../src/shared/domain';
import { machineInfo, sectionMarkers, writeBenchmarkJson, writeBenchmarkSection } from './benchDocs';
import { benchService } from './benchService';
import { answerAudio, LOOPED_SOURCE_WAV } from './loopedAnswer';
import { childProcessIds, rssMb } from './processMemory';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const MODEL = process.env.COACH_WHISPER_MODEL ?? path.join(REPO, '.cache/models/ggml-tiny.en-synthetic.bin');
const SOURCE_WAV = LOOPED_SOURCE_WAV;
const FRAME = 3200; // 200 ms, the app's FRAME_MS
const TARGET_MS = 1500;
/**
 * Live steps at most every 6 s here: the bench feeds faster than real time, and Stop does not depend
 * on the live passes (live caption latency is bench:streaming's subject).
 */
const BENCH_MIN_STEP_MS = 6000;

type Variant = {
  name: 'product' | 'capped' | 'no-token-cap' | 'full-context-at-stop';
  label: string;
  params: Partial<StreamParams>;
};
const VARIANTS: Variant[] = [
  {
    name: 'product',
    label: `product settings (fallback step 0.2, up to 6 decodes; at most ${DEFAULT_STREAM_PARAMS.finalMaxTokensPerSec} tokens per second of audio; utterances of at most ${DEFAULT_STREAM_PARAMS.maxUtteranceSec} s; at Stop what is left in passes of up to ${STOP_PASS_MAX_SEC} s, each with an encoder context fitted to its audio)`,
    params: {},
  },
  {
    name: 'capped',
    label: 'product settings with the fallback capped (step 0.5, up to 3 decodes)',
    params: { finalTemperatureInc: 0.5 },
  },
  {
    name: 'no-token-cap',
    label: 'product settings without the token cap of final passes (as before it)',
    params: { finalMaxTokensPerSec: 0 },
  },
  {
    name: 'full-context-at-stop',
    label: "product settings, but Stop's pass with the full 30 s encoder context (as before this stop)",
    params: { fitStopContext: false },
  },
];

type Args = {
  lengths: number[];
  runs: number[];
  variants: Variant[];
  recoverySec: number;
  /** Today's whole-answer pass is run for answers up to this long (it takes minutes at 10 min). */
  baselineMaxSec: number;
  /** Fed at real-time pace with the app's engines and live steps, rather than in lock-step. */
  realtime: boolean;
  /** Prints the passes that ran during each Stop. */
  trace: boolean;
};

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const realtime = argv.includes('--realtime');
  const lengths = (get('lengths') ?? (quick ? '30,120' : '30,120,300,600')).split(',').map(Number);
  const runs = (get('runs') ?? (quick ? '3,2' : '5,3,2,1')).split(',').map(Number);
  const names = (get('variants') ?? 'product,capped').split(',');
  return {
    lengths,
    runs: lengths.map((_, i) => runs[i] ?? runs.at(-1) ?? 1),
    variants: VARIANTS.filter((v) => names.includes(v.name)),
    recoverySec: Number(get('recovery') ?? (quick || realtime ? 0 : Math.max(...lengths))),
    baselineMaxSec: argv.includes('--no-baseline') ? 0 : Number(get('baseline-max-sec') ?? Infinity),
    realtime,
    trace: argv.includes('--trace'),
  };
}

type PassTrace = {
  lane: string;
  audioSec: number;
  audioCtx: number | undefined;
  startMs: number;
  endMs: number | null;
  outcome: string;
};

/** The real engines as the app runs them, each pass's lane and compute time recorded. */
class MeteredTranscriber implements Transcriber {
  backgroundMs = 0;
  liveMs = 0;
  readonly passes: PassTrace[] = [];
  constructor(private readonly inner: Transcriber) {}
  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const trace: PassTrace = {
      lane: `${options.priority ?? 'live'}${options.thorough ? ' final' : ''}`,
      audioSec: audio.length / 16_000,
      audioCtx: options.audioCtx,
      startMs: performance.now(),
      endMs: null,
      outcome: 'running',
    };
    this.passes.push(trace);
    if (this.passes.length > 200) this.passes.shift();
    try {
      const r = await this.inner.transcribe(audio, options);
      trace.outcome = `ok, ${r.computeMs.toFixed(0)} ms computing`;
      if (options.priority === 'background') this.backgroundMs += r.computeMs;
      else this.liveMs += r.computeMs;
      return r;
    } catch (err) {
      trace.outcome = (err as Error).name;
      throw err;
    } finally {
      trace.endMs = performance.now();
    }
  }

  /** The passes that ran during [fromMs, toMs], relative to fromMs. */
  during(fromMs: number, toMs: number): string[] {
    return this.passes
      .filter((p) => (p.endMs ?? Infinity) >= fromMs && p.startMs <= toMs)
      .map(
        (p) =>
          `  ${p.lane} ${p.audioSec.toFixed(1)} s (ctx ${p.audioCtx ?? 'full'}): ${(p.startMs - fromMs).toFixed(0)} → ${p.endMs === null ? '…' : (p.endMs - fromMs).toFixed(0)} ms, ${p.outcome}`,
      );
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** Resident memory of this process and its engine processes, MB. */
function rssNow(): { main: number; engines: number } {
  const engines = childProcessIds(process.pid, 'engineMain').reduce((sum, pid) => sum + rssMb(pid), 0);
  return { main: rssMb(process.pid), engines };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);

/** Median |Δstart| between words of the two transcripts with the same text, paired in order near in time. */
function timingAgreement(a: readonly Word[], b: readonly Word[]): { medianSec: number; pairs: number } {
  const deltas: number[] = [];
  let from = 0;
  for (const w of a) {
    for (let j = from; j < b.length && b[j]!.startSec < w.startSec + 2; j++) {
      if (b[j]!.text.toLowerCase() === w.text.toLowerCase() && Math.abs(b[j]!.startSec - w.startSec) < 2) {
        deltas.push(Math.abs(b[j]!.startSec - w.startSec));
        from = j + 1;
        break;
      }
    }
  }
  return { medianSec: deltas.length ? median(deltas) : NaN, pairs: deltas.length };
}

type LengthResult = {
  variant: Variant['name'];
  lengthSec: number;
  stopMs: number[];
  /** Closed or open audio whose final pass was still to run when Stop was pressed, s per run. */
  leftAtStopSec: number[];
  wholeAnswerMs: number | null;
  wholePassMs: number | null;
  backgroundShare: number;
  finalWords: number;
  wholeWords: number | null;
  timing: { medianSec: number; pairs: number } | null;
  peakRssMb: { main: number; engines: number };
  load: string;
};

async function runVariant(
  variant: Variant,
  args: Args,
  source: Float32Array,
  onLength: (soFar: LengthResult[]) => Promise<void>,
): Promise<LengthResult[]> {
  const root = path.join(os.tmpdir(), `coach-stopbench-${process.pid}-${variant.name}`);
  const params: StreamParams = {
    ...DEFAULT_STREAM_PARAMS,
    ...(args.realtime ? {} : { minStepMs: BENCH_MIN_STEP_MS }),
    ...variant.params,
  };
  let metered!: MeteredTranscriber;
  let leftAtStop: number | null = null;
  const { service, engine, close } = benchService(root, MODEL, {
    streamParams: params,
    timers: 'none',
    events: {
      finishing: (p) => {
        leftAtStop ??= p.remainingSec;
      },
    },
    load: async (p) =>
      (metered = new MeteredTranscriber(
        // In lock-step the background engine runs at normal priority: the bench waits for it after
        // every frame (it assumes the lane keeps up), and on a machine loaded by others a nice-19
        // process crawls. Stop itself runs on the live lane, so this does not change what is measured.
        // At real-time pace it is the app's: lowest priority, frozen during caption passes.
        new LanedTranscriber(await ProcessTranscriber.start(forkEngine, p), () =>
          ProcessTranscriber.start(forkEngine, p, {}, {}, args.realtime ? 'background' : 'live'),
        ),
      )),
  });
  await engine.transcriber();
  const results: LengthResult[] = [];
  for (const [i, lengthSec] of args.lengths.entries()) {
    const stopMs: number[] = [];
    const leftAtStopSec: number[] = [];
    let backgroundShare = 0;
    let peak = { main: 0, engines: 0 };
    let last: { words: Word[]; audio: Float32Array } | null = null;
    const load = loadAverage();
    for (let run = 0; run < args.runs[i]!; run++) {
      const audio = answerAudio(source, lengthSec, run * 17.3);
      const { answerId } = await service.startAnswer({
        questionId: 'q',
        questionText: 'Tell me about yourself.',
      });
      const bgBefore = metered.backgroundMs;
      const sampler = setInterval(() => {
        const now = rssNow();
        peak = { main: Math.max(peak.main, now.main), engines: Math.max(peak.engines, now.engines) };
      }, 500);
      const startedMs = performance.now();
      for (let i = 0, at = 0; at < audio.length; i++, at += FRAME) {
        if (args.realtime) {
          // Frame i is whole at (i + 1) · 200 ms of wall time, as a microphone delivers it.
          const dueMs = startedMs + ((i + 1) * FRAME * 1000) / 16_000;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueMs - performance.now())));
        }
        service.pushAudio(answerId, float32ToPcm16(audio.subarray(at, at + FRAME)).buffer as ArrayBuffer);
        // The background lane keeps up with the answer (see backgroundShare for what that costs).
        if (!args.realtime) await service.settle(answerId);
      }
      leftAtStop = null;
      const started = performance.now();
      const result = await service.stopAnswer(answerId);
      stopMs.push(performance.now() - started);
      leftAtStopSec.push(leftAtStop ?? 0);
      if (args.trace) console.log(metered.during(started, performance.now()).join('\n'));
      clearInterval(sampler);
      backgroundShare = Math.max(backgroundShare, (metered.backgroundMs - bgBefore) / (lengthSec * 1000));
      last = { words: result.words, audio };
      console.log(
        `[${variant.name}] ${lengthSec} s run ${run + 1}: Stop → report ${stopMs.at(-1)!.toFixed(0)} ms, ${leftAtStopSec.at(-1)!.toFixed(1)} s of audio left to transcribe at Stop (load ${loadAverage()})`,
      );
    }
    let wholeAnswerMs: number | null = null;
    let wholePassMs: number | null = null;
    let whole: Word[] | null = null;
    if (lengthSec <= args.baselineMaxSec && last) {
      // Today's Stop: one final pass over the whole answer, then the analysis computing the pitch track.
      const transcriber = await engine.transcriber();
      const started = performance.now();
      const pass = await transcriber.transcribe(
        last.audio,
        finalPassOptions(params, last.audio.length / 16_000),
      );
      wholePassMs = performance.now() - started;
      await computeAnswerReportWithAudio(last.audio, {
        words: pass.words,
        durationSec: lengthSec,
        question: null,
      });
      wholeAnswerMs = performance.now() - started;
      whole = pass.words;
      console.log(
        `[${variant.name}] ${lengthSec} s whole-answer pass + analysis: ${wholeAnswerMs.toFixed(0)} ms`,
      );
    }
    results.push({
      variant: variant.name,
      lengthSec,
      stopMs,
      leftAtStopSec,
      wholeAnswerMs,
      wholePassMs,
      backgroundShare,
      finalWords: last?.words.length ?? 0,
      wholeWords: whole?.length ?? null,
      timing: whole && last ? timingAgreement(last.words, whole) : null,
      peakRssMb: peak,
      load,
    });
    // Recorded as each length finishes: a long run cut short still leaves its figures.
    await onLength(results);
  }
  await close();
  return results;
}

type Recovery = {
  lengthSec: number;
  /** Answer time up to which final text was saved when the recording was killed. */
  finalSec: number;
  recoverMs: number;
  load: string;
} | null;

/**
 * A real recording process (bench/recordingToKill.ts: the app's service and engines, the background
 * lane keeping up) killed with SIGKILL once the whole answer is fed, before Stop; then the recovery at
 * the next start is timed with the engine already loaded, as at the app's start.
 */
async function measureRecovery(lengthSec: number): Promise<Recovery> {
  const dir = path.join(os.tmpdir(), `coach-stopbench-recovery-${process.pid}`);
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin/run-ts.mjs'), path.join(here, 'recordingToKill.ts'), dir, String(lengthSec)],
    { env: { ...process.env, COACH_WHISPER_MODEL: MODEL }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const fed = new Promise<boolean>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('fed\n')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  if (!(await fed)) throw new Error('the recording to kill exited before it was fed');
  child.kill('SIGKILL');
  await exited;
  const { service, engine, db, close } = benchService(dir, MODEL);
  const finalSec =
    (db.prepare('SELECT COALESCE(MAX(end_sec), 0) FROM final_utterances').pluck().get() as number) ?? 0;
  await engine.transcriber();
  const load = loadAverage();
  const started = performance.now();
  const recovered = await service.recoverInterrupted();
  const recoverMs = performance.now() - started;
  await close();
  if (recovered.length !== 1) throw new Error(`expected one recovered answer, got ${recovered.length}`);
  console.log(
    `recovery of a ${lengthSec} s answer (${finalSec.toFixed(1)} s final before the kill): ${recoverMs.toFixed(0)} ms`,
  );
  return { lengthSec, finalSec, recoverMs, load };
}

const sectionName = (args: Args) => (args.realtime ? 'stop-latency-realtime' : 'stop-latency');

function report(results: LengthResult[], recovery: Recovery, args: Args): string {
  if (args.realtime) return realtimeReport(results, args);
  const { start, end } = sectionMarkers(sectionName(args));
  const m = machineInfo();
  const rows = results.map((r) => {
    const p95 = pct(r.stopMs, 95);
    const ratio = r.wholeAnswerMs ? `${(r.wholeAnswerMs / median(r.stopMs)).toFixed(1)}×` : '–';
    return `| ${r.variant} | ${r.lengthSec} | ${r.stopMs.length} | ${median(r.stopMs).toFixed(0)} | ${p95.toFixed(0)} ${p95 <= TARGET_MS ? 'pass' : '**FAIL**'} | ${r.wholeAnswerMs?.toFixed(0) ?? '–'} (${r.wholePassMs?.toFixed(0) ?? '–'}) | ${ratio} | ${(r.backgroundShare * 100).toFixed(0)}% | ${r.finalWords} / ${r.wholeWords ?? '–'} | ${r.timing ? `${r.timing.medianSec.toFixed(2)} s (${r.timing.pairs})` : '–'} | ${r.peakRssMb.main.toFixed(0)} / ${r.peakRssMb.engines.toFixed(0)} | ${r.load} |`;
  });
  return [
    start,
    '## Stop → report by answer length (issue #15)',
    '',
    `Run \`npm run bench:stop\` (bench/stopBench.ts; numbers in \`bench/stop.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
    `Engine: whisper.cpp (smart-whisper) with ${path.basename(MODEL)} in its own processes, as the app runs it: live passes in one, final passes of closed utterances in a second (which the app runs at the lowest CPU priority; the bench runs it at normal priority because it waits for it after every frame, and Stop itself runs on the live lane). Silero VAD on.`,
    `Audio: ${path.basename(SOURCE_WAV)} looped to each length, each run starting 17.3 s further in, so Stop falls in a different place. Fed in 200 ms frames in lock-step: after each frame the bench waits for live steps (at most every ${BENCH_MIN_STEP_MS} ms of audio here) and for the final passes of closed utterances, i.e. it assumes the background lane keeps up with speech; "background share" says what that cost in real time (it must stay well under the ~50% live passes leave idle).`,
    'Stop → report: `PracticeService.stopAnswer` until the answer is saved (final text of the last utterance, metrics, coaching analysis, SQLite).',
    "Whole-answer column: today's Stop on the last run's audio, one final pass over all of it plus the analysis computing its pitch track (the pass alone in brackets), measured in the same run. Load average (1/5/15 min) at the start of each length, from other engineers' work on the machine.",
    '',
    '| settings | answer s | runs | Stop → report p50 ms | p95 ms (≤ 1500) | whole-answer ms (pass) | whole ÷ incremental p50 | background share | words incremental / whole | word start Δ median (pairs) | peak RSS MB main / engines | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...args.variants.map((v) => `- ${v.name}: ${v.label}.`),
    recovery
      ? `- Crash recovery: a ${recovery.lengthSec} s answer recorded by the app's service and engines in a process of its own (bench/recordingToKill.ts, fed in lock-step like the runs above), killed with SIGKILL before Stop, when ${recovery.finalSec.toFixed(1)} s of it were final; \`recoverInterrupted()\` at the next start (engine loaded: the last ${(recovery.lengthSec - recovery.finalSec).toFixed(1)} s transcribed, the answer analysed and saved) took **${recovery.recoverMs.toFixed(0)} ms** (≤ 5000: ${recovery.recoverMs <= 5000 ? 'pass' : 'FAIL'}), load ${recovery.load}.`
      : '- Crash recovery: not measured in this run.',
    "- The synthetic model's words are meaningless, so word counts and timing pairs are few; the replay-transcriber test (tests/core/streaming/utteranceFinalizer.test.ts) shows the texts are equal where the replay is deterministic.",
    end,
  ].join('\n');
}

/** The real-time run: what a user waits for after pressing Stop as they finish speaking. */
function realtimeReport(results: LengthResult[], args: Args): string {
  const { start, end } = sectionMarkers(sectionName(args));
  const m = machineInfo();
  const rows = results.map((r) => {
    const p95 = pct(r.stopMs, 95);
    return `| ${r.variant} | ${r.lengthSec} | ${r.stopMs.length} | ${median(r.stopMs).toFixed(0)} | ${p95.toFixed(0)} ${p95 <= TARGET_MS ? 'pass' : '**FAIL**'} | ${Math.max(...r.stopMs).toFixed(0)} | ${median(r.leftAtStopSec).toFixed(1)} / ${Math.max(...r.leftAtStopSec).toFixed(1)} | ${(r.backgroundShare * 100).toFixed(0)}% | ${r.peakRssMb.main.toFixed(0)} / ${r.peakRssMb.engines.toFixed(0)} | ${r.load} |`;
  });
  return [
    start,
    '## Stop → report at the pace of speech (issue #15)',
    '',
    `Run \`npm run bench:stop -- --realtime\` (bench/stopBench.ts; numbers in \`bench/stop-realtime.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
    `As the app runs: ${path.basename(MODEL)}, live steps at the product's pace, final passes of closed utterances on the second engine process at the lowest CPU priority and frozen during each caption pass, Silero VAD on. ${path.basename(SOURCE_WAV)} looped to each length, fed in 200 ms frames at the pace a microphone delivers them, and Stop pressed right after the last frame. So Stop's time includes whatever the background lane had not caught up with: "audio left at Stop" is the closed and open audio whose final pass was still to run (the first progress report). "Background lane busy": the background passes' wall time as a share of the answer's (time frozen during caption passes included). \`--trace\` prints each Stop's passes.`,
    '',
    '| settings | answer s | runs | Stop → report p50 ms | p95 ms (≤ 1500) | max ms | audio left at Stop median / max s | background lane busy | peak RSS MB main / engines | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...args.variants.map((v) => `- ${v.name}: ${v.label}.`),
    end,
  ].join('\n');
}

const args = parseArgs(process.argv.slice(2));
const source = readWav16kMono(SOURCE_WAV).samples;
console.log(`bench:stop lengths ${args.lengths.join(',')} runs ${args.runs.join(',')} load ${loadAverage()}`);
const results: LengthResult[] = [];
const record = async (all: LengthResult[], recovery: Recovery) => {
  await writeBenchmarkJson(path.join(here, args.realtime ? 'stop-realtime.json' : 'stop.json'), {
    machine: machineInfo(),
    results: all,
    recovery,
  });
  writeBenchmarkSection(sectionName(args), report(all, recovery, args));
};
for (const variant of args.variants) {
  const before = [...results];
  results.push(...(await runVariant(variant, args, source, (soFar) => record([...before, ...soFar], null))));
}
const recovery = args.recoverySec > 0 ? await measureRecovery(args.recoverySec) : null;
await record(results, recovery);
console.log(report(results, recovery, args));
process.exit(0);
