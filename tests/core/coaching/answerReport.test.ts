import { describe, it, expect } from 'vitest';
import type { Word } from '../../../src/shared/domain';
import { measureTranscript } from '../../../src/core/coaching/answerReport';

describe('measureTranscript', () => {
  it('combines pace, fillers and pauses', () => {
    // Speech from 2 s to 12 s with one 3 s pause; 20 words, 2 of them fillers; 60 s recording.
    const texts = ['So,', 'um', ...Array.from({ length: 18 }, (_, index) => `w${index}`)];
    const words: Word[] = texts.map((text, index) => {
      const startSec = 2 + index * 0.35 + (index >= 10 ? 3 : 0);
      return { text, startSec, endSec: startSec + 0.3 };
    });
    const metrics = measureTranscript(words, 60);

    const speakingSec = (words.at(-1)?.endSec ?? 0) - 2;
    // Pace runs from the first real word: "So," and "um" opened the answer but are fillers.
    const paceSpanSec = (words.at(-1)?.endSec ?? 0) - (words[2]?.startSec ?? 0);
    expect(metrics.durationSec).toBe(60);
    expect(metrics.speakingSec).toBeCloseTo(speakingSec);
    expect(metrics.wordCount).toBe(20);
    // Pace counts the 18 real words: fillers ("So,", "um") cannot make someone look fast.
    expect(metrics.pace.wordsPerMinute).toBeCloseTo((18 / paceSpanSec) * 60);
    expect(metrics.fillers.map((hit) => hit.text)).toEqual(['so', 'um']);
    expect(metrics.fillerCount).toBe(2);
    expect(metrics.transcriptFillersPerMinute).toBeCloseTo(2);
    expect(metrics.longPauses).toHaveLength(1);
    expect(metrics.pace.longestPauseSec).toBeCloseTo(3.05);
  });

  it('keeps full precision rather than rounding', () => {
    const words: Word[] = [
      { text: 'um', startSec: 0, endSec: 0.5 },
      { text: 'yes', startSec: 1, endSec: 1.5 },
      { text: 'no', startSec: 2, endSec: 2.5 },
    ];
    const metrics = measureTranscript(words, 7);
    expect(metrics.transcriptFillersPerMinute).toBeCloseTo(60 / 7, 10);
    expect(metrics.pace.wordsPerMinute).toBeCloseTo(80, 10);
  });

  it('reports zeros for an empty answer or zero duration', () => {
    const { pace, ...report } = measureTranscript([], 0);
    expect({ ...report, wordsPerMinute: pace.wordsPerMinute, longestPauseSec: pace.longestPauseSec }).toEqual(
      {
        durationSec: 0,
        speakingSec: 0,
        wordCount: 0,
        wordsPerMinute: 0,
        fillers: [],
        fillerCount: 0,
        transcriptFillersPerMinute: 0,
        longPauses: [],
        longestPauseSec: 0,
      },
    );
  });

  it('does not treat silence after the last word as a pause', () => {
    const metrics = measureTranscript([{ text: 'done', startSec: 0, endSec: 1 }], 30);
    expect(metrics.longPauses).toEqual([]);
    expect(metrics.pace.longestPauseSec).toBe(0);
  });
});
