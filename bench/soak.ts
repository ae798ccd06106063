// Issue #7's soak benchmark: 30 minutes of real speech (the shared recordings with pauses,
// scripts/makeLongFixtures.ts long-30min) streamed at real-time pace through the app core as
// `coach serve` and Electron main assemble it (bench/soakRun.ts): back-to-back answers in one practice
// session, 100 ms PCM frames through the audio handler, live events consumed as the UI would, Stop and
// its final pass after each answer. Samples memory and every queue each second; reports per bucket and
// overall (bench/soakReport.ts), writes bench/soak.json and its own section of docs/benchmarks.md.
//
//   npm run bench:soak [-- --minutes 30] [-- --answer-minutes 5] [-- --bucket-minutes 5] [-- --quick]
//                      [-- --json path] [-- --no-doc]
//
// --quick: 2 minutes (two 1-minute answers, 1-minute buckets), a smoke run.
// --json / --no-doc: write the report elsewhere / leave docs/benchmarks.md alone (tests, trial runs).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import {
  DEFAULT_LONG_FIXTURE_DIR,
  fixturePaths,
  LONG_FIXTURES,
  longFixtureIsCurrent,
  SILERO_MODEL_PATH,
  SOAK_FIXTURE,
  type FixtureSpec,
} from '../scripts/makeLongFixtures';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';
import {
  ANSWER_HEADER,
  answerRows,
  BUCKET_HEADER,
  bucketRows,
  checkLines,
  SOAK_TARGETS,
  summariseSoak,
  type SoakRun,
  type SoakSummary,
} from './soakReport';
import { BETWEEN_ANSWERS_SEC, SOAK_FRAME_MS, runSoak } from './soakRun';
import { markdownTable, textTable } from './streamingReport';
import { BENCHMARKS_MD, machineInfo, sectionMarkers, writeBenchmarkSection } from './benchDocs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_JSON = path.join(ROOT, 'bench', 'soak.json');
const SECTION = 'soak';
const { start: SECTION_START, end: SECTION_END } = sectionMarkers(SECTION);

const THREADS = 2;
const DEFAULT_MINUTES = 30;
/** A long practice answer; interview answers aim at 1–3 minutes (see docs/benchmarks.md's soak notes). */
const DEFAULT_ANSWER_MINUTES = 5;
const QUICK_MINUTES = 2;

export type SoakArgs = {
  minutes: number;
  answerMinutes: number;
  bucketMinutes: number;
  quick: boolean;
  json: string;
  doc: boolean;
};

