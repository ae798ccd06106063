// What running whisper.cpp in its own process costs (issue 13): the process boundary per pass (PCM
// out, words back), starting and restarting the engine, and the resident memory of each process
// during a live answer. Real engine, synthetic tiny.en model (same shapes, same cost as the real one).
//
//   node bin/run-ts.mjs bench/engineProcessBench.ts [--rounds 5]
//
// Writes bench/engine-process.json and its section of docs/benchmarks.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EngineHost } from '../src/core/asr/engineHost';
import { forkEngine } from '../src/core/asr/engineProcess/forkEngine';
import { ProcessTranscriber } from '../src/core/asr/engineProcess/processTranscriber';
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { readWav16kMono } from '../src/core/audio/readWav';
import { dataPaths } from '../src/core/dataPaths';
import { openDatabase } from '../src/core/storage/database';
import { PracticeService } from '../src/core/practice/practiceService';
import { SessionRepository } from '../src/core/storage/sessionRepository';
import { audioCtxFor, DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';
import { machineInfo, sectionMarkers, writeBenchmarkSection } from './benchDocs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_JSON = path.join(ROOT, 'bench', 'engine-process.json');
const SPEECH_WAV = path.resolve(ROOT, '../shared/audio/librivox_shakespeare_sonnet_001.wav');
const VAD_MODEL = path.resolve(ROOT, '../shared/models/ggml-silero-v6.2.0.bin');
const WINDOWS_SEC = [2, 10, 30] as const;
const FRAME_SAMPLES = 3200; // 200 ms, as the renderer sends
const RSS_SAMPLE_MS = 250;
/** Live answer length for the memory figures. */
const ANSWER_SEC = 20;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function boundary(model: string, speech: Float32Array, rounds: number) {
  const started = performance.now();
  const engine = await ProcessTranscriber.start(forkEngine, model, { threads: 2 });
  const startMs = performance.now() - started;
  const perWindow: Record<string, { boundaryMs: number[]; computeMs: number[] }> = {};
  for (const sec of WINDOWS_SEC) perWindow[sec] = { boundaryMs: [], computeMs: [] };
  await engine.transcribe(speech.subarray(0, 2 * 16_000), { maxTokens: 1 }); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const sec of WINDOWS_SEC) {
      const audio = speech.slice(0, sec * 16_000);
      const options = { audioCtx: audioCtxFor(sec, DEFAULT_STREAM_PARAMS), maxTokens: 1 };
      const result = await engine.transcribe(audio, options);
      perWindow[sec]!.boundaryMs.push(engine.lastRoundTripMs - result.computeMs);
      perWindow[sec]!.computeMs.push(result.computeMs);
    }
  }
  // Restart after a kill: time from the kill until a pass can run again.
  const killedAt = performance.now();
  process.kill(engine.pid!, 'SIGKILL');
  // A final pass (thorough) is rerun on the new engine, which is what an answer being saved gets.
  await engine.transcribe(speech.subarray(0, 16_000), { maxTokens: 1, thorough: true });
  const restartMs = performance.now() - killedAt;
  await engine.dispose();
  return {
    startMs: r1(startMs),
    restartMs: r1(restartMs),
    windows: Object.fromEntries(
      Object.entries(perWindow).map(([sec, v]) => [
        sec,
        {
          boundaryMedianMs: r1(median(v.boundaryMs)),
          boundaryMaxMs: r1(Math.max(...v.boundaryMs)),
          computeMedianMs: r1(median(v.computeMs)),
        },
      ]),
    ),
  };
}

