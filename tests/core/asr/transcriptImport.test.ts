import { describe, it, expect } from 'vitest';
import { parseTranscriptJson } from '../../../src/core/asr/transcriptImport';

const token = (text: string, from: number, to: number, p?: number) => ({
  text,
  timestamps: { from: '00:00:00,000', to: '00:00:00,000' },
  offsets: { from, to },
  id: 1,
  ...(p === undefined ? {} : { p }),
  t_dtw: -1,
});

const whisperFull = (segments: unknown[]) => ({
  systeminfo: 'AVX = 1',
  model: { type: 'base' },
  params: { language: 'en' },
  result: { language: 'en' },
  transcription: segments,
});

describe('parseTranscriptJson', () => {
  it('accepts our own word array', () => {
    const words = parseTranscriptJson([
      { text: 'Hello', startSec: 0, endSec: 0.4 },
      { text: 'there.', startSec: 0.5, endSec: 0.9, probability: 0.7 },
    ]);
    expect(words).toEqual([
      { text: 'Hello', startSec: 0, endSec: 0.4 },
      { text: 'there.', startSec: 0.5, endSec: 0.9, probability: 0.7 },
    ]);
  });

  it('reads whisper.cpp -ojf output, converting ms to seconds and dropping special tokens', () => {
    const json = whisperFull([
      {
        timestamps: { from: '00:00:00,000', to: '00:00:02,000' },
        offsets: { from: 0, to: 2000 },
        text: ' Hello, world.',
        tokens: [
          token('[_BEG_]', 0, 0, 0.99),
          token(' Hel', 0, 300, 0.9),
          token('lo', 300, 500, 0.7),
          token(',', 500, 900, 0.5),
          token(' world', 900, 1400, 0.6),
          token('.', 1400, 1500, 0.9),
          token('[_TT_75]', 1500, 1500, 0.2),
          token('<|endoftext|>', 1500, 1500),
        ],
      },
      {
        offsets: { from: 2000, to: 3000 },
        text: ' Next',
        tokens: [token('[_BEG_]', 2000, 2000), token(' Next', 2100, 2600, 0.8)],
      },
    ]);
    const words = parseTranscriptJson(json);
    expect(words.map((w) => w.text)).toEqual(['Hello,', 'world.', 'Next']);
    expect(words[0]).toMatchObject({ startSec: 0, endSec: 0.5 });
    expect(words[0]?.probability).toBeCloseTo(0.8);
    expect(words[1]).toMatchObject({ startSec: 0.9, endSec: 1.4, probability: 0.6 });
    expect(words[2]).toMatchObject({ startSec: 2.1, endSec: 2.6 });
  });

  it('splits a segment without tokens evenly over its offsets', () => {
    const words = parseTranscriptJson(
      whisperFull([{ offsets: { from: 1000, to: 4000 }, text: ' one two three', tokens: [] }]),
    );
    expect(words).toEqual([
      { text: 'one', startSec: 1, endSec: 2 },
      { text: 'two', startSec: 2, endSec: 3 },
      { text: 'three', startSec: 3, endSec: 4 },
    ]);
    const noTokenKey = parseTranscriptJson(whisperFull([{ offsets: { from: 0, to: 1000 }, text: 'a b' }]));
    expect(noTokenKey.map((w) => [w.text, w.startSec, w.endSec])).toEqual([
      ['a', 0, 0.5],
      ['b', 0.5, 1],
    ]);
  });

  it('keeps words in time order across segments whose timings overlap', () => {
    const words = parseTranscriptJson(
      whisperFull([
        { offsets: { from: 0, to: 2000 }, text: ' a', tokens: [token(' a', 0, 2000)] },
        { offsets: { from: 1500, to: 3000 }, text: ' b', tokens: [token(' b', 1500, 3000)] },
      ]),
    );
    expect(words[1]).toMatchObject({ text: 'b', startSec: 2, endSec: 3 });
  });

  it('returns no words for an empty transcription', () => {
    expect(parseTranscriptJson(whisperFull([]))).toEqual([]);
    expect(parseTranscriptJson([])).toEqual([]);
  });

  describe('on invalid input', () => {
    it('names the accepted formats when the value is neither shape', () => {
      expect(() => parseTranscriptJson(42)).toThrow(/got a number.*Accepted transcript formats.*-ojf/s);
      expect(() => parseTranscriptJson(null)).toThrow(/got null/);
      expect(() => parseTranscriptJson('[]')).toThrow(/got a string/);
      expect(() => parseTranscriptJson({ segments: [] })).toThrow(
        /without a "transcription" array.*segments/,
      );
    });

    it('points at the bad field of a word array', () => {
      expect(() => parseTranscriptJson([{ text: 'hi', startSec: '0', endSec: 1 }])).toThrow(
        /word array.*at \[0\]\.startSec: .*expected number/,
      );
      expect(() => parseTranscriptJson([{ text: 'hi', startSec: -1, endSec: 1 }])).toThrow(/\[0\]\.startSec/);
      expect(() => parseTranscriptJson([{ text: 'hi', startSec: 0 }])).toThrow(/\[0\]\.endSec/);
    });

    it('points at the bad field of whisper.cpp output', () => {
      const missingOffsets = whisperFull([
        { offsets: { from: 0, to: 1000 }, text: ' hi', tokens: [token(' hi', 0, 500), { text: ' x' }] },
      ]);
      expect(() => parseTranscriptJson(missingOffsets)).toThrow(
        /whisper\.cpp -ojf.*at transcription\[0\]\.tokens\[1\]\.offsets/,
      );
      expect(() => parseTranscriptJson({ transcription: 'nope' })).toThrow(/at transcription: /);
      expect(() => parseTranscriptJson({ transcription: [{ text: 'hi' }] })).toThrow(
        /Accepted transcript formats/,
      );
    });

    it('reports only the first few problems', () => {
      const bad = Array.from({ length: 10 }, () => ({ text: 1 }));
      const error = (() => {
        try {
          parseTranscriptJson(bad);
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/and \d+ more/);
    });
  });
});
