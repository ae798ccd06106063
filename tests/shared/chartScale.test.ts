// The axis fitting shared by the Trends charts and the PDF report, and the one clock they all write.
import { describe, expect, it } from 'vitest';
import { fitScale, niceStep } from '../../src/shared/chartScale';
import { formatClock } from '../../src/shared/timeFormat';

describe('fitScale', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 1, 1.5, 3, 7, 12, 40, 260].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 20, 50, 500]);
  });

  it('keeps paces under 100 words a minute on the axis (the old axis started at 100)', () => {
    const scale = fitScale([62, 71, 88]);
    expect(scale.min).toBeLessThanOrEqual(62);
    expect(scale.max).toBeGreaterThanOrEqual(88);
    expect(scale.max - scale.min).toBeLessThan(60);
    expect(scale.ticks[0]).toBeGreaterThanOrEqual(scale.min);
    expect(scale.ticks.at(-1)).toBeLessThanOrEqual(scale.max);
  });

  it('includes a reference band, stays inside bounds and widens a flat line', () => {
    expect(fitScale([62, 71], { include: [120, 160] }).max).toBeGreaterThanOrEqual(160);
    const score = fitScale([96, 99, 100], { bounds: [0, 100] });
    expect(score.max).toBe(100);
    const flat = fitScale([3, 3, 3], { minSpan: 2 });
    expect(flat.max - flat.min).toBeGreaterThanOrEqual(2);
    expect(flat.min).toBeLessThanOrEqual(3);
    expect(fitScale([null, null])).toMatchObject({ min: 0, max: 1 });
    expect(fitScale([0, 0, 0], { bounds: [0, Infinity], minSpan: 1 })).toMatchObject({ min: 0, max: 1 });
  });
});

describe('formatClock', () => {
  it('floors seconds, as the player does, so 24.6 s is 00:24 everywhere', () => {
    expect(formatClock(24.6)).toBe('00:24');
    expect(formatClock(11.9)).toBe('00:11');
    expect(formatClock(83.4)).toBe('01:23');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-1)).toBe('00:00');
    expect(formatClock(Number.NaN)).toBe('00:00');
  });
});
