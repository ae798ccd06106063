import { describe, expect, it } from 'vitest';
import { computeAnswerReport } from '../../../src/core/coaching/answerReport';
import { scoreSession } from '../../../src/core/coaching/sessionScore';
import { writeSuggestions } from '../../../src/core/coaching/suggestions';
import type { CoachingAnalysis, Word } from '../../../src/shared/domain';

/** An answer at `wpm` lasting `sec`, built from `sentence` repeated, with `ums` vocal fillers mixed in. */
function answer(sentence: string, sec: number, wpm = 140, ums = 0): Word[] {
  const base = sentence.split(' ');
  const slot = 60 / wpm;
  const count = Math.floor(sec / slot);
  const every = ums > 0 ? Math.max(1, Math.floor(count / ums)) : Infinity;
  return Array.from({ length: count }, (_, i) => ({
    text: i % every === every - 1 ? 'um' : base[i % base.length]!,
    startSec: i * slot,
    endSec: i * slot + slot * 0.8,
  }));
}

const STAR =
  'At my last company the release process was slow. I was responsible for fixing it. ' +
  'I decided to automate the checks and I set up a nightly build. As a result we shipped twice as often.';

/** The coaching, with the report's pace beside it (the suggestions quote it). */
const analyse = (words: Word[], sec: number) => {
  const report = computeAnswerReport({
    words,
    durationSec: sec,
    question: { kind: 'behavioural' },
    target: { minSec: 60, maxSec: 120 },
  });
  return { ...report.coaching!, pace: report.pace };
};

describe('answer score', () => {
  it('scores a clear, well-paced STAR answer of the right length highly, with every part explained', () => {
    const a = analyse(answer(STAR, 90), 90);
    expect(a.score.total).toBeGreaterThanOrEqual(90);
    expect(a.score.breakdown.map((p) => p.id)).toEqual([
      'fluency',
      'pace',
      'language',
      'structure',
      'length',
    ]);
    expect(a.score.breakdown.reduce((sum, p) => sum + p.weight, 0)).toBeCloseTo(1);
    for (const part of a.score.breakdown) expect(part.detail.length).toBeGreaterThan(3);
  });

  it('costs points for fillers, rushing, missing parts and running long, in the right component', () => {
    const good = analyse(answer(STAR, 90), 90);
    const byId = (a: CoachingAnalysis, id: string) => a.score.breakdown.find((p) => p.id === id)!.score;
    const filled = analyse(answer(STAR, 90, 140, 20), 90);
    expect(byId(filled, 'fluency')).toBeLessThan(byId(good, 'fluency') - 40);
    const rushed = analyse(answer(STAR, 90, 200), 90);
    expect(byId(rushed, 'pace')).toBeLessThan(60);
    const noResult = analyse(
      answer('At my last company I was responsible for the build. I decided to fix it.', 90),
      90,
    );
    expect(byId(noResult, 'structure')).toBe(75);
    const long = analyse(answer(STAR, 200), 200);
    expect(byId(long, 'length')).toBeLessThan(10);
    expect(filled.score.total).toBeLessThan(good.score.total);
  });

  it('gives 0 with a reason when nothing was said', () => {
    const a = analyse([], 30);
    expect(a.score.total).toBe(0);
    expect(a.suggestions).toEqual([]);
  });

  it('averages a session per component and overall', () => {
    const a = analyse(answer(STAR, 90), 90);
    const b = analyse(answer(STAR, 90, 140, 20), 90);
    const session = scoreSession([a, undefined, b])!;
    expect(session.answerCount).toBe(2);
    expect(session.total).toBe(Math.round((a.score.total + b.score.total) / 2));
    const fluency = session.breakdown.find((p) => p.id === 'fluency')!;
    expect(fluency.score).toBe(Math.round((a.score.breakdown[0]!.score + b.score.breakdown[0]!.score) / 2));
    expect(scoreSession([undefined])).toBeNull();
  });
});

describe('suggestions', () => {
  it('writes two to four concrete suggestions naming what happened and when', () => {
    const words = answer(STAR, 150, 195, 25);
    const a = analyse(words, 150);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.length).toBeLessThanOrEqual(4);
    const text = a.suggestions.map((s) => s.text).join('\n');
    expect(text).toMatch(
      /You said 'um' \d+ times (in the first 30 seconds|between \d+:\d\d and \d+:\d\d)|within \d+ seconds at \d+:\d\d/,
    );
    expect(text).toMatch(/\d+ words a minute/);
    expect(text).toMatch(/past the 02:00 target/);
  });

  it('praises what went well when there is little to fix', () => {
    const a = analyse(answer(STAR, 90), 90);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.map((s) => s.id)).toContain('keep-fluency');
  });

  it('names the missing STAR part with advice for it', () => {
    const a = analyse(
      answer('At my last company I was responsible for the build. I decided to fix it.', 90),
      90,
    );
    const text = writeSuggestions({ analysis: a, pace: a.pace, fillers: [] })
      .map((s) => s.text)
      .join(' ');
    expect(text).toMatch(/no clear result/);
    expect(text).toMatch(/ideally with a number/);
  });
});
