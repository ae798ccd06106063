// Encoder speed of the installed whisper.cpp addon against whisper.cpp built natively from the same
// sources with the same SIMD flags, side by side in one run (docs/decisions.md, "Whisper binding
// and build"). Uses the synthetic tiny.en model: random weights cost exactly what real ones do.
//
//   node bin/run-ts.mjs bench/encoderBench.ts [--rounds 5] [--skip-default-build] [--max-wait-sec 600]
//
// Measured, all with 2 threads:
//   1. whisper.cpp's own `bench` example (encoder over one full 30 s window, mel not included),
//      built (a) exactly like the addon: same sources, same defines, node-gyp's base flags plus
//      simdBuildEnv(); (b) with whisper.cpp's Makefile defaults (adds OpenMP), if it builds.
//   2. One whisper_full call on 30 s, 10 s and 2 s of real speech, decoding capped at one token so
//      mel + encoder dominate, audio_ctx set by the app's streaming policy: natively (a small driver
//      linked against build (a)) and through the installed addon (what the app calls). The two run
//      in interleaved rounds, so a disturbance hits both alike; each round loads the model, makes
//      one warm-up call and then back-to-back timed calls per window, as a long-running app does.
//   3. Optionally, the 30 s call through smart-whisper rebuilt with node-gyp's default flags.
// Every step is repeated if other processes took a noticeable share of the CPU while it ran.
// Writes bench/encoder.json and prints a table.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import type { binding as installedBinding, TranscribeParams } from 'smart-whisper';
import { readWav16kMono } from '../src/core/audio/readWav';
import { audioCtxFor, DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';
import { machineInfo } from './benchDocs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = path.join(ROOT, '.cache', 'native-bench');
const OUTPUT_JSON = path.join(ROOT, 'bench', 'encoder.json');
const require = createRequire(path.join(ROOT, 'package.json'));
const SW_DIR = path.dirname(require.resolve('smart-whisper/package.json'));
const WHISPER_SRC = path.join(SW_DIR, 'whisper.cpp');

const THREADS = 2;
const SAMPLE_RATE = 16_000;
const WINDOWS_SEC = [30, 10, 2] as const;
/** 53 s of continuous read speech; its first 30 s fill Whisper's whole window. */
const SPEECH_WAV = path.resolve(ROOT, '../shared/audio/librivox_shakespeare_sonnet_001.wav');
/** Other processes may use at most this share of the CPU before a step starts… */
const QUIET_CPU_SHARE = 0.15;
/** …and while it runs; above this the step is measured again. */
const MAX_INTERFERENCE = 0.05;
const MAX_ATTEMPTS = 3;
/** Timed calls per window in each round, after the warm-up call. */
const CALLS_PER_ROUND = 2;

type Binding = typeof installedBinding;
/**
 * Best and median of repeated runs. On a shared VM interference only ever adds time, and this one
 * also drifts between a fast and a ~20% slower state for minutes at a time, hitting whichever
 * step runs then; the best run is the steadier basis for comparing builds, the median is shown too.
 */
type Stats = { runsMs: number[]; bestMs: number; medianMs: number };
type Ratio = { best: number | null; median: number | null };
type WindowPlan = { seconds: number; audioCtx: number };
/** Per window (keyed by seconds), timings of the timed calls in milliseconds. */
type WindowRuns = Record<string, number[]>;

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
const stats = (runsMs: number[]): Stats => ({
  runsMs: runsMs.map(round1),
  bestMs: round1(Math.min(...runsMs)),
  medianMs: round1(median(runsMs)),
});
const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined ? null : Math.round((a / b) * 100) / 100;
const statsRatio = (a: Stats, b: Stats | null | undefined): Ratio => ({
  best: ratio(a.bestMs, b?.bestMs),
  median: ratio(a.medianMs, b?.medianMs),
});
const times = (r: number | null): string => (r === null ? '—' : `${r.toFixed(2)}×`);
const bothTimes = (r: Ratio): string => `${times(r.best)} / ${times(r.median)}`;
const bothSecs = (s: Stats): string => `${(s.bestMs / 1000).toFixed(2)} / ${secs(s.medianMs)}`;
const secs = (ms: number | undefined): string => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const log = (msg: string): void => console.log(`[bench] ${msg}`);

function appendRuns(into: WindowRuns, from: WindowRuns): void {
  for (const [k, v] of Object.entries(from)) (into[k] ??= []).push(...v);
}

type RunResult = { code: number | null; stdout: string; stderr: string };
type RunOptions = { cwd?: string; env?: NodeJS.ProcessEnv };

function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
}

