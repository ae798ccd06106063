// Peak memory of a recording by answer length (issue #15): no pass runs over the whole answer any more,
// so the engines' memory must not grow with it. Each length is recorded in a fresh process
// (bench/recordingToKill.ts --stop: the app's service and engine processes, fed in lock-step, then
// Stop), so no earlier answer's heap or a whole-answer pass run beside it counts; this process samples
// the resident memory of that process and of its engine processes every 200 ms. Writes
// bench/stop-memory.json and its section of docs/benchmarks.md.
//
//   npm run bench:stop-memory [-- --lengths 30,600]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, sectionMarkers, writeBenchmarkJson, writeBenchmarkSection } from './benchDocs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const MODEL = process.env.COACH_WHISPER_MODEL ?? path.join(REPO, '.cache/models/ggml-tiny.en-synthetic.bin');
const SAMPLE_MS = 200;
/** The goal: peak memory at the longest length within this share of the shortest's. */
const FLAT_WITHIN = 0.1;

type Peak = { lengthSec: number; recorderMb: number; enginesMb: number; totalMb: number; stopMs: number };

const rssMb = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

async function measure(lengthSec: number): Promise<Peak> {
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
    { env: { ...process.env, COACH_WHISPER_MODEL: MODEL }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const peak = { recorderMb: 0, enginesMb: 0, totalMb: 0 };
  const sampler = setInterval(() => {
    const recorder = rssMb(child.pid!);
    const engines = childrenOf(child.pid!).reduce((sum, pid) => sum + rssMb(pid), 0);
    peak.recorderMb = Math.max(peak.recorderMb, recorder);
    peak.enginesMb = Math.max(peak.enginesMb, engines);
    peak.totalMb = Math.max(peak.totalMb, recorder + engines);
  }, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
  const stopped = /stopped (\d+)/.exec(out);
  if (code !== 0 || !stopped) throw new Error(`the ${lengthSec} s recording failed (exit ${code})`);
  const result = { lengthSec, ...peak, stopMs: Number(stopped[1]) };
  console.log(
    `${lengthSec} s: peak RSS recorder ${peak.recorderMb.toFixed(0)} MB, engines ${peak.enginesMb.toFixed(0)} MB, together ${peak.totalMb.toFixed(0)} MB (Stop ${result.stopMs} ms)`,
  );
  return result;
}

function report(peaks: Peak[]): string {
  const { start, end } = sectionMarkers('stop-memory');
  const m = machineInfo();
  const first = peaks[0]!;
  const change = (now: number, then: number) => `${(((now - then) / then) * 100).toFixed(1)}%`;
  const rows = peaks.map(
    (p) =>
      `| ${p.lengthSec} | ${p.recorderMb.toFixed(0)} | ${p.enginesMb.toFixed(0)} | ${p.totalMb.toFixed(0)} | ${p === first ? '–' : `${change(p.enginesMb, first.enginesMb)} / ${change(p.totalMb, first.totalMb)}`} | ${p.stopMs} |`,
  );
  const last = peaks.at(-1)!;
  const flat = Math.abs(last.totalMb - first.totalMb) / first.totalMb <= FLAT_WITHIN;
  return [
    start,
    '## Peak memory by answer length (issue #15)',
    '',
    `Run \`npm run bench:stop-memory\` (bench/stopMemory.ts; numbers in \`bench/stop-memory.json\`) on ${m.cpu}, ${m.logicalCpus} logical CPUs, ${m.platform}, Node ${m.node}, ${new Date().toISOString()}.`,
    `Each answer (the looped Shakespeare reading) is recorded and stopped in a fresh process by the app's service and its two engine processes (${path.basename(MODEL)}, Silero VAD), fed in lock-step as in bench:stop; resident memory sampled every ${SAMPLE_MS} ms, peaks over the whole recording and its Stop. The recording process keeps the answer's audio (about 3.8 MB a minute, in a buffer that grows by doubling) for the voice analysis at Stop.`,
    '',
    `| answer s | recording process MB | engine processes MB | together MB | change from ${first.lengthSec} s (engines / together) | Stop ms |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `- Together, ${last.lengthSec} s against ${first.lengthSec} s: ${change(last.totalMb, first.totalMb)} (goal: within ${FLAT_WITHIN * 100}%: ${flat ? 'pass' : '**FAIL**'}).`,
    end,
  ].join('\n');
}

const at = process.argv.indexOf('--lengths');
const lengths = (at >= 0 ? process.argv[at + 1]! : '30,600').split(',').map(Number);
const peaks: Peak[] = [];
for (const lengthSec of lengths) peaks.push(await measure(lengthSec));
await writeBenchmarkJson(path.join(here, 'stop-memory.json'), { machine: machineInfo(), peaks });
writeBenchmarkSection('stop-memory', report(peaks));
console.log(report(peaks));
