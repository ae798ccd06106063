// What every benchmark records besides its numbers: the machine it ran on, and its own marked section
// of docs/benchmarks.md, replaced in place so the other benchmarks' sections stay as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

export const BENCHMARKS_MD = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../docs/benchmarks.md',
);

export type MachineInfo = {
  cpu: string;
  logicalCpus: number;
  memoryGb: number;
  platform: string;
  kernel: string;
  node: string;
};

export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  } catch {
    // not Linux: os.cpus() named it already
  }
  return {
    cpu,
    logicalCpus: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    kernel: os.release(),
    node: process.version,
  };
}

/** The comments that delimit benchmark `name`'s section in docs/benchmarks.md. */
export function sectionMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/**
 * Replaces benchmark `name`'s section with `body` (which starts and ends with its markers), or appends
 * it when the file has none yet.
 */
export function writeBenchmarkSection(name: string, body: string, file = BENCHMARKS_MD): void {
  const { start, end } = sectionMarkers(name);
  const md = body.trimEnd();
  if (!md.startsWith(start) || !md.endsWith(end))
    throw new Error(`section ${name} must be wrapped in its markers`);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(start);
  const until = current.indexOf(end);
  const next =
    at >= 0 && until > at
      ? `${current.slice(0, at)}${md}${current.slice(until + end.length)}`
      : `${current.trimEnd()}\n\n${md}\n`;
  writeFileSync(file, next);
}

/** Writes a generated file formatted as Prettier would, so `npm run lint` stays clean after a run. */
export async function writeFormatted(
  file: string,
  text: string,
  parser: 'json' | 'typescript',
): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, parser }));
}

/** Writes a benchmark's raw numbers as JSON. */
export async function writeBenchmarkJson(file: string, value: unknown): Promise<void> {
  await writeFormatted(file, JSON.stringify(value), 'json');
}
