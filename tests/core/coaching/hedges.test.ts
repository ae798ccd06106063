import { describe, expect, it } from 'vitest';
import { findHedges, hedgesPerMinute } from '../../../src/core/coaching/hedges';
import { timedWords } from './wordsHelper';

const hedgeTexts = (text: string) => findHedges(timedWords(text)).map((h) => h.text);

describe('findHedges', () => {
  it('finds the common hedges with their word index and time', () => {
    const words = timedWords('I think we shipped it, maybe a week late. I guess it was probably fine.');
    const hits = findHedges(words);
    expect(hits.map((h) => h.text)).toEqual(['i think', 'maybe', 'i guess', 'probably']);
    expect(hits[1]).toMatchObject({ wordIndex: 5, startSec: words[5]!.startSec });
  });

  it('prefers the longest phrase', () => {
    expect(hedgeTexts("I'm not sure it worked, I feel like it did.")).toEqual([
      "i'm not sure",
      'i feel like',
    ]);
  });

  it('does not count thinking about something or reporting what someone thinks (context traps)', () => {
    expect(hedgeTexts('I think about scaling every day.')).toEqual([]);
    expect(hedgeTexts('I think of it as a queue.')).toEqual([]);
    expect(hedgeTexts('That is what I think the team needs.')).toEqual([]);
    expect(hedgeTexts('Maybe.')).toEqual(['maybe']);
  });

  it('does not join a phrase across a clause break', () => {
    expect(hedgeTexts('It was, I. Think, fine')).toEqual([]);
  });

  it('reports a rate per minute of answer', () => {
    expect(hedgesPerMinute(findHedges(timedWords('maybe maybe maybe')), 30)).toBeCloseTo(6);
    expect(hedgesPerMinute([], 0)).toBe(0);
  });
});
