import { describe, it, expect } from 'vitest';
import type { Word } from '../../../src/shared/domain';
import {
  MIN_PACE_SPEECH_SEC,
  RECENT_PACE_WINDOW_SEC,
  recentWordsPerMinute,
  speakingSpanSec,
  wordsPerMinute,
} from '../../../src/core/coaching/pace';

/** `count` words starting every `everySec` from `fromSec`, each lasting `everySec` (no gaps). */
function evenWords(count: number, everySec: number, fromSec = 0): Word[] {
  return Array.from({ length: count }, (_, index) => ({
    text: `w${index}`,
    startSec: fromSec + index * everySec,
    endSec: fromSec + (index + 1) * everySec,
  }));
}

describe('wordsPerMinute', () => {
  it('measures over the speaking span from first word start to last word end', () => {
    // 30 words over 15 s of speech, starting 5 s into the recording.
    expect(wordsPerMinute(evenWords(30, 0.5, 5))).toBeCloseTo(120);
  });

  it('uses the given span instead when provided', () => {
    expect(wordsPerMinute(evenWords(30, 0.5), 30)).toBeCloseTo(60);
  });

  it('returns 0 for fewer than two words or a tiny span', () => {
    expect(wordsPerMinute([])).toBe(0);
    expect(wordsPerMinute(evenWords(1, 0.5))).toBe(0);
    expect(wordsPerMinute(evenWords(2, 0.2))).toBe(0);
    expect(wordsPerMinute(evenWords(10, 1), 0)).toBe(0);
  });
});

describe('speakingSpanSec', () => {
  it('is the time from the first start to the last end', () => {
    expect(speakingSpanSec(evenWords(4, 0.5, 2))).toBeCloseTo(2);
    expect(speakingSpanSec([])).toBe(0);
  });
});

describe('recentWordsPerMinute', () => {
  it('uses a 15 s window by default', () => {
    expect(RECENT_PACE_WINDOW_SEC).toBe(15);
  });

  it('measures only the words that ended within the window', () => {
    // Slow for the first 30 s (60 wpm), then fast (180 wpm) for 15 s.
    const words = [...evenWords(30, 1), ...evenWords(45, 1 / 3, 30)];
    expect(recentWordsPerMinute(words, 45)).toBeCloseTo(180, 0);
    expect(recentWordsPerMinute(words, 30)).toBeCloseTo(60, 0);
  });

  it('ignores words ending after now', () => {
    const words = evenWords(60, 0.5);
    expect(recentWordsPerMinute(words, 15)).toBeCloseTo(120, 0);
  });

  it('returns null until there is enough speech in the window', () => {
    const words = evenWords(10, 0.4); // 4 s of speech
    expect(MIN_PACE_SPEECH_SEC).toBeGreaterThan(4);
    expect(recentWordsPerMinute(words, 4)).toBeNull();
    expect(recentWordsPerMinute([], 10)).toBeNull();
    expect(recentWordsPerMinute(evenWords(15, 0.4), 6)).not.toBeNull();
  });

  it('does not let the silence since the last word drag the pace down', () => {
    const words = evenWords(20, 0.5); // 10 s at 120 wpm
    expect(recentWordsPerMinute(words, 13)).toBeCloseTo(120, 0);
  });

  it('honours a custom window', () => {
    const words = [...evenWords(30, 1), ...evenWords(30, 0.25, 30)]; // then 240 wpm for 7.5 s
    expect(recentWordsPerMinute(words, 37.5, 7.5)).toBeCloseTo(240, 0);
  });
});