async function liveAnswerRss(model: string, speech: Float32Array) {
  const paths = dataPaths(mkdtempSync(path.join(os.tmpdir(), 'coach-bench-')));
  const engine = new EngineHost({ modelsDir: paths.modelsDir, modelPath: model, vadModelPath: VAD_MODEL });
  const db = openDatabase(paths.dbPath);
  const service = new PracticeService({
    paths,
    repository: new SessionRepository(db),
    engine,
    events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} },
  });
  await engine.transcriber();
  const enginePid = engine.engineProcessId!;
  const app: number[] = [];
  const eng: number[] = [];
  const timer = setInterval(() => {
    app.push(process.memoryUsage().rss / 2 ** 20);
    const e = rssMb(enginePid);
    if (e !== null) eng.push(e);
  }, RSS_SAMPLE_MS);
  const { answerId } = await service.startAnswer({
    questionId: 'q',
    questionText: 'Tell me about yourself.',
  });
  // Real time: one 200 ms frame every 200 ms, so live passes run as they would while someone speaks.
  const total = Math.min(speech.length, ANSWER_SEC * 16_000);
  const t0 = performance.now();
  for (let i = 0, n = 0; i < total; i += FRAME_SAMPLES, n++) {
    const wait = t0 + n * 200 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    service.pushAudio(answerId, float32ToPcm16(speech.subarray(i, i + FRAME_SAMPLES)).buffer as ArrayBuffer);
  }
  await service.stopAnswer(answerId);
  clearInterval(timer);
  await engine.dispose();
  db.close();
  return {
    answerSec: r1(total / 16_000),
    appRssMb: { median: r1(median(app)), max: r1(Math.max(...app)) },
    engineRssMb: { median: r1(median(eng)), max: r1(Math.max(...eng)) },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  const model = await ensureSyntheticModel();
  const speech = readWav16kMono(SPEECH_WAV).samples;
  const loop = [speech, speech].reduce((a, b) => {
    const out = new Float32Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  });
  console.log(`[bench] boundary cost, ${rounds} rounds of ${WINDOWS_SEC.join('/')} s passes…`);
  const cost = await boundary(model, speech, rounds);
  console.log(JSON.stringify(cost, null, 2));
  console.log(`[bench] RSS during a ${ANSWER_SEC} s live answer (real time)…`);
  const rss = await liveAnswerRss(model, loop);
  console.log(JSON.stringify(rss, null, 2));
  const result = { date: new Date().toISOString(), machine: machineInfo(), rounds, ...cost, liveAnswer: rss };
  writeFileSync(OUTPUT_JSON, `${JSON.stringify(result, null, 2)}\n`);

  const { start, end } = sectionMarkers('engine-process');
  const rows = WINDOWS_SEC.map((sec) => {
    const w = cost.windows[sec]!;
    return `| ${sec} s | ${w.computeMedianMs} ms | ${w.boundaryMedianMs} ms | ${w.boundaryMaxMs} ms |`;
  });
  writeBenchmarkSection(
    'engine-process',
    [
      start,
      '## Engine process: boundary cost, restart, memory',
      '',
      `Command: \`npm run bench:engine\` (${rounds} rounds; raw data in \`bench/engine-process.json\`). ` +
        `${result.machine.cpu}, ${result.machine.logicalCpus} CPUs, ${result.date.slice(0, 10)}. Synthetic tiny.en model, 2 threads.`,
      '',
      'Boundary = wall time of a pass seen from the app minus whisper.cpp time inside the engine process',
      '(PCM sent as a structured clone, words back, one message each way).',
      '',
      '| Window | whisper.cpp (median) | Boundary (median) | Boundary (max) |',
      '| ------ | -------------------- | ----------------- | -------------- |',
      ...rows,
      '',
      `- Engine start (fork, load model, ready): ${cost.startMs} ms. After \`kill -9\`: next pass done ${cost.restartMs} ms after the kill.`,
      `- A ${rss.answerSec} s live answer fed in real time: app process RSS median ${rss.appRssMb.median} MB (max ${rss.appRssMb.max}); ` +
        `engine process RSS median ${rss.engineRssMb.median} MB (max ${rss.engineRssMb.max}).`,
      end,
    ].join('\n'),
  );
}

await main();
