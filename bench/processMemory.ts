// Resident memory of processes from /proc (Linux), for the memory benchmarks.
import { readdirSync, readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in MB (VmRSS now, VmHWM its peak so far); 0 once the process is gone. */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export const rssMb = (pid: number): number => statusMb(pid, 'VmRSS');
/** The process's own high-water mark: its true peak, whenever it happened, unlike a sample. */
export const peakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');

/** The processes `pid` started whose command line holds `command` (all of them without it). */
export function childProcessIds(pid: number, command = ''): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(command)) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}
