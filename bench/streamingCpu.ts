// How much of the machine other processes used while a stream ran. The benchmark runs in real time and
// cannot wait for a quiet machine the way bench/encoderBench.ts does, so it reports the share beside the
// numbers instead: on two cores, another process's work shows up directly as slower passes.
import { existsSync, readFileSync } from 'node:fs';

type CpuSnapshot = { busy: number; total: number; own: number };

const HAS_PROC = existsSync('/proc/stat') && existsSync('/proc/self/stat');

function snapshot(): CpuSnapshot {
  if (!HAS_PROC) return { busy: 0, total: 0, own: 0 };
  // First line: cpu user nice system idle iowait irq softirq steal; idle and iowait are not busy.
  const ticks = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name; utime and stime are fields 14 and 15 of the file.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return { busy: total - ticks[3]! - ticks[4]!, total, own: fields[11]! + fields[12]! };
}

/** Starts measuring; the returned function gives other processes' share of all CPU time since (0–1). */
export function startOthersCpuShare(): () => number | null {
  const start = snapshot();
  return () => {
    if (!HAS_PROC) return null;
    const end = snapshot();
    const total = end.total - start.total;
    if (total <= 0) return 0;
    const others = end.busy - start.busy - (end.own - start.own);
    return Number(Math.max(0, others / total).toFixed(3));
  };
}
