import { describe, it, expect } from 'vitest';
import type { Word } from '../../../src/shared/domain';
import { findLongPauses, LONG_PAUSE_SEC } from '../../../src/core/coaching/pauses';

const word = (startSec: number, endSec: number): Word => ({ text: 'w', startSec, endSec });

describe('findLongPauses', () => {
  it('finds gaps of at least LONG_PAUSE_SEC between words', () => {
    expect(LONG_PAUSE_SEC).toBe(2);
    const words = [word(0, 1), word(1.5, 2), word(4, 4.5), word(6.3, 7), word(8.8, 9)];
    // 4.5 → 6.3 and 7 → 8.8 are 1.8 s: ordinary phrasing.
    expect(findLongPauses(words)).toEqual([{ startSec: 2, endSec: 4, durationSec: 2 }]);
  });

  it('tolerates floating-point error at the threshold', () => {
    expect(findLongPauses([word(0, 0.3), word(2.3, 3)])).toHaveLength(1);
  });

  it('honours a custom minimum', () => {
    const words = [word(0, 1), word(2.5, 3), word(3.5, 4)];
    expect(findLongPauses(words, { minPauseSec: 1.5 })).toEqual([
      { startSec: 1, endSec: 2.5, durationSec: 1.5 },
    ]);
    expect(findLongPauses(words, { minPauseSec: 0.5 })).toHaveLength(2);
  });

  it('does not count silence before the first word', () => {
    expect(findLongPauses([word(10, 11), word(11.2, 12)])).toEqual([]);
  });

  it('counts trailing silence only when the answer end is given', () => {
    const words = [word(0, 1), word(1.2, 2)];
    expect(findLongPauses(words)).toEqual([]);
    expect(findLongPauses(words, { answerEndSec: 5 })).toEqual([{ startSec: 2, endSec: 5, durationSec: 3 }]);
    expect(findLongPauses(words, { answerEndSec: 3 })).toEqual([]);
  });

  it('finds nothing with no words, even with an answer end', () => {
    expect(findLongPauses([], { answerEndSec: 30 })).toEqual([]);
  });
});
