// The background engine process lowers every one of its threads to the lowest CPU priority (Linux
// counts niceness per thread) and to SCHED_IDLE, so whisper.cpp's threads, started later, are low too.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const module = pathToFileURL(path.join(REPO_ROOT, 'src/core/asr/engineProcess/lowerPriority.ts')).href;

/** Runs lowerOwnPriority in a fresh process, then starts a thread, and prints every thread's nice. */
const script = `
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
const { lowerOwnPriority } = await import(${JSON.stringify(module)});
// Fields 19 (nice) and 41 (scheduling policy) of each thread's stat.
const field = (n) => readdirSync('/proc/self/task').map((tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[n - 3]);
});
const before = field(19);
lowerOwnPriority();
const worker = new Worker('setTimeout(() => {}, 200)', { eval: true });
await new Promise((r) => worker.once('online', r));
console.log(JSON.stringify({ before, after: field(19), policies: field(41) }));
await worker.terminate();
`;

describe.runIf(process.platform === 'linux')('lowerOwnPriority', () => {
  it('sets every thread of the process, and threads started afterwards, to nice 19 and SCHED_IDLE', () => {
    const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const { before, after, policies } = JSON.parse(out.trim().split('\n').at(-1)!) as {
      before: number[];
      after: number[];
      policies: number[];
    };
    expect(before.some((n) => n < 19)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.every((n) => n === 19)).toBe(true);
    // SCHED_IDLE (5): a background pass gives way to a live one far more than nice 19 alone.
    expect(policies.every((p) => p === 5)).toBe(true);
  });
});
