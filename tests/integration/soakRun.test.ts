// The soak benchmark end to end on the real engine, very short: `bench/soak.ts --minutes 0.25` streams
// two answers of 7.5 s through the app core at real-time pace and writes its JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SoakReport } from '../../bench/soak';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-soak-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/soak.ts', () => {
  it('streams through the real engine and writes a report with samples, buckets and checks', () => {
    const json = path.join(dir, 'soak.json');
    const r = spawnSync(
      process.execPath,
      ['bin/run-ts.mjs', 'bench/soak.ts', '--minutes', '0.25', '--json', json, '--no-doc'],
      { cwd: ROOT, encoding: 'utf8', timeout: 170_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as SoakReport;
    expect(Object.keys(report)).toEqual([
      'command',
      'date',
      'machine',
      'mode',
      'engine',
      'setup',
      'targets',
      'othersCpuShare',
      'overall',
      'checks',
      'buckets',
      'answers',
      'notes',
    ]);
    expect(report.setup).toMatchObject({ minutes: 0.25, answers: 2 });
    expect(report.engine.threads).toBe(2);
    expect(report.overall.audioSec).toBe(15);
    // One sample a second over 15 s of audio and two Stops.
    expect(report.overall.samples).toBeGreaterThanOrEqual(15);
    expect(report.overall.livePasses).toBeGreaterThan(0);
    expect(report.overall.captions).toBeGreaterThan(0);
    expect(report.overall.queues.liveAnswers).toBe(1);
    expect(report.overall.queues.bufferedAudioSec).toBeLessThanOrEqual(7.5);
    expect(report.buckets).toHaveLength(2);
    expect(report.buckets[0]!.rssPeakMb).toBeGreaterThan(0);
    expect(report.answers.map((a) => a.audioSec)).toEqual([7.5, 7.5]);
    expect(report.answers.every((a) => a.finalPassMs !== null && a.stopMs >= a.finalPassMs)).toBe(true);
    expect(report.checks.map((c) => c.name)).toContain('memory flat');
  }, 180_000);
});
