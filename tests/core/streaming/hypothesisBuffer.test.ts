import { describe, expect, it } from 'vitest';
import { HypothesisBuffer, normaliseWord } from '../../../src/core/streaming/hypothesisBuffer';
import { DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import type { Word } from '../../../src/shared/domain';

const w = (text: string, startSec: number, endSec = startSec + 0.3): Word => ({ text, startSec, endSec });

describe('HypothesisBuffer (LocalAgreement-2)', () => {
  it('commits nothing from a single hypothesis', () => {
    const b = new HypothesisBuffer();
    b.insert([w('hello', 0), w('world', 0.4)], 0);
    expect(b.flush()).toEqual([]);
    expect(b.tentative().map((x) => x.text)).toEqual(['hello', 'world']);
  });

  it('commits the common prefix of two consecutive hypotheses, keeping the newer timestamps', () => {
    const b = new HypothesisBuffer();
    b.insert([w('hello', 0), w('world', 0.4)], 0);
    b.flush();
    b.insert([w('Hello,', 0.02), w('word', 0.41), w('again', 0.8)], 0);
    const committed = b.flush();
    expect(committed).toEqual([w('Hello,', 0.02)]);
    expect(b.tentative().map((x) => x.text)).toEqual(['word', 'again']);
  });

  it('shifts hypotheses by the window offset and ignores words before the last commit', () => {
    const b = new HypothesisBuffer();
    b.insert([w('a', 0.1), w('b', 0.5)], 10);
    b.flush();
    b.insert([w('a', 0.1), w('b', 0.5), w('c', 0.9)], 10);
    expect(b.flush().map((x) => [x.text, x.startSec])).toEqual([
      ['a', 10.1],
      ['b', 10.5],
    ]);
    // A later window re-hears "b" (ending at 10.8) before new speech.
    b.insert([w('b', 0.5), w('c', 0.9), w('d', 1.3)], 10);
    expect(b.flush().map((x) => x.text)).toEqual(['c']);
  });

  it('drops words re-heard at the seam by n-gram match against the last committed words', () => {
    const b = new HypothesisBuffer();
    b.insert([w('one', 0), w('two', 0.4), w('three', 0.8)], 0);
    b.flush();
    b.insert([w('one', 0), w('two', 0.4), w('three', 0.8)], 0);
    expect(b.flush().map((x) => x.text)).toEqual(['one', 'two', 'three']);
    // After a trim the new window starts mid-word; Whisper repeats "two three" with shifted times.
    b.popCommitted(0.3);
    b.insert([w('two', 0.0), w('three', 0.3), w('four', 0.7)], 1.0);
    b.flush();
    b.insert([w('two', 0.0), w('three', 0.3), w('four', 0.7)], 1.0);
    expect(b.flush().map((x) => x.text)).toEqual(['four']);
  });

  it('takes its seam knobs from the stream params: with no seam window a re-heard word is committed again', () => {
    const heard = (knobs?: ConstructorParameters<typeof HypothesisBuffer>[0]) => {
      const b = new HypothesisBuffer(knobs);
      b.insert([w('one', 0), w('two', 0.4), w('three', 0.8)], 0);
      b.flush();
      b.insert([w('one', 0), w('two', 0.4), w('three', 0.8)], 0);
      b.flush();
      b.popCommitted(0.3);
      b.insert([w('two', 0.0), w('three', 0.3), w('four', 0.7)], 1.0);
      b.flush();
      b.insert([w('two', 0.0), w('three', 0.3), w('four', 0.7)], 1.0);
      return b.flush().map((x) => x.text);
    };
    expect(heard()).toEqual(['four']);
    expect(heard({ ...DEFAULT_STREAM_PARAMS, seamWindowSec: 0 })).toEqual(['three', 'four']);
  });

  it('finish() commits the tentative tail', () => {
    const b = new HypothesisBuffer();
    b.insert([w('x', 0)], 0);
    b.flush();
    expect(b.finish().map((x) => x.text)).toEqual(['x']);
    expect(b.tentative()).toEqual([]);
  });

  it('forceCommitUntil() commits only tentative words that ended by the given time', () => {
    const b = new HypothesisBuffer();
    b.insert([w('a', 0), w('b', 1), w('c', 2)], 0);
    b.flush();
    expect(b.forceCommitUntil(1.5).map((x) => x.text)).toEqual(['a', 'b']);
    expect(b.tentative().map((x) => x.text)).toEqual(['c']);
    expect(b.lastCommittedSec).toBeCloseTo(1.3);
  });

  it('normalises case and punctuation but keeps apostrophes', () => {
    expect(normaliseWord('Don’t')).not.toBe(normaliseWord("don't"));
    expect(normaliseWord("Don't,")).toBe("don't");
    expect(normaliseWord('World.')).toBe('world');
  });
});
