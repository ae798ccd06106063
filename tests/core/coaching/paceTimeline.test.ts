import { describe, expect, it } from 'vitest';
import { analyzePace } from '../../../src/core/coaching/answerReport';
import { paceTimeline, standardDeviation } from '../../../src/core/coaching/paceTimeline';
import type { Word } from '../../../src/shared/domain';

/** Words at `wpm` from `fromSec` to `toSec`. */
function speech(fromSec: number, toSec: number, wpm: number, text = 'word'): Word[] {
  const slot = 60 / wpm;
  const out: Word[] = [];
  for (let t = fromSec; t + slot <= toSec + 1e-9; t += slot)
    out.push({ text, startSec: t, endSec: t + slot * 0.8 });
  return out;
}

describe('paceTimeline', () => {
  it('follows a speaker who speeds up', () => {
    const points = paceTimeline([...speech(0, 30, 100), ...speech(30, 60, 180)]);
    const early = points.filter((p) => p.atSec < 25);
    const late = points.filter((p) => p.atSec > 35);
    for (const p of early) expect(p.wordsPerMinute).toBeCloseTo(100, -1);
    for (const p of late) expect(p.wordsPerMinute).toBeCloseTo(180, -1);
    expect(points.length).toBeGreaterThan(20);
  });

  it('gives a single point for a short answer and none without words', () => {
    expect(paceTimeline(speech(0, 6, 120))).toHaveLength(1);
    expect(paceTimeline([])).toEqual([]);
  });

  it('computes a population standard deviation', () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(standardDeviation([5])).toBe(0);
  });
});

describe('analyzePace', () => {
  it('does not count vocal fillers as words', () => {
    const words = speech(0, 60, 120);
    const withUms = words.flatMap((w, i) => (i % 4 === 0 ? [{ ...w, text: 'um' }] : [w]));
    expect(analyzePace(words).wordsPerMinute).toBeCloseTo(120, 0);
    expect(analyzePace(withUms).wordsPerMinute).toBeLessThan(100);
  });

  it('judges the pace and finds the longest pause', () => {
    const words = [...speech(0, 20, 190), ...speech(24, 40, 190)];
    const pace = analyzePace(words);
    expect(pace.verdict).toBe('fast');
    expect(pace.longPauseCount).toBe(1);
    expect(pace.longestPauseAtSec).toBeCloseTo(
      words.find((w) => w.startSec >= 24)!.startSec - pace.longestPauseSec,
    );
    expect(analyzePace([]).verdict).toBe('unknown');
    expect(analyzePace(speech(0, 30, 140)).verdict).toBe('comfortable');
    expect(analyzePace(speech(0, 30, 90)).verdict).toBe('slow');
  });
});