export function parseSoakArgs(argv: string[]): SoakArgs {
  let minutes: number | null = null;
  let answerMinutes: number | null = null;
  let bucketMinutes: number | null = null;
  let quick = false;
  let json = OUTPUT_JSON;
  let doc = true;
  const positive = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} takes a positive number of minutes`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--minutes') minutes = positive(a, argv[++i]);
    else if (a === '--answer-minutes') answerMinutes = positive(a, argv[++i]);
    else if (a === '--bucket-minutes') bucketMinutes = positive(a, argv[++i]);
    else if (a === '--quick') quick = true;
    else if (a === '--json') json = path.resolve(argv[++i] ?? '');
    else if (a === '--no-doc') doc = false;
    else throw new Error(`unknown argument ${a}`);
  }
  const total = minutes ?? (quick ? QUICK_MINUTES : DEFAULT_MINUTES);
  // Short runs still get two answers and two buckets, so growth and drift have something to compare.
  const answer = answerMinutes ?? (total >= 2 * DEFAULT_ANSWER_MINUTES ? DEFAULT_ANSWER_MINUTES : total / 2);
  return { minutes: total, answerMinutes: answer, bucketMinutes: bucketMinutes ?? answer, quick, json, doc };
}

/** The shortest long fixture that holds `minutes` of audio: a short run need not build 30 minutes. */
function soakFixtureFor(minutes: number): FixtureSpec {
  return [...LONG_FIXTURES, SOAK_FIXTURE].find((f) => f.durationSec >= minutes * 60) ?? SOAK_FIXTURE;
}

/** Builds the fixture in a child process, so its samples never sit in the memory measured here. */
function ensureSoakFixture(fixture: FixtureSpec, log: (line: string) => void): string {
  if (!longFixtureIsCurrent(fixture.name)) {
    log(`building ${fixture.name} from the shared recordings…`);
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'run-ts.mjs'),
        path.join(ROOT, 'scripts', 'makeLongFixtures.ts'),
        '--only',
        fixture.name,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`building ${fixture.name} failed (exit ${r.status})`);
  }
  return fixturePaths(DEFAULT_LONG_FIXTURE_DIR, fixture.name).wav;
}

export type SoakReport = ReturnType<typeof buildReport>;

/** The JSON report; keys in a fixed order so runs diff cleanly. */
export function buildReport(
  args: SoakArgs,
  command: string,
  run: SoakRun,
  summary: SoakSummary,
  modelPath: string,
) {
  const lastStopMs = run.answers.at(-1)?.stopMs ?? null;
  return {
    command,
    date: new Date().toISOString(),
    machine: machineInfo(),
    mode:
      args.minutes >= DEFAULT_MINUTES ? 'full' : `partial (${args.minutes} of ${DEFAULT_MINUTES} minutes)`,
    engine: {
      model: path.basename(modelPath),
      threads: THREADS,
      binding: 'smart-whisper',
      vad: 'silero v6.2.0',
    },
    setup: {
      minutes: args.minutes,
      answerMinutes: args.answerMinutes,
      bucketMinutes: args.bucketMinutes,
      answers: run.answers.length,
      betweenAnswersSec: BETWEEN_ANSWERS_SEC,
      frameMs: SOAK_FRAME_MS,
      fixture: soakFixtureFor(args.minutes).name,
      streamParams: DEFAULT_STREAM_PARAMS,
    },
    targets: SOAK_TARGETS,
    othersCpuShare: run.othersCpuShare,
    overall: {
      audioSec: Number(run.audioSec.toFixed(1)),
      samples: run.samples.length,
      livePasses: run.passes.filter((p) => p.kind === 'live').length,
      captions: run.captions.length,
      liveRtf: summary.liveRtf,
      rss: summary.rss,
      heap: summary.heap,
      queues: summary.queues,
      fdGrowth: summary.fdGrowth,
      latencyMs: summary.latency,
      behindShare: summary.behindShare,
      lastStopMs,
    },
    checks: summary.checks,
    buckets: summary.buckets,
    answers: run.answers,
    notes: NOTES,
  };
}

const NOTES = [
  'The app core as `coach serve` and the desktop app build it (createCoachApp: SQLite in a temporary data folder, EngineHost with whisper.cpp and the Silero VAD, the practice service), driven through the same handler tables and IPC validators: `answer:start`, 100 ms `audio:chunk` frames of 16-bit PCM on the wall clock, `answer:stop`.',
  `Back-to-back answers in one practice session, ${BETWEEN_ANSWERS_SEC} s apart (reading the feedback, the next question). An answer keeps its whole audio in memory for the final pass and the voice analysis (4 bytes per sample, ~19 MB for 5 minutes), by design; a single 30-minute answer would measure that design, not a leak, and is far past what a practice answer is (targets are 1–3 minutes; the time's-up nudge fires at the target). 5 minutes is the long end of a real answer.`,
  'Buckets follow stream time (audio pushed), so a bucket holds whole answers including their Stop (final pass, analysis, save). Memory growth compares the peak RSS of the last bucket with the first bucket’s peak after the warm-up (the first minute of audio).',
  'Event latency: arrival of the newest frame a live step heard → its caption received on the UI side of a message channel (structured clone, a later event-loop turn, as Electron IPC). Captions of skipped (silent) steps count from the newest frame.',
  'Queues sampled every second: the live answer’s unseen audio (pendingSec) and sliding window, its whole-answer audio buffer and allocation, committed words held, answers held by the service, events posted to the UI and not yet received, SQLite WAL size and live_words rows, open file descriptors, and the longest event-loop delay.',
  'Synthetic model: tiny.en’s shapes with random weights, so the encoder costs what it costs and the words mean nothing (few per pass, so two passes rarely agree and words commit at VAD pauses; windows reach maxWindowSec in long speech).',
  'Other CPU: share of the machine’s CPU time other processes used during the run; on 2 cores anything above a few percent slows the passes and shows as latency.',
];

