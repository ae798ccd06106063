import { describe, expect, it } from 'vitest';
import { checkStarStructure } from '../../../src/core/coaching/starStructure';
import {
  checkTalkingPoints,
  DEFAULT_TALKING_POINTS,
  talkingPointsFor,
} from '../../../src/core/coaching/talkingPoints';
import { timedWords } from './wordsHelper';

describe('checkStarStructure', () => {
  it('finds all four parts with the cue and time of each', () => {
    const words = timedWords(
      'At my last company the billing system was failing. I was responsible for fixing it. ' +
        'I decided to rewrite the reconciliation job. As a result we saved two days a month.',
    );
    const s = checkStarStructure(words);
    expect(s.kind).toBe('star');
    if (s.kind !== 'star') return;
    expect(s.missing).toEqual([]);
    expect(s.parts.map((p) => p.cue)).toEqual([
      'at my last',
      'i was responsible',
      'i decided',
      'as a result',
    ]);
    expect(s.parts[0]!.atSec).toBe(0);
  });

  it('names the missing parts', () => {
    const s = checkStarStructure(timedWords('We were short-staffed. I decided to automate the reports.'));
    expect(s.kind === 'star' && s.missing).toEqual(['task', 'result']);
  });

  it('matches word forms by stem ("delivered" for "we delivered")', () => {
    const s = checkStarStructure(timedWords('and in the end we deliver it early'));
    expect(s.kind === 'star' && s.parts.find((p) => p.part === 'result')?.present).toBe(true);
  });

  it('counts a number late in the answer as a result', () => {
    const s = checkStarStructure(timedWords('I set up alerts for the team and errors fell 40% overall.'));
    expect(s.kind === 'star' && s.parts.find((p) => p.part === 'result')?.cue).toBe('40%');
  });
});

describe('talking points', () => {
  it('marks each point covered by its first cue, with where', () => {
    const points = [
      { label: 'Why the company', cues: ['mission', 'product'] },
      { label: 'Evidence', cues: ['for example'] },
    ];
    const s = checkTalkingPoints(timedWords('I love your product. It matters to me.'), points);
    expect(s).toEqual({
      kind: 'talking-points',
      points: [
        { label: 'Why the company', covered: true, cue: 'product', atSec: expect.closeTo(1.2) },
        { label: 'Evidence', covered: false, cue: null, atSec: null },
      ],
      coveredCount: 1,
    });
  });

  it('matches hyphenated cues against the transcript as written', () => {
    const s = checkTalkingPoints(timedWords('The trade-off was speed.'), [
      { label: 'T', cues: ['trade-off'] },
    ]);
    expect(s.kind === 'talking-points' && s.coveredCount).toBe(1);
  });

  it("falls back to the kind's default points when the question has none", () => {
    expect(talkingPointsFor({ kind: 'motivational' })).toBe(DEFAULT_TALKING_POINTS.motivational);
    expect(talkingPointsFor({ kind: 'behavioural' })).toEqual([]);
    const own = [{ label: 'x', cues: ['y'] }];
    expect(talkingPointsFor({ kind: 'situational', talkingPoints: own })).toBe(own);
  });
});
