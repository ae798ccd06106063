// Peak memory of a recording by answer length (issue #15): no pass runs over the whole answer any more,
// so the engines' memory must not grow with it. Each length is recorded in a fresh process
// (bench/recordingToKill.ts --stop: the app's service and engine processes, fed in lock-step, then
// Stop), so no earlier answer's heap or a whole-answer pass run beside it counts. The peaks are each
// process's own high-water mark (VmHWM), which that process reports after Stop: a sample every 200 ms
// misses short peaks, and a short answer gives it fewer chances to catch the engines' passes at their
// largest together. Their sum is the worst the three could reach at once; this process also samples
// the three together every 200 ms. Writes bench/stop-memory.json and its section of docs/benchmarks.md.
//
//   npm run bench:stop-memory [-- --lengths 30,600]
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, sectionMarkers, writeBenchmarkJson, writeBenchmarkSection } from './benchDocs';
import { childProcessIds, rssMb } from './processMemory';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const MODEL = process.env.COACH_WHISPER_MODEL ?? path.join(REPO, '.cache/models/ggml-tiny.en-synthetic.bin');
const SAMPLE_MS = 200;
/** The goal: peak memory at the longest length within this share of the shortest's. */
const FLAT_WITHIN = 0.1;

/** The product, and the engines as they were before issue #15's memory work (COACH_ENGINE_MEMORY), side by side. */
const SETTINGS = ['product', 'unmanaged'] as const;
type Setting = (typeof SETTINGS)[number];

type Peak = {
  setting: Setting;
  lengthSec: number;
  /** High-water marks (VmHWM). */
  recorderMb: number;
  enginesMb: number;
  totalMb: number;
  /** The largest sum of the three's resident memory seen in one 200 ms sample. */
  sampledTotalMb: number;
  stopMs: number;
};

async function measure(setting: Setting, lengthSec: number): Promise<Peak> {
  const dir = path.join(os.tmpdir(), `coach-stopmemory-${process.pid}-${lengthSec}`);
  const child = spawn(
    process.execPath,
    [
      path.join(REPO, 'bin/run-ts.mjs'),
      path.join(here, 'recordingToKill.ts'),
      dir,
      String(lengthSec),
      '--stop',
    ],
    {
      env: {
        ...process.env,
        COACH_WHISPER_MODEL: MODEL,
        ...(setting === 'unmanaged' ? { COACH_ENGINE_MEMORY: 'unmanaged' } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let sampledTotalMb = 0;
  const sampler = setInterval(() => {
    const pids = [child.pid!, ...childProcessIds(child.pid!, 'engineMain')];
    sampledTotalMb = Math.max(
      sampledTotalMb,
      pids.reduce((sum, pid) => sum + rssMb(pid), 0),
    );
  }, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
  const stopped = /stopped (\d+) peaks (\d+) ([\d,]+)/.exec(out);
  if (code !== 0 || !stopped) throw new Error(`the ${lengthSec} s recording failed (exit ${code})`);
  const recorderMb = Number(stopped[2]);
  const enginesMb = stopped[3]!.split(',').reduce((sum, mb) => sum + Number(mb), 0);
  const result = {
    setting,
    lengthSec,
    recorderMb,
    enginesMb,
    totalMb: recorderMb + enginesMb,
    sampledTotalMb,
    stopMs: Number(stopped[1]),
  };
  console.log(
    `[${setting}] ${lengthSec} s: peak RSS recorder ${recorderMb} MB, engines ${enginesMb} MB (${stopped[3]}), together ${result.totalMb} MB; largest sample together ${sampledTotalMb} MB (Stop ${result.stopMs} ms)`,
  );
  return result;
}

function report(peaks: Peak[]): string {
  const { start, end } = sectionMarkers('stop-memory');
  const m = machineInfo();
  const change = (now: number, then: number) => `${(((now - then) / then) * 100).toFixed(1)}%`;
  const firstOf = (p: Peak) => peaks.find((q) => q.setting === p.setting)!;
  const rows = peaks.map((p) => {
    const first = firstOf(p);
    const changes =
      p === first
        ? '–'
        : `${change(p.recorderMb, first.recorderMb)} / ${change(p.enginesMb, first.enginesMb)} / ${change(p.totalMb, first.totalMb)}`;
    return `| ${p.setting} | ${p.lengthSec} | ${p.recorderMb} | ${p.enginesMb} | ${p.totalMb} | ${changes} | ${p.sampledTotalMb} | ${p.stopMs} |`;
  });
  const verdicts = SETTINGS.map((setting) => {
    const mine = peaks.filter((p) => p.setting === setting);
    const first = mine[0]!;
    const last = mine.at(-1)!;
    const flat = Math.abs(last.totalMb - first.totalMb) / first.totalMb <= FLAT_WITHIN;
    const goal =
      setting === 'product' ? ` (goal: within ${FLAT_WITHIN * 100}%: ${flat ? 'pass' : '**FAIL**'})` : '';
    return `- ${setting}: together, ${last.lengthSec} s against ${first.lengthSec} s: ${change(last.totalMb, first.totalMb)}${goal}; engines ${change(last.enginesMb, first.enginesMb)}.`;
  });
  return [
    start,
    '## Peak memory by answer length (issue #15)',
    '',
    `Run \`npm run bench:stop-memory\` (bench/stopMemory.ts; numbers in \`bench/stop-memory.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
    `Each answer (the looped Shakespeare reading) is recorded and stopped in a fresh process by the app's service and its two engine processes (${path.basename(MODEL)}, Silero VAD), fed in lock-step as in bench:stop; peaks are each process's own high-water mark (VmHWM) over the whole recording and its Stop, and together is their sum; the largest sum seen in one ${SAMPLE_MS} ms sample is beside it. The recording process keeps the answer's audio as it arrives (16-bit, 1.9 MB a minute, in a buffer that grows in place) for the final passes and the voice analysis at Stop, and of the pitch track's 8 kHz signal only what its next frames read; in the product the engine processes start with glibc's allocator set to return freed pass buffers and collect their heap after each pass, so spent audio does not pile up (src/core/asr/engineProcess/engineMemory.ts); unmanaged runs them without either, in the same run.`,
    '',
    `| engines' memory | answer s | recording process MB | engine processes MB | together MB | change from ${lengths[0]} s (recording / engines / together) | largest sample together MB | Stop ms |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...verdicts,
    end,
  ].join('\n');
}

const at = process.argv.indexOf('--lengths');
const lengths = (at >= 0 ? process.argv[at + 1]! : '30,600').split(',').map(Number);
const peaks: Peak[] = [];
for (const setting of SETTINGS)
  for (const lengthSec of lengths) peaks.push(await measure(setting, lengthSec));
await writeBenchmarkJson(path.join(here, 'stop-memory.json'), { machine: machineInfo(), peaks });
writeBenchmarkSection('stop-memory', report(peaks));
console.log(report(peaks));
