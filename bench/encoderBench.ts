// Encoder speed of the installed whisper.cpp addon against whisper.cpp built natively from the same
// sources with the same SIMD flags, side by side in one run (docs/decisions.md, "Whisper binding
// and build"). Uses the synthetic tiny.en model: random weights cost exactly what real ones do.
//
//   node bin/run-ts.mjs bench/encoderBench.ts [--reps 3] [--skip-default-build] [--max-wait-sec 600]
//
// Measured, all with 2 threads:
//   1. whisper.cpp's own `bench` example (encoder over one full 30 s window, mel not included),
//      built (a) exactly like the addon: same sources, same defines, node-gyp's base flags plus
//      simdBuildEnv(); (b) with whisper.cpp's Makefile defaults (adds OpenMP, -DNDEBUG), if it builds.
//   2. A per-call whisper_full on 30 s, 10 s and 2 s of real speech, decoding capped at one token so
//      mel + encoder dominate, audio_ctx set by the app's streaming policy: natively (a small driver
//      linked against build (a)) and through the installed addon (what the app calls).
//   3. Optionally, the 30 s call through smart-whisper rebuilt with node-gyp's default flags.
// Writes bench/encoder.json and prints a table.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { binding as installedBinding, TranscribeParams } from 'smart-whisper';
import { readWav16kMono } from '../src/core/audio/readWav';
import { audioCtxFor, DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';

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
const SPEECH_WAV = '/work/shared/audio/librivox_shakespeare_sonnet_001.wav';
/** Other processes may use at most this share of the CPU when a measurement starts. */
const QUIET_CPU_SHARE = 0.15;

type Binding = typeof installedBinding;
type Stats = { runsMs: number[]; medianMs: number };

// ---------------------------------------------------------------------------------------------
// Small helpers

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const stats = (runsMs: number[]): Stats => ({ runsMs: runsMs.map(round1), medianMs: round1(median(runsMs)) });
const round1 = (x: number): number => Math.round(x * 10) / 10;
const secs = (ms: number | undefined): string => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined ? null : Math.round((a / b) * 100) / 100;

type RunResult = { code: number | null; stdout: string; stderr: string };

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runOrThrow(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${res.code}):\n${(res.stderr || res.stdout).slice(-3000)}`,
    );
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

const log = (msg: string): void => console.log(`[bench] ${msg}`);

// ---------------------------------------------------------------------------------------------
// A quiet machine: other agents may be compiling, which would distort every number

function cpuTimes(): { idle: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
  return { idle, total: fields.reduce((a, b) => a + b, 0) };
}

/** Share of all cores busy over `ms` (Linux only; elsewhere reports 0). */
async function busyShare(ms = 3000): Promise<number> {
  if (!existsSync('/proc/stat')) return 0;
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

let maxWaitSec = 600;
const busyLog: { step: string; busyShare: number; waitedSec: number }[] = [];

/** Waits (up to --max-wait-sec) until other processes leave the CPU mostly idle, and records it. */
async function waitForQuiet(step: string): Promise<void> {
  const started = Date.now();
  let busy = await busyShare();
  while (busy > QUIET_CPU_SHARE && Date.now() - started < maxWaitSec * 1000) {
    log(`CPU ${(busy * 100).toFixed(0)}% busy before "${step}"; waiting for other work to finish…`);
    await new Promise((r) => setTimeout(r, 10_000));
    busy = await busyShare();
  }
  busyLog.push({
    step,
    busyShare: Math.round(busy * 100) / 100,
    waitedSec: Math.round((Date.now() - started) / 1000),
  });
  if (busy > QUIET_CPU_SHARE)
    log(`warning: CPU still ${(busy * 100).toFixed(0)}% busy; "${step}" is measured anyway`);
}

// ---------------------------------------------------------------------------------------------
// Native builds

/** The flags postinstall builds the addon with; scripts/simdFlags.mjs is plain JS without types. */
async function simdCflags(): Promise<{ cflags: string }> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'simdFlags.mjs')).href)) as {
    simdBuildEnv: () => { cflags: string };
  };
  return mod.simdBuildEnv();
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

/** node-gyp's own Release flags for the addon (build/smart-whisper.target.mk), before $CFLAGS. */
const NODE_GYP_BASE_FLAGS = ['-fPIC', '-pthread', '-m64', '-O3', '-fno-omit-frame-pointer'];
/** The addon's sources, minus its N-API glue; dist/build.js adds no GGML_USE_* defines on Linux. */
const GGML_C_SOURCES = ['ggml.c', 'ggml-alloc.c', 'ggml-backend.c', 'ggml-quants.c', 'ggml-aarch64.c'];

/**
 * Runs whisper_full like the addon's TranscribeWorker does (defaults from the beam-search preset,
 * then the caller's fields), on the first `seconds` of a raw f32 PCM file: one warm-up call, then
 * `reps` timed calls, each followed by whisper.cpp's own timing report (for the encode time).
 */
const FULL_DRIVER_CPP = String.raw`
#include "whisper.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char ** argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s model.bin pcm.f32 seconds audio_ctx threads reps\n", argv[0]);
        return 2;
    }
    FILE * f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 2; }
    std::vector<float> pcm((size_t) (atof(argv[3]) * 16000));
    pcm.resize(fread(pcm.data(), sizeof(float), pcm.size(), f));
    fclose(f);

    whisper_context_params cparams = whisper_context_default_params();
    cparams.use_gpu = false;
    whisper_context * ctx = whisper_init_from_file_with_params(argv[1], cparams);
    if (!ctx) return 3;

    whisper_full_params p = whisper_full_default_params(WHISPER_SAMPLING_BEAM_SEARCH);
    p.strategy         = WHISPER_SAMPLING_GREEDY;
    p.n_threads        = atoi(argv[5]);
    p.language         = "en";
    p.max_tokens       = 1;
    p.single_segment   = true;
    p.no_timestamps    = true;
    p.audio_ctx        = atoi(argv[4]);
    p.temperature_inc  = 0.0f;
    p.print_progress   = false;
    p.print_timestamps = false;

    const int reps = atoi(argv[6]);
    for (int i = 0; i <= reps; i++) {
        whisper_reset_timings(ctx);
        const auto t0 = std::chrono::steady_clock::now();
        if (whisper_full(ctx, p, pcm.data(), (int) pcm.size()) != 0) return 4;
        const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
        if (i == 0) continue; // warm-up
        printf("wall_ms %.3f\n", ms.count());
        fflush(stdout);
        whisper_print_timings(ctx);
    }
    whisper_free(ctx);
    return 0;
}
`;

type NativeBuild = { dir: string; bench: string; fullDriver: string; flags: string[] };

async function compilerVersion(): Promise<string> {
  return (await runOrThrow('cc', ['--version'])).stdout.split('\n')[0]!.trim();
}

/** Builds `bench` and the whisper_full driver exactly like the addon, cached by flags and sources. */
async function buildNativeLikeAddon(simdCflags: string): Promise<NativeBuild> {
  const swVersion = JSON.parse(readFileSync(path.join(SW_DIR, 'package.json'), 'utf8')).version as string;
  // -D_GNU_SOURCE: an executable must resolve ggml's CPU_SET calls, which the addon (a shared
  // object) leaves unresolved; whisper.cpp's own Makefile defines it too. It changes no hot code.
  const flags = [...NODE_GYP_BASE_FLAGS, ...simdCflags.split(/\s+/).filter(Boolean), '-D_GNU_SOURCE'];
  const key = createHash('sha256')
    .update(JSON.stringify({ flags, swVersion, cc: await compilerVersion(), driver: FULL_DRIVER_CPP }))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(CACHE_DIR, `addon-flags-${key}`);
  const build: NativeBuild = {
    dir,
    bench: path.join(dir, 'bench'),
    fullDriver: path.join(dir, 'full-bench'),
    flags,
  };
  if (existsSync(path.join(dir, 'build.json'))) return build;

  log(`building whisper.cpp natively with ${flags.join(' ')} (once, ~1 min)…`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'full-bench.cpp'), FULL_DRIVER_CPP);
  const includes = ['include', 'ggml/include'].map((d) => `-I${path.join(WHISPER_SRC, d)}`);
  const compile =
    (cc: string, src: string, obj: string, extra: string[] = []) =>
    () =>
      runOrThrow(cc, [...flags, ...extra, ...includes, '-c', src, '-o', path.join(dir, obj)]);
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
  const libObjs = ['whisper.o', ...GGML_C_SOURCES.map((s) => s.replace('.c', '.o'))].map((o) =>
    path.join(dir, o),
  );
  await runOrThrow('g++', ['-pthread', '-o', build.bench, path.join(dir, 'bench-main.o'), ...libObjs]);
  await runOrThrow('g++', ['-pthread', '-o', build.fullDriver, path.join(dir, 'full-bench.o'), ...libObjs]);
  await writeFile(path.join(dir, 'build.json'), JSON.stringify({ flags, swVersion }, null, 2));
  return build;
}

/**
 * whisper.cpp's own Makefile (OpenMP thread pool, -DNDEBUG, -march=native -mtune=native): the
 * "native" most benchmarks quote. The npm package omits scripts/get-flags.mk, which the Makefile
 * includes only to detect compiler versions; an empty stand-in lets it build. Null if it fails.
 */
async function buildNativeUpstreamMakefile(): Promise<{ bench: string; note: string } | { error: string }> {
  const dir = path.join(CACHE_DIR, 'upstream-makefile');
  const bench = path.join(dir, 'bench');
  const note = 'whisper.cpp Makefile defaults (GGML_USE_OPENMP, -O3 -march=native -mtune=native, -DNDEBUG)';
  if (existsSync(bench)) return { bench, note };
  log('building whisper.cpp bench with its own Makefile (once, ~1 min)…');
  try {
    await rm(dir, { recursive: true, force: true });
    await cp(WHISPER_SRC, dir, { recursive: true });
    await mkdir(path.join(dir, 'scripts'), { recursive: true });
    await writeFile(
      path.join(dir, 'scripts', 'get-flags.mk'),
      '# stand-in: not shipped in the npm package\n',
    );
    const env = { ...process.env };
    for (const k of ['CFLAGS', 'CXXFLAGS', 'LDFLAGS']) delete env[k];
    await runOrThrow('make', [`-j${os.availableParallelism()}`, 'bench'], { cwd: dir, env });
    return { bench, note };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    return { error: (err as Error).message.split('\n')[0]! };
  }
}

/** smart-whisper rebuilt with node-gyp's defaults (no -march: x86-64 baseline, SSE2 only). */
async function buildDefaultFlagsAddon(): Promise<string> {
  const dir = path.join(CACHE_DIR, 'sw-default');
  const addon = path.join(dir, 'build', 'Release', 'smart-whisper.node');
  if (existsSync(addon)) return addon;
  log('rebuilding smart-whisper with node-gyp default flags (once, a few minutes)…');
  await rm(dir, { recursive: true, force: true });
  const oldBuild = path.join(SW_DIR, 'build');
  await cp(SW_DIR, dir, {
    recursive: true,
    filter: (src) => src !== oldBuild && !src.startsWith(oldBuild + path.sep),
  });
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
  const env = { ...process.env };
  for (const k of ['CFLAGS', 'CXXFLAGS', 'COACH_WHISPER_CFLAGS']) delete env[k];
  const args = [nodeGyp, 'rebuild', `--jobs=${os.availableParallelism()}`, ...nodeGypNodedirArgs()];
  await runOrThrow(process.execPath, args, { cwd: dir, env });
  return addon;
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Median encode time reported by whisper.cpp's `bench` over `reps` separate runs. */
async function measureWhisperBench(bench: string, model: string, reps: number): Promise<Stats> {
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const res = await runOrThrow(bench, ['-m', model, '-t', String(THREADS), '-w', '0', '-ng']);
    const m = /encode time =\s*([\d.]+) ms/.exec(res.stderr);
    if (!m)
      throw new Error(`could not find the encode time in the bench output:\n${res.stderr.slice(-2000)}`);
    runs.push(Number(m[1]));
  }
  return stats(runs);
}

type WindowPlan = { seconds: number; audioCtx: number };

async function measureNativeFull(
  driver: string,
  model: string,
  pcmFile: string,
  w: WindowPlan,
  reps: number,
): Promise<{ call: Stats; encode: Stats; mel: Stats }> {
  const res = await runOrThrow(driver, [
    model,
    pcmFile,
    String(w.seconds),
    String(w.audioCtx),
    String(THREADS),
    String(reps),
  ]);
  const grab = (re: RegExp, text: string): number[] => [...text.matchAll(re)].map((m) => Number(m[1]));
  return {
    call: stats(grab(/wall_ms ([\d.]+)/g, res.stdout)),
    encode: stats(grab(/encode time =\s*([\d.]+) ms/g, res.stderr)),
    mel: stats(grab(/mel time =\s*([\d.]+) ms/g, res.stderr)),
  };
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
 * A separate process keeps whisper.cpp's stderr chatter out of the report and lets two builds of
 * the same addon be measured without sharing a process (loading both into one process crashes).
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
  // Keep the model object reachable: its finalizer frees the whisper context under a running call.
  const loaded = await b.WhisperModel.load(model, false);
  const handle = loaded.handle!;
  const call = (pcm: Float32Array, audioCtx: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      b.transcribe(
        handle,
        pcm,
        addonParams(audioCtx),
        (result: unknown) => (result instanceof Error ? reject(result) : resolve(performance.now() - t0)),
        () => undefined,
      );
    });
  const out: Record<string, number[]> = {};
  for (const plan of plans) {
    const pcm = all.slice(0, plan.seconds * SAMPLE_RATE);
    await call(pcm, plan.audioCtx); // warm-up: first-touch page faults, lazy allocations
    const runs: number[] = [];
    for (let i = 0; i < reps; i++) runs.push(await call(pcm, plan.audioCtx));
    out[String(plan.seconds)] = runs;
  }
  await loaded.free();
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

async function measureAddon(
  addonPath: string,
  model: string,
  pcmFile: string,
  plans: WindowPlan[],
  reps: number,
): Promise<Record<string, Stats>> {
  const self = fileURLToPath(import.meta.url);
  const res = await runOrThrow(process.execPath, [
    path.join(ROOT, 'bin', 'run-ts.mjs'),
    self,
    '--addon-worker',
    addonPath,
    model,
    pcmFile,
    JSON.stringify(plans),
    String(reps),
  ]);
  const line = res.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`addon worker printed no result:\n${res.stderr.slice(-2000)}`);
  const raw = JSON.parse(line.slice('RESULT '.length)) as Record<string, number[]>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, stats(v)]));
}

// ---------------------------------------------------------------------------------------------
// Report

async function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /Model name:\s*(.+)/.exec((await run('lscpu', [])).stdout);
    if (m) cpu = m[1]!.trim();
  } catch {
    // lscpu is optional; os.cpus() already gave a model name
  }
  return {
    cpu,
    logicalCpus: os.availableParallelism(),
    platform: `${process.platform}-${process.arch}`,
    kernel: os.release(),
    node: process.version,
    compiler: await compilerVersion(),
  };
}

function parseArgs(argv: string[]) {
  const opts = { reps: 3, skipDefaultBuild: false, maxWaitSec: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reps') opts.reps = Math.max(1, Number(argv[++i]));
    else if (a === '--skip-default-build') opts.skipDefaultBuild = true;
    else if (a === '--max-wait-sec') opts.maxWaitSec = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  maxWaitSec = opts.maxWaitSec;
  const { cflags } = await simdCflags();
  const markerPath = path.join(SW_DIR, 'build', 'coach-simd.json');
  const addonBuild = existsSync(markerPath)
    ? (JSON.parse(readFileSync(markerPath, 'utf8')) as unknown)
    : null;
  const installedCflags = (addonBuild as { cflags?: string } | null)?.cflags;
  if (installedCflags !== cflags) {
    log(
      `warning: the installed addon was built with "${installedCflags ?? 'unknown flags'}", not "${cflags}"; run npm install`,
    );
  }

  const model = await ensureSyntheticModel({ arch: 'tiny.en' });
  await mkdir(CACHE_DIR, { recursive: true });
  const { samples } = readWav16kMono(SPEECH_WAV);
  const speech = samples.slice(0, 30 * SAMPLE_RATE);
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
    try {
      defaultAddon = await buildDefaultFlagsAddon();
    } catch (err) {
      defaultAddon = { error: (err as Error).message.split('\n')[0]! };
    }
  }

  await waitForQuiet('whisper.cpp bench, addon flags');
  log('whisper.cpp bench (addon flags)…');
  const benchAddonFlags = await measureWhisperBench(native.bench, model, opts.reps);
  let benchUpstream: Stats | null = null;
  if ('bench' in upstream) {
    await waitForQuiet('whisper.cpp bench, Makefile defaults');
    log('whisper.cpp bench (Makefile defaults)…');
    benchUpstream = await measureWhisperBench(upstream.bench, model, opts.reps);
  }

  const nativeFull: Record<string, Awaited<ReturnType<typeof measureNativeFull>>> = {};
  for (const plan of plans) {
    await waitForQuiet(`native whisper_full ${plan.seconds} s`);
    log(`native whisper_full, ${plan.seconds} s window…`);
    nativeFull[plan.seconds] = await measureNativeFull(native.fullDriver, model, pcmFile, plan, opts.reps);
  }
  await waitForQuiet('installed addon');
  log('installed addon, all windows…');
  const addon = await measureAddon('installed', model, pcmFile, plans, opts.reps);

  let defaultFlags: { seconds: number; audioCtx: number; call: Stats } | { skipped: string };
  if (typeof defaultAddon === 'string') {
    await waitForQuiet('default-flags addon');
    log('default-flags addon, 30 s window…');
    const r = await measureAddon(defaultAddon, model, pcmFile, [plans[0]!], opts.reps);
    defaultFlags = { ...plans[0]!, call: r['30']! };
  } else {
    defaultFlags = { skipped: defaultAddon ? `build failed: ${defaultAddon.error}` : '--skip-default-build' };
  }

  const windows = plans.map((plan) => {
    const n = nativeFull[plan.seconds]!;
    const a = addon[String(plan.seconds)]!;
    return {
      seconds: plan.seconds,
      audioCtx: plan.audioCtx,
      nativeCall: n.call,
      nativeEncode: n.encode,
      nativeMel: n.mel,
      addonCall: a,
      addonOverNative: ratio(a.medianMs, n.call.medianMs),
    };
  });
  const full = windows[0]!;
  const report = {
    date: new Date().toISOString(),
    command: 'node bin/run-ts.mjs bench/encoderBench.ts',
    machine: await machineInfo(),
    model: {
      file: path.relative(ROOT, model),
      arch: 'tiny.en',
      synthetic: true,
      bytes: (await stat(model)).size,
    },
    threads: THREADS,
    reps: opts.reps,
    speech: { file: path.basename(SPEECH_WAV), firstSeconds: 30 },
    builds: {
      simdCflags: cflags,
      installedAddon: addonBuild,
      nativeAddonFlags: native.flags.join(' '),
      nativeUpstreamMakefile: 'bench' in upstream ? upstream.note : `not built: ${upstream.error}`,
    },
    whisperBenchEncode30s: { addonFlags: benchAddonFlags, upstreamMakefile: benchUpstream },
    windows,
    addon30sOverWhisperBench: {
      addonFlags: ratio(full.addonCall.medianMs, benchAddonFlags.medianMs),
      upstreamMakefile: ratio(full.addonCall.medianMs, benchUpstream?.medianMs),
    },
    defaultFlagsAddon30s: defaultFlags,
    cpuBusyBeforeEachStep: busyLog,
    notes: [
      'nativeCall/addonCall: wall time of one whisper_full call (mel + encoder + one decoder step), median after one warm-up.',
      'The addon creates a fresh whisper_state per call (KV caches and compute buffers); the native driver reuses one.',
      'whisperBenchEncode30s: the encode time whisper.cpp bench reports for one full 1500-frame window, mel excluded.',
      'audioCtx comes from the app streaming policy (src/core/streaming/streamParams.ts audioCtxFor).',
      'Synthetic model: random weights, real tiny.en shapes; encoder cost is independent of the weights.',
    ],
  };
  await writeFile(OUTPUT_JSON, `${JSON.stringify(report, null, 2)}\n`);
  printTable(report.machine.cpu, windows, benchAddonFlags, benchUpstream, defaultFlags);
  log(`wrote ${path.relative(ROOT, OUTPUT_JSON)}`);
}

function printTable(
  cpu: string,
  windows: {
    seconds: number;
    audioCtx: number;
    nativeCall: Stats;
    nativeEncode: Stats;
    addonCall: Stats;
    addonOverNative: number | null;
  }[],
  benchAddonFlags: Stats,
  benchUpstream: Stats | null,
  defaultFlags: { call: Stats } | { skipped: string },
): void {
  console.log(`\nEncoder benchmark: synthetic tiny.en, ${THREADS} threads, ${cpu}; medians\n`);
  const rows = [
    ['window', 'audio_ctx', 'native call', '(of which encode)', 'addon call', 'addon/native'],
    ...windows.map((w) => [
      `${w.seconds} s`,
      String(w.audioCtx),
      secs(w.nativeCall.medianMs),
      secs(w.nativeEncode.medianMs),
      secs(w.addonCall.medianMs),
      `${w.addonOverNative?.toFixed(2) ?? '—'}×`,
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  const full = windows[0]!;
  console.log(`\nwhisper.cpp bench encode, 30 s (addon flags):      ${secs(benchAddonFlags.medianMs)}`);
  if (benchUpstream)
    console.log(`whisper.cpp bench encode, 30 s (Makefile defaults): ${secs(benchUpstream.medianMs)}`);
  console.log(
    `addon 30 s call / bench encode: ${ratio(full.addonCall.medianMs, benchAddonFlags.medianMs)}× (addon flags)` +
      (benchUpstream
        ? `, ${ratio(full.addonCall.medianMs, benchUpstream.medianMs)}× (Makefile defaults)`
        : ''),
  );
  if ('call' in defaultFlags) {
    console.log(
      `smart-whisper with node-gyp default flags, 30 s call: ${secs(defaultFlags.call.medianMs)} ` +
        `(${ratio(defaultFlags.call.medianMs, full.nativeCall.medianMs)}× native)`,
    );
  } else {
    console.log(`smart-whisper with node-gyp default flags: skipped (${defaultFlags.skipped})`);
  }
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
