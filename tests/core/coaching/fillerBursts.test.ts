import { describe, expect, it } from 'vitest';
import { findFillerBursts } from '../../../src/core/coaching/fillerBursts';

const at = (...times: number[]) => times.map((startSec) => ({ text: 'um', startSec }));

describe('findFillerBursts', () => {
  it('calls out three fillers within a few seconds, not three spread out', () => {
    expect(findFillerBursts(at(1, 3, 5))).toEqual([
      { startSec: 1, endSec: 5, count: 3, texts: ['um', 'um', 'um'] },
    ]);
    expect(findFillerBursts(at(1, 20, 40))).toEqual([]);
  });

  it('grows a burst while fillers keep coming and separates distant clusters', () => {
    const bursts = findFillerBursts(at(1, 2, 3, 6, 9, 40, 41, 42));
    expect(bursts.map((b) => [b.startSec, b.endSec, b.count])).toEqual([
      [1, 9, 5],
      [40, 42, 3],
    ]);
  });

  it('sorts its input and keeps the filler texts', () => {
    const bursts = findFillerBursts([
      { text: 'like', startSec: 4 },
      { text: 'um', startSec: 2 },
      { text: 'uh', startSec: 3 },
    ]);
    expect(bursts[0]!.texts).toEqual(['um', 'uh', 'like']);
  });
});
