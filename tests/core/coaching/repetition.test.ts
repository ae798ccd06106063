import { describe, expect, it } from 'vitest';
import { findRepetition } from '../../../src/core/coaching/repetition';
import { measureVocabulary, movingTypeTokenRatio } from '../../../src/core/coaching/vocabulary';
import { timedWords } from './wordsHelper';

describe('findRepetition', () => {
  it('flags stumbles like "I I" but not emphasis across a comma or repeated fillers', () => {
    const r = findRepetition(timedWords('I I led the the team. It was very, very hard. Um um okay.'));
    expect(r.immediateRepeats.map((h) => [h.text, h.wordIndex])).toEqual([
      ['i', 1],
      ['the', 4],
    ]);
  });

  it('finds pet phrases said three times or more, keeping the longest form', () => {
    const r = findRepetition(
      timedWords(
        'at the end of the day we shipped. at the end of the day it worked. and at the end of the day we learned.',
      ),
    );
    expect(r.repeatedPhrases[0]).toMatchObject({ text: 'at the end of the day', count: 3 });
    expect(r.repeatedPhrases.some((p) => p.text === 'end of')).toBe(false);
  });

  it('ignores phrases made only of function words', () => {
    expect(findRepetition(timedWords('and it was and it was and it was')).repeatedPhrases).toEqual([]);
  });

  it('lists overused content words', () => {
    const r = findRepetition(timedWords('really good really fast really clean really done team ships code'));
    expect(r.overusedWords).toEqual([{ text: 'really', count: 4 }]);
  });
});

describe('vocabulary', () => {
  it('counts different words, skipping vocal fillers and punctuation', () => {
    const v = measureVocabulary(timedWords('Um, the team, the plan. The end'));
    expect(v).toMatchObject({ words: 6, uniqueWords: 4 });
    expect(v.typeTokenRatio).toBeCloseTo(4 / 6);
  });

  it("uses a moving window so long answers aren't punished for length", () => {
    const varied = Array.from({ length: 200 }, (_, i) => `w${i % 60}`);
    expect(movingTypeTokenRatio(varied, 50)).toBe(1);
    expect(movingTypeTokenRatio(['a', 'b', 'a', 'b'], 50)).toBe(0.5);
    expect(movingTypeTokenRatio([], 50)).toBe(0);
  });
});