async function runOrThrow(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    const tail = (res.stderr || res.stdout).slice(-3000);
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.code}):\n${tail}`);
  }
  return res;
}

/** Runs async jobs with at most `limit` in flight (one compiler per core). */
async function parallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// A quiet machine: other agents may be compiling, which would distort every number. Linux only
// (/proc); elsewhere the checks report 0 and measure regardless.

/** Busy and total CPU time of the whole machine, in clock ticks. */
function machineTicks(): { busy: number; total: number } {
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

/** CPU ticks used by this process and its finished children (which includes every measured run). */
function ownTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number); // f[0] is field 3
  return f[11]! + f[12]! + f[13]! + f[14]!; // utime, stime, cutime, cstime
}

const hasProc = existsSync('/proc/stat') && existsSync('/proc/self/stat');
const snapshot = () => (hasProc ? { ...machineTicks(), own: ownTicks() } : { busy: 0, total: 0, own: 0 });

/** Share of the machine's CPU that *other* processes used between two snapshots. */
function othersShare(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>): number {
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return Math.max(0, (b.busy - a.busy - (b.own - a.own)) / total);
}

let maxWaitSec = 600;
type StepLog = { step: string; attempts: number; othersCpuShare: number; waitedSec: number };
const stepLog: StepLog[] = [];

/** Waits (up to --max-wait-sec) until other processes leave the CPU mostly idle. */
async function waitForQuiet(step: string): Promise<number> {
  const started = Date.now();
  const sample = async (): Promise<number> => {
    const a = snapshot();
    await new Promise((r) => setTimeout(r, 2000));
    return othersShare(a, snapshot());
  };
  let busy = await sample();
  while (busy > QUIET_CPU_SHARE && Date.now() - started < maxWaitSec * 1000) {
    log(`other processes use ${(busy * 100).toFixed(0)}% of the CPU before "${step}"; waiting…`);
    await new Promise((r) => setTimeout(r, 10_000));
    busy = await sample();
  }
  return Math.round((Date.now() - started) / 1000);
}

/** Runs a measurement when the machine is quiet, and again if something else ran meanwhile. */
async function measured<T>(step: string, fn: () => Promise<T>): Promise<T> {
  let waitedSec = 0;
  for (let attempt = 1; ; attempt++) {
    waitedSec += await waitForQuiet(step);
    const before = snapshot();
    const result = await fn();
    const others = othersShare(before, snapshot());
    if (others <= MAX_INTERFERENCE || attempt >= MAX_ATTEMPTS) {
      stepLog.push({ step, attempts: attempt, othersCpuShare: Math.round(others * 1000) / 1000, waitedSec });
      if (others > MAX_INTERFERENCE) log(`warning: "${step}" shared the CPU (${(others * 100).toFixed(0)}%)`);
      return result;
    }
    log(`other processes took ${(others * 100).toFixed(0)}% of the CPU during "${step}"; measuring again`);
  }
}

// ---------------------------------------------------------------------------------------------
// Native builds

/** The flags postinstall builds the addon with; scripts/simdFlags.mjs is plain JS without types. */
async function simdCflags(): Promise<string> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'simdFlags.mjs')).href)) as {
    simdBuildEnv: () => { cflags: string };
  };
  return mod.simdBuildEnv().cflags;
}

/** node-gyp's own Release flags for the addon (build/smart-whisper.target.mk), before $CFLAGS. */
const NODE_GYP_BASE_FLAGS = ['-fPIC', '-pthread', '-m64', '-O3', '-fno-omit-frame-pointer'];
/** The addon's sources, minus its N-API glue; dist/build.js adds no GGML_USE_* defines on Linux. */
const GGML_C_SOURCES = ['ggml.c', 'ggml-alloc.c', 'ggml-backend.c', 'ggml-quants.c', 'ggml-aarch64.c'];

/**
 * Runs whisper_full like the addon's TranscribeWorker does (defaults from the beam-search preset,
 * then the caller's fields) on the first seconds of a raw f32 PCM file. Per window: one warm-up
 * call, then `reps` timed calls, each followed by whisper.cpp's timing report (for encode time).
 */
const FULL_DRIVER_CPP = String.raw`
#include "whisper.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char ** argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s model.bin pcm.f32 threads reps seconds:audio_ctx...\n", argv[0]);
        return 2;
    }
    std::vector<float> all(30 * 16000);
    FILE * f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 2; }
    all.resize(fread(all.data(), sizeof(float), all.size(), f));
    fclose(f);

    whisper_context_params cparams = whisper_context_default_params();
    cparams.use_gpu = false;
    whisper_context * ctx = whisper_init_from_file_with_params(argv[1], cparams);
    if (!ctx) return 3;

    whisper_full_params p = whisper_full_default_params(WHISPER_SAMPLING_BEAM_SEARCH);
    p.strategy         = WHISPER_SAMPLING_GREEDY;
    p.n_threads        = atoi(argv[3]);
    p.language         = "en";
    p.max_tokens       = 1;
    p.single_segment   = true;
    p.no_timestamps    = true;
    p.temperature_inc  = 0.0f;
    p.print_progress   = false;
    p.print_timestamps = false;
    const int reps = atoi(argv[4]);

    for (int w = 5; w < argc; w++) {
        const int seconds = atoi(argv[w]);
        p.audio_ctx = atoi(strchr(argv[w], ':') + 1);
        const int n = seconds * 16000 < (int) all.size() ? seconds * 16000 : (int) all.size();
        for (int i = 0; i <= reps; i++) {
            whisper_reset_timings(ctx);
            const auto t0 = std::chrono::steady_clock::now();
            if (whisper_full(ctx, p, all.data(), n) != 0) return 4;
            const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
            if (i == 0) continue; // warm-up
            printf("window %d wall_ms %.3f\n", seconds, ms.count());
            fflush(stdout);
            whisper_print_timings(ctx);
        }
    }
    whisper_free(ctx);
    return 0;
}
`;

type NativeBuild = { bench: string; fullDriver: string; flags: string[] };

async function compilerVersion(): Promise<string> {
  return (await runOrThrow('cc', ['--version'])).stdout.split('\n')[0]!.trim();
}

/** Builds `bench` and the whisper_full driver exactly like the addon, cached by flags and sources. */
async function buildNativeLikeAddon(cflags: string): Promise<NativeBuild> {
  const swVersion = JSON.parse(readFileSync(path.join(SW_DIR, 'package.json'), 'utf8')).version as string;
  // -D_GNU_SOURCE: an executable must resolve ggml's CPU_SET calls, which the addon (a shared
  // object) leaves unresolved; whisper.cpp's own Makefile defines it too. It changes no hot code.
  const flags = [...NODE_GYP_BASE_FLAGS, ...cflags.split(/\s+/).filter(Boolean), '-D_GNU_SOURCE'];
  const key = createHash('sha256')
    .update(JSON.stringify({ flags, swVersion, cc: await compilerVersion(), driver: FULL_DRIVER_CPP }))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(CACHE_DIR, `addon-flags-${key}`);
  const build = { bench: path.join(dir, 'bench'), fullDriver: path.join(dir, 'full-bench'), flags };
  if (existsSync(path.join(dir, 'build.json'))) return build;

  log(`building whisper.cpp natively with ${flags.join(' ')} (once, ~1 min)…`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'full-bench.cpp'), FULL_DRIVER_CPP);
  const includes = ['include', 'ggml/include'].map((d) => `-I${path.join(WHISPER_SRC, d)}`);
  const obj = (name: string): string => path.join(dir, name);
  const compile =
    (cc: string, src: string, out: string, extra: string[] = []) =>
    () =>
      runOrThrow(cc, [...flags, ...extra, ...includes, '-c', src, '-o', obj(out)]);
  const cxx = ['-std=gnu++17'];
  await parallel(
    [
      compile('g++', path.join(WHISPER_SRC, 'src/whisper.cpp'), 'whisper.o', cxx),
      ...GGML_C_SOURCES.map((s) =>
        compile('cc', path.join(WHISPER_SRC, 'ggml/src', s), s.replace('.c', '.o')),
      ),
      compile('g++', path.join(WHISPER_SRC, 'examples/bench/bench.cpp'), 'bench-main.o', cxx),
      compile('g++', path.join(dir, 'full-bench.cpp'), 'full-bench.o', cxx),
    ],
    os.availableParallelism(),
  );
  const libObjs = ['whisper.o', ...GGML_C_SOURCES.map((s) => s.replace('.c', '.o'))].map(obj);
  await runOrThrow('g++', ['-pthread', '-o', build.bench, obj('bench-main.o'), ...libObjs]);
  await runOrThrow('g++', ['-pthread', '-o', build.fullDriver, obj('full-bench.o'), ...libObjs]);
  await writeFile(path.join(dir, 'build.json'), JSON.stringify({ flags, swVersion }, null, 2));
  return build;
}

const UPSTREAM_NOTE =
  'whisper.cpp Makefile defaults: GGML_USE_OPENMP, -O3 -march=native -mtune=native, -DNDEBUG';

/**
 * whisper.cpp's own Makefile, the "native" most published numbers use. The npm package omits
 * scripts/get-flags.mk, which the Makefile includes only to detect compiler versions; an empty
 * stand-in lets it build. Returns the error instead if it still fails.
 */
async function buildNativeUpstreamMakefile(): Promise<{ bench: string } | { error: string }> {
  const dir = path.join(CACHE_DIR, 'upstream-makefile');
  const bench = path.join(dir, 'bench');
  if (existsSync(bench)) return { bench };
  log('building whisper.cpp bench with its own Makefile (once, ~1 min)…');
  try {
    await rm(dir, { recursive: true, force: true });
    await cp(WHISPER_SRC, dir, { recursive: true });
    await mkdir(path.join(dir, 'scripts'), { recursive: true });
    await writeFile(path.join(dir, 'scripts', 'get-flags.mk'), '# stand-in: not in the npm package\n');
    const env = { ...process.env };
    for (const k of ['CFLAGS', 'CXXFLAGS', 'LDFLAGS']) delete env[k];
    await runOrThrow('make', [`-j${os.availableParallelism()}`, 'bench'], { cwd: dir, env });
    return { bench };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    return { error: (err as Error).message.split('\n')[0]! };
  }
}

/**
 * node-gyp needs Node's headers and must not download them (offline): use npm's `nodedir` setting
 * when npm started us, else the headers installed next to this Node binary.
 */
function nodeGypNodedirArgs(): string[] {
  const fromNpm = process.env.npm_config_nodedir;
  if (fromNpm) return [`--nodedir=${fromNpm}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