function markdownSection(report: SoakReport, summary: SoakSummary): string {
  const m = report.machine;
  const other =
    report.othersCpuShare === null
      ? 'Other processes’ CPU share: not measured (no /proc).'
      : `Other processes used ${(report.othersCpuShare * 100).toFixed(1)}% of the machine’s CPU time during the run${report.othersCpuShare > 0.05 ? ' (a busy machine: latency and RTF are pessimistic)' : ' (a quiet machine)'}.`;
  const o = report.overall;
  return [
    SECTION_START,
    '## Soak: 30 minutes of live transcription through the app core (issue #7)',
    '',
    `Run \`${report.command}\` (${report.mode}) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.memoryGb} GB,`,
    `${m.platform}, Node ${m.node}, on ${report.date}. Numbers in \`bench/soak.json\`.`,
    `Engine: whisper.cpp through smart-whisper, ${report.engine.model}, ${report.engine.threads} threads, Silero VAD.`,
    `${report.setup.answers} answers of up to ${report.setup.answerMinutes} min in one session, ${o.audioSec} s of audio. ${other}`,
    ...(report.mode === 'full'
      ? []
      : [
          '',
          `**A partial run** (${report.setup.minutes} min): growth and drift compare ${report.setup.bucketMinutes}-minute buckets; the issue's figures come from the full 30-minute run (\`npm run bench:soak\`) on a quiet machine.`,
        ]),
    '',
    '### Checks',
    '',
    ...checkLines(summary.checks).map((l) => `- ${l}`),
    '',
    `Overall: live RTF ${o.liveRtf ?? '–'}, caption latency p50 ${o.latencyMs.overall.p50 ?? '–'} ms / p95 ${o.latencyMs.overall.p95 ?? '–'} ms over ${o.captions} captions;`,
    `maxima: pending ${o.queues.pendingSec} s, window ${o.queues.windowSec} s, answer audio ${o.queues.bufferedAudioSec} s (allocated ${o.queues.bufferedCapacitySec} s), committed words ${o.queues.committedWords},`,
    `UI queue ${o.queues.eventQueue}, WAL ${(o.queues.walBytes / 2 ** 20).toFixed(1)} MB, live_words rows ${o.queues.liveWordRows}, open fds ${o.queues.openFds ?? '–'}, event-loop delay ${o.queues.loopLagMs} ms.`,
    '',
    '### Per bucket',
    '',
    markdownTable(BUCKET_HEADER, bucketRows(summary.buckets)),
    '',
    '### Per answer (Stop = drain, final pass, coaching analysis, save)',
    '',
    markdownTable(ANSWER_HEADER, answerRows(report.answers)),
    '',
    ...NOTES.map((n) => `- ${n}`),
    SECTION_END,
  ].join('\n');
}

const log = (line: string) => console.error(`[bench:soak] ${line}`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseSoakArgs(argv);
  const command = `npm run bench:soak${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const wavPath = ensureSoakFixture(soakFixtureFor(args.minutes), log);
  const modelPath = await ensureSyntheticModel();
  log(
    `${args.minutes} min of audio in answers of ${args.answerMinutes} min, buckets of ${args.bucketMinutes} min, ` +
      `real time: expect a little over ${Math.ceil(args.minutes)} min`,
  );
  const run = await runSoak({
    minutes: args.minutes,
    answerMinutes: args.answerMinutes,
    bucketMinutes: args.bucketMinutes,
    wavPath,
    modelPath,
    vadModelPath: SILERO_MODEL_PATH,
    threads: THREADS,
    log: (line) => {
      if (!line.startsWith('[coach] answer ')) log(line);
    },
  });
  const summary = summariseSoak(run);
  const report = buildReport(args, command, run, summary, modelPath);

  const jsonOptions = (await resolveConfig(args.json)) ?? {};
  writeFileSync(args.json, await format(JSON.stringify(report), { ...jsonOptions, parser: 'json' }));
  console.log(textTable(BUCKET_HEADER, bucketRows(summary.buckets)));
  console.log('');
  console.log(textTable(ANSWER_HEADER, answerRows(run.answers)));
  console.log('');
  for (const line of checkLines(summary.checks)) console.log(line);
  if (args.doc) {
    const mdOptions = (await resolveConfig(BENCHMARKS_MD)) ?? {};
    writeBenchmarkSection(
      SECTION,
      await format(markdownSection(report, summary), { ...mdOptions, parser: 'markdown' }),
    );
  }
  log(
    `wrote ${path.relative(ROOT, args.json)}${args.doc ? ` and ${path.relative(ROOT, BENCHMARKS_MD)}` : ''}`,
  );
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().then(
    // Nothing may keep running after the report: the app is closed; exit without waiting on stray handles.
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}
