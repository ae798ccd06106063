// Issue #7 "Nothing let in": `coach analyze --transcript` takes any JSON a user points it at. Every
// value must become ordered, non-negative words or one Error that names the accepted formats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/shared/domain';
import { parseTranscriptJson } from '../../src/core/asr/transcriptImport';

/** What scoring relies on: trimmed non-empty text, finite non-negative times, in order, no overlap. */
function expectScorableWords(words: Word[]): void {
  let previousEnd = 0;
  for (const w of words) {
    expect(w.text).toBe(w.text.trim());
    expect(w.text.length).toBeGreaterThan(0);
    expect(Number.isFinite(w.startSec) && Number.isFinite(w.endSec)).toBe(true);
    expect(w.startSec).toBeGreaterThanOrEqual(previousEnd);
    expect(w.endSec).toBeGreaterThanOrEqual(w.startSec);
    if (w.probability !== undefined) expect(w.probability >= 0 && w.probability <= 1).toBe(true);
    previousEnd = w.endSec;
  }
}

function parseOrClearError(json: unknown): void {
  let words: Word[];
  try {
    words = parseTranscriptJson(json);
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(TypeError);
    expect(err).not.toBeInstanceOf(RangeError);
    const message = (err as Error).message;
    expect(message).toMatch(/^Invalid transcript JSON: /);
    expect(message).toContain('Accepted transcript formats');
    // At most three issues are listed, so even a huge bad file gets a message of bounded size.
    expect(message.length).toBeLessThan(3_000);
    return;
  }
  expectScorableWords(words);
}

const time = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.nat(),
  fc.constantFrom(-1, -0, 1e308, 0.5),
);
const word = fc.record(
  {
    text: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(' ', '[BLANK_AUDIO]', '<|endoftext|>', ',', ' "'),
    ),
    startSec: time,
    endSec: time,
    probability: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.1)),
  },
  { requiredKeys: ['text', 'startSec', 'endSec'] },
);
const offsets = fc.record({ from: time, to: time });
const segment = fc.record(
  {
    offsets,
    text: fc.string({ maxLength: 40 }),
    tokens: fc.array(
      fc.record(
        {
          text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('[_BEG_]', ' um', '.', ' (')),
          offsets,
          p: fc.double({ min: 0, max: 1, noNaN: true }),
        },
        { requiredKeys: ['text', 'offsets'] },
      ),
      { maxLength: 8 },
    ),
  },
  { requiredKeys: ['offsets', 'text'] },
);

/** Replaces one nested value (or a whole element) with anything, to hit every validation path. */
const spoil = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc
    .tuple(arb, fc.jsonValue({ maxDepth: 2 }), fc.nat(), fc.string({ maxLength: 10 }))
    .map(([v, junk, n, key]) => {
      const copy = structuredClone(v) as unknown;
      const walk = (node: unknown, depth: number): unknown => {
        if (depth === 0 || node === null || typeof node !== 'object') return junk;
        const keys = Object.keys(node);
        if (keys.length === 0) return junk;
        const k = keys[n % keys.length]!;
        // A new key on an object, never on an array: `length` set to junk is the test's own RangeError.
        const target = n % 3 === 0 && !Array.isArray(node) ? key : k;
        (node as Record<string, unknown>)[target] = walk((node as Record<string, unknown>)[k], depth - 1);
        return node;
      };
      return walk(copy, 1 + (n % 4));
    });

describe('parseTranscriptJson', () => {
  it('turns any JSON value into scorable words or a clear error', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), parseOrClearError), { numRuns: 1_500 });
  });

  it('turns anything a JS caller could pass into scorable words or a clear error', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withTypedArray: true, withNullPrototype: true }),
        parseOrClearError,
      ),
      { numRuns: 1_000 },
    );
  });

  it('accepts well-formed word arrays and whisper.cpp output with hostile times, and refuses spoiled ones clearly', () => {
    const wordArray = fc.array(word, { maxLength: 20 });
    const whisper = fc.record({ transcription: fc.array(segment, { maxLength: 6 }) });
    fc.assert(fc.property(fc.oneof(wordArray, whisper), parseOrClearError), { numRuns: 1_500 });
    fc.assert(fc.property(fc.oneof(spoil(wordArray), spoil(whisper)), parseOrClearError), { numRuns: 1_500 });
  });

  it('bounds its message for a huge invalid file', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ text: i, startSec: 'a', endSec: null }));
    parseOrClearError(many);
  });
});