/** smart-whisper rebuilt with node-gyp's defaults (no -march: x86-64 baseline, SSE2 only). */
async function buildDefaultFlagsAddon(): Promise<string> {
  const dir = path.join(CACHE_DIR, 'sw-default');
  const addon = path.join(dir, 'build', 'Release', 'smart-whisper.node');
  if (existsSync(addon)) return addon;
  log('rebuilding smart-whisper with node-gyp default flags (once, a few minutes)…');
  await rm(dir, { recursive: true, force: true });
  const oldBuild = path.join(SW_DIR, 'build');
  const notOldBuild = (src: string): boolean => src !== oldBuild && !src.startsWith(oldBuild + path.sep);
  await cp(SW_DIR, dir, { recursive: true, filter: notOldBuild });
  const npmNodeGyp = path.join(path.dirname(process.execPath), '..', 'lib/node_modules/npm/node_modules');
  const nodeGyp = process.env.npm_config_node_gyp ?? path.join(npmNodeGyp, 'node-gyp/bin/node-gyp.js');
  const env = { ...process.env };
  for (const k of ['CFLAGS', 'CXXFLAGS', 'COACH_WHISPER_CFLAGS']) delete env[k];
  const args = [nodeGyp, 'rebuild', `--jobs=${os.availableParallelism()}`, ...nodeGypNodedirArgs()];
  await runOrThrow(process.execPath, args, { cwd: dir, env });
  return addon;
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** The encode time whisper.cpp's `bench` reports for one full window (one process, one run). */
async function whisperBenchEncodeMs(bench: string, model: string): Promise<number> {
  const res = await runOrThrow(bench, ['-m', model, '-t', String(THREADS), '-w', '0', '-ng']);
  const m = /encode time =\s*([\d.]+) ms/.exec(res.stderr);
  if (!m) throw new Error(`no encode time in the bench output:\n${res.stderr.slice(-2000)}`);
  return Number(m[1]);
}

type NativeRuns = { call: WindowRuns; encode: WindowRuns; mel: WindowRuns };

/** Runs the native driver: per window one warm-up call, then `reps` timed whisper_full calls. */

async function nativeFullRuns(
  driver: string,
  model: string,
  pcmFile: string,
  plans: WindowPlan[],
  reps: number,
) {
  const windows = plans.map((p) => `${p.seconds}:${p.audioCtx}`);
  const res = await runOrThrow(driver, [model, pcmFile, String(THREADS), String(reps), ...windows]);
  const calls = [...res.stdout.matchAll(/window (\d+) wall_ms ([\d.]+)/g)];
  // whisper_print_timings reports follow the calls one for one, in the same order.
  const encodes = [...res.stderr.matchAll(/encode time =\s*([\d.]+) ms/g)].map((m) => Number(m[1]));
  const mels = [...res.stderr.matchAll(/mel time =\s*([\d.]+) ms/g)].map((m) => Number(m[1]));
  const out: NativeRuns = { call: {}, encode: {}, mel: {} };
  calls.forEach((m, i) => {
    const key = m[1]!;
    (out.call[key] ??= []).push(Number(m[2]));
    (out.encode[key] ??= []).push(encodes[i]!);
    (out.mel[key] ??= []).push(mels[i]!);
  });
  return out;
}

/** The parameters the addon gets: the whole window decoded to at most one token. */
const addonParams = (audioCtx: number): Partial<TranscribeParams<'simple', false>> => ({
  strategy: 0,
  n_threads: THREADS,
  language: 'en',
  max_tokens: 1,
  single_segment: true,
  no_timestamps: true,
  audio_ctx: audioCtx,
  temperature_inc: 0,
  print_progress: false,
  format: 'simple',
});

/**
 * Child-process mode: load an addon, time `reps` calls per window after one warm-up, print JSON.
 * A separate process keeps whisper.cpp's stderr chatter out of the report and keeps two builds
 * of the addon apart (loading both into one process crashes).
 */
async function addonWorker(args: string[]): Promise<void> {
  const [addonPath, model, pcmFile, plansJson, repsArg] = args as [string, string, string, string, string];
  const b: Binding =
    addonPath === 'installed'
      ? (await import('smart-whisper')).binding
      : (createRequire(import.meta.url)(addonPath) as Binding);
  const all = new Float32Array(new Uint8Array(await readFile(pcmFile)).buffer);
  const plans = JSON.parse(plansJson) as WindowPlan[];
  const reps = Number(repsArg);
  // Keep the model object reachable: its finalizer frees the whisper context, even mid-call.
  const loaded = await b.WhisperModel.load(model, false);
  const handle = loaded.handle!;
  const call = (pcm: Float32Array, audioCtx: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const done = (result: unknown): void =>
        result instanceof Error ? reject(result) : resolve(performance.now() - t0);
      b.transcribe(handle, pcm, addonParams(audioCtx), done, () => undefined);
    });
  const out: WindowRuns = {};
  for (const plan of plans) {
    const pcm = all.slice(0, plan.seconds * SAMPLE_RATE);
    await call(pcm, plan.audioCtx); // warm-up: first-touch page faults, lazy allocations
    for (let i = 0; i < reps; i++) (out[String(plan.seconds)] ??= []).push(await call(pcm, plan.audioCtx));
  }
  await loaded.free();
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

async function addonRuns(
  addonPath: string,
  model: string,
  pcmFile: string,
  plans: WindowPlan[],
  reps: number,
): Promise<WindowRuns> {
  const self = fileURLToPath(import.meta.url);
  const args = ['--addon-worker', addonPath, model, pcmFile, JSON.stringify(plans), String(reps)];
  const res = await runOrThrow(process.execPath, [path.join(ROOT, 'bin', 'run-ts.mjs'), self, ...args]);
  const line = res.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`addon worker printed no result:\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as WindowRuns;
}

// ---------------------------------------------------------------------------------------------
// Report

async function machineInfoWithCompiler() {
  return { ...machineInfo(), compiler: await compilerVersion() };
}

type WindowRow = {
  seconds: number;
  audioCtx: number;
  nativeCall: Stats;
  nativeEncode: Stats;
  nativeMel: Stats;
  addonCall: Stats;
  addonOverNative: Ratio;
};

function printTable(
  cpu: string,
  windows: WindowRow[],
  bench: { addonFlags: Stats; upstreamMakefile: Stats | null },
  defaultFlags: { call: Stats } | { skipped: string },
): void {
  console.log(`\nEncoder benchmark: synthetic tiny.en, ${THREADS} threads, ${cpu}`);
  console.log('one whisper_full call = mel + encoder + one decoder step; cells are best / median\n');
  const rows = [
    ['window', 'audio_ctx', 'native call', 'native encode', 'addon call', 'addon/native'],
    ...windows.map((w) => [
      `${w.seconds} s`,
      String(w.audioCtx),
      bothSecs(w.nativeCall),
      bothSecs(w.nativeEncode),
      bothSecs(w.addonCall),
      bothTimes(w.addonOverNative),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

  const full = windows[0]!;
  const up = bench.upstreamMakefile;
  console.log(`\nwhisper.cpp bench encode, 30 s, addon flags:       ${bothSecs(bench.addonFlags)}`);
  if (up) console.log(`whisper.cpp bench encode, 30 s, Makefile defaults: ${bothSecs(up)}`);
  console.log(
    `addon 30 s call / bench encode: ${bothTimes(statsRatio(full.addonCall, bench.addonFlags))} (addon flags)` +
      (up ? `, ${bothTimes(statsRatio(full.addonCall, up))} (Makefile defaults)` : ''),
  );
  if ('call' in defaultFlags) {
    const r = statsRatio(defaultFlags.call, full.nativeCall);
    console.log(
      `smart-whisper, node-gyp default flags, 30 s call: ${bothSecs(defaultFlags.call)} (${bothTimes(r)} native)`,
    );
  } else {
    console.log(`smart-whisper, node-gyp default flags: skipped (${defaultFlags.skipped})`);
  }
}

function parseArgs(argv: string[]) {
  const opts = { rounds: 5, skipDefaultBuild: false, maxWaitSec: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') opts.rounds = Math.max(1, Number(argv[++i]));
    else if (a === '--skip-default-build') opts.skipDefaultBuild = true;
    else if (a === '--max-wait-sec') opts.maxWaitSec = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  maxWaitSec = opts.maxWaitSec;
  const cflags = await simdCflags();
  const markerPath = path.join(SW_DIR, 'build', 'coach-simd.json');
  const installedBuild = existsSync(markerPath)
    ? (JSON.parse(readFileSync(markerPath, 'utf8')) as { cflags?: string })
    : null;
  if (installedBuild?.cflags !== cflags) {
    log(`warning: the installed addon was built with "${installedBuild?.cflags ?? '?'}", not "${cflags}"`);
  }

  const model = await ensureSyntheticModel({ arch: 'tiny.en' });
  await mkdir(CACHE_DIR, { recursive: true });
  const speech = readWav16kMono(SPEECH_WAV).samples.slice(0, 30 * SAMPLE_RATE);
  const pcmFile = path.join(CACHE_DIR, 'speech-30s.f32');
  await writeFile(pcmFile, new Uint8Array(speech.buffer, speech.byteOffset, speech.byteLength));
  const plans: WindowPlan[] = WINDOWS_SEC.map((seconds) => ({
    seconds,
    audioCtx: audioCtxFor(seconds, DEFAULT_STREAM_PARAMS),
  }));

  // Builds first (they load the CPU), measurements after.
  const native = await buildNativeLikeAddon(cflags);
  const upstream = await buildNativeUpstreamMakefile();
  let defaultAddon: string | { error: string } | null = null;
  if (!opts.skipDefaultBuild) {
    defaultAddon = await buildDefaultFlagsAddon().catch((err: Error) => ({
      error: err.message.split('\n')[0]!,
    }));
  }

  // whisper.cpp bench: one process per run (each also runs ~12 s of decoder benchmarks we ignore).
  const benchRuns = { addonFlags: [] as number[], upstreamMakefile: [] as number[] };
  for (let i = 0; i < opts.rounds; i++) {
    log(`round ${i + 1}/${opts.rounds}: whisper.cpp bench…`);
    benchRuns.addonFlags.push(
      await measured('bench, addon flags', () => whisperBenchEncodeMs(native.bench, model)),
    );
    if ('bench' in upstream) {
      const ms = await measured('bench, Makefile defaults', () =>
        whisperBenchEncodeMs(upstream.bench, model),
      );
      benchRuns.upstreamMakefile.push(ms);
    }
  }

  // Per-call rounds, native and addon interleaved.
  const nativeRuns: NativeRuns = { call: {}, encode: {}, mel: {} };
  const addon: WindowRuns = {};
  for (let i = 0; i < opts.rounds; i++) {
    log(`round ${i + 1}/${opts.rounds}: native whisper_full, then the addon…`);
    const n = await measured('native whisper_full', () =>
      nativeFullRuns(native.fullDriver, model, pcmFile, plans, CALLS_PER_ROUND),
    );
    appendRuns(nativeRuns.call, n.call);
    appendRuns(nativeRuns.encode, n.encode);
    appendRuns(nativeRuns.mel, n.mel);
    const a = await measured('addon', () => addonRuns('installed', model, pcmFile, plans, CALLS_PER_ROUND));
    appendRuns(addon, a);
  }

  let defaultFlags: { seconds: number; audioCtx: number; call: Stats } | { skipped: string };
  if (typeof defaultAddon === 'string') {
    log('smart-whisper with default flags, 30 s window…');
    const path30 = defaultAddon;
    const r = await measured('default-flags addon', () => addonRuns(path30, model, pcmFile, [plans[0]!], 3));
    defaultFlags = { ...plans[0]!, call: stats(r['30']!) };
  } else {
    defaultFlags = { skipped: defaultAddon ? `build failed: ${defaultAddon.error}` : '--skip-default-build' };
  }

  const windows: WindowRow[] = plans.map((plan) => {
    const k = String(plan.seconds);
    const a = stats(addon[k]!);
    const n = stats(nativeRuns.call[k]!);
    return {
      ...plan,
      nativeCall: n,
      nativeEncode: stats(nativeRuns.encode[k]!),
      nativeMel: stats(nativeRuns.mel[k]!),
      addonCall: a,
      addonOverNative: statsRatio(a, n),
    };
  });
  const bench = {
    addonFlags: stats(benchRuns.addonFlags),
    upstreamMakefile: benchRuns.upstreamMakefile.length ? stats(benchRuns.upstreamMakefile) : null,
  };
  const addon30 = windows[0]!.addonCall;
  const addon30Native = windows[0]!.nativeCall;
  const report = {
    date: new Date().toISOString(),
    command: 'node bin/run-ts.mjs bench/encoderBench.ts',
    machine: await machineInfoWithCompiler(),
    model: {
      file: path.relative(ROOT, model),
      arch: 'tiny.en',
      synthetic: true,
      bytes: (await stat(model)).size,
    },
    threads: THREADS,
    rounds: opts.rounds,
    timedCallsPerRound: CALLS_PER_ROUND,
    speech: { file: path.basename(SPEECH_WAV), firstSeconds: 30 },
    builds: {
      simdCflags: cflags,
      installedAddon: installedBuild,
      nativeAddonFlags: native.flags.join(' '),
      nativeUpstreamMakefile: 'bench' in upstream ? UPSTREAM_NOTE : `not built: ${upstream.error}`,
    },
    whisperBenchEncode30s: bench,
    windows,
    addon30sOverWhisperBench: {
      addonFlags: statsRatio(addon30, bench.addonFlags),
      upstreamMakefile: statsRatio(addon30, bench.upstreamMakefile),
    },
    defaultFlagsAddon30s:
      'call' in defaultFlags
        ? { ...defaultFlags, overNative: statsRatio(defaultFlags.call, addon30Native) }
        : defaultFlags,
    steps: stepLog,
    notes: [
      'nativeCall/addonCall: wall time of one whisper_full call (mel + encoder + one decoder step) over all timed calls (rounds × timedCallsPerRound), each round starting with a warm-up call per window.',
      'best = fastest run (interference only adds time), median = middle run; ratios are taken on each.',
      'The addon creates a fresh whisper_state per call (KV caches, compute buffers) on a libuv worker thread; the native driver reuses one on its main thread.',
      'whisperBenchEncode30s: the encode time whisper.cpp bench reports for one full 1500-frame window, mel excluded; one process per round.',
      'audioCtx comes from the app streaming policy (src/core/streaming/streamParams.ts audioCtxFor).',
      'steps[].othersCpuShare: share of the CPU other processes used while the step ran (repeated above 5%).',
      'Synthetic model: random weights with real tiny.en shapes; encoder cost does not depend on the weights.',
    ],
  };
  // Formatted like the rest of the repository, so `prettier --check .` accepts the committed file.
  const prettierOptions = (await prettier.resolveConfig(OUTPUT_JSON)) ?? {};
  await writeFile(
    OUTPUT_JSON,
    await prettier.format(JSON.stringify(report), { ...prettierOptions, filepath: OUTPUT_JSON }),
  );
  printTable(report.machine.cpu, windows, bench, defaultFlags);
  log(`wrote ${path.relative(ROOT, OUTPUT_JSON)}`);
}

const argv = process.argv.slice(2);
const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const job = argv[0] === '--addon-worker' ? addonWorker(argv.slice(1)) : main();
  job.catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
