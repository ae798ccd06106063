import { describe, it, expect } from 'vitest';
import { clampWordTimes, tokensToWords, type TimedToken } from '../../../src/core/asr/tokensToWords';

const tok = (text: string, startSec: number, endSec: number, probability?: number): TimedToken =>
  probability === undefined ? { text, startSec, endSec } : { text, startSec, endSec, probability };

describe('tokensToWords', () => {
  it('merges sub-word tokens into words at leading spaces', () => {
    const words = tokensToWords([
      tok(' Hel', 0, 0.2),
      tok('lo', 0.2, 0.4),
      tok(' wor', 0.5, 0.7),
      tok('ld', 0.7, 0.9),
    ]);
    expect(words).toEqual([
      { text: 'Hello', startSec: 0, endSec: 0.4 },
      { text: 'world', startSec: 0.5, endSec: 0.9 },
    ]);
  });

  it('starts a word with the first token even without a leading space', () => {
    const words = tokensToWords([tok('So', 0, 0.3), tok(' yes', 0.4, 0.6)]);
    expect(words.map((w) => w.text)).toEqual(['So', 'yes']);
  });

  it('keeps punctuation in the text but not in the timing', () => {
    // Whisper often stretches punctuation over the following silence; that must not hide the pause.
    const words = tokensToWords([
      tok(' Well', 0, 0.4),
      tok(',', 0.4, 3.0),
      tok(' then', 3.0, 3.3),
      tok('.', 3.3, 3.5),
    ]);
    expect(words).toEqual([
      { text: 'Well,', startSec: 0, endSec: 0.4 },
      { text: 'then.', startSec: 3.0, endSec: 3.3 },
    ]);
  });

  it('attaches punctuation that comes with a leading space to the previous word', () => {
    const words = tokensToWords([tok(' wait', 0, 0.3), tok(' —', 0.3, 0.4), tok(' no', 0.5, 0.7)]);
    expect(words.map((w) => w.text)).toEqual(['wait—', 'no']);
  });

  it('gives opening quotes and brackets to the following word', () => {
    const words = tokensToWords([
      tok(' said', 0, 0.3),
      tok(' "', 0.3, 0.35),
      tok('hi', 0.35, 0.5),
      tok('"', 0.5, 0.55),
      tok(' (', 0.6, 0.6),
      tok('twice', 0.6, 0.9),
      tok(')', 0.9, 0.9),
    ]);
    expect(words.map((w) => w.text)).toEqual(['said', '"hi"', '(twice)']);
    expect(words[1]).toMatchObject({ startSec: 0.35, endSec: 0.5 });
  });

  it('joins hyphenated words', () => {
    const words = tokensToWords([tok(' well', 0, 0.2), tok('-', 0.2, 0.25), tok('known', 0.25, 0.5)]);
    expect(words.map((w) => w.text)).toEqual(['well-known']);
  });

  it('drops special tokens', () => {
    const words = tokensToWords([
      tok('[_SOT_]', 0, 0),
      tok('[_BEG_]', 0, 0),
      tok(' Hi', 0, 0.3),
      tok('[_TT_150]', 0.3, 0.3),
      tok(' there', 0.4, 0.7),
      tok('<|endoftext|>', 0.7, 0.7),
    ]);
    expect(words.map((w) => w.text)).toEqual(['Hi', 'there']);
  });

  it("drops whisper's non-speech annotations such as [BLANK_AUDIO]", () => {
    const words = tokensToWords([
      tok(' [', 0, 0),
      tok('BL', 0, 0.5),
      tok('ANK', 0.5, 1),
      tok('_', 1, 1),
      tok('AUDIO', 1, 2),
      tok(']', 2, 2),
      tok(' Okay', 2.1, 2.4),
    ]);
    expect(words.map((w) => w.text)).toEqual(['Okay']);
  });

  it('averages the probabilities of the tokens that have one', () => {
    const [word] = tokensToWords([
      tok(' Hel', 0, 0.2, 0.8),
      tok('lo', 0.2, 0.4, 0.4),
      tok('!', 0.4, 0.5, 0.1),
    ]);
    expect(word?.probability).toBeCloseTo(0.6);
    const [bare] = tokensToWords([tok(' Hello', 0, 0.4)]);
    expect(bare).not.toHaveProperty('probability');
  });

  it('drops empty and whitespace-only tokens, treating a bare space as a word boundary', () => {
    const words = tokensToWords([
      tok(' one', 0, 0.2),
      tok('', 0.2, 0.2),
      tok(' ', 0.2, 0.2),
      tok('two', 0.3, 0.5),
    ]);
    expect(words.map((w) => w.text)).toEqual(['one', 'two']);
  });

  it('clamps reversed and overlapping timings so words never go back in time', () => {
    const words = tokensToWords([tok(' a', 1, 0.5), tok(' b', 0.8, 1.5), tok(' c', -1, -0.5)]);
    expect(words).toEqual([
      { text: 'a', startSec: 1, endSec: 1 },
      { text: 'b', startSec: 1, endSec: 1.5 },
      { text: 'c', startSec: 1.5, endSec: 1.5 },
    ]);
  });

  it('returns no words for no tokens', () => {
    expect(tokensToWords([])).toEqual([]);
  });
});

describe('clampWordTimes', () => {
  it('clamps negative times to zero and drops empty words without mutating the input', () => {
    const input = [
      { text: ' x ', startSec: -2, endSec: -1 },
      { text: '  ', startSec: 0, endSec: 1 },
    ];
    expect(clampWordTimes(input)).toEqual([{ text: 'x', startSec: 0, endSec: 0 }]);
    expect(input[0]?.startSec).toBe(-2);
  });
});
