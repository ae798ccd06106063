// Issue #7 "Nothing let in": the binary readers get random, truncated and bit-flipped files and must
// either return a sane result or throw an Error that names the file and says what is wrong, never a
// RangeError/TypeError leaking from a Buffer read, and never hang.
import { closeSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { readGgmlModelInfo, ModelFileError } from '../../src/core/asr/ggmlModelInfo';
import { loadSileroModel, parseSileroModel, VadModelFileError } from '../../src/core/vad/sileroModel';
import { sharedAudio, tempDir } from '../helpers/fixtures';

const SILERO_PATH = path.resolve(sharedAudio('.'), '../models/ggml-silero-v6.2.0.bin');
const dir = tempDir('coach-fuzz-bin-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
/** Each input gets its own file, so a failing case can be re-read from the message. */
const writeTemp = (bytes: Uint8Array, ext: string): string => {
  const file = path.join(dir, `case-${fileCounter++}.${ext}`);
  writeFileSync(file, bytes);
  return file;
};

/** Leaked low-level errors are exactly what these tests exist to catch. */
function expectClearError(err: unknown, file: string): void {
  expect(err).toBeInstanceOf(Error);
  const e = err as Error;
  expect(e).not.toBeInstanceOf(RangeError);
  expect(e).not.toBeInstanceOf(TypeError);
  expect(e.message).toContain(file);
  expect(e.message).not.toMatch(/\n/);
  expect(e.message.length).toBeLessThan(2000);
}

/** A mutation of a real file: truncation, flipped bits, overwritten int32s, or all three. */
const mutation = (size: number, headerBytes: number) =>
  fc.record({
    cut: fc.option(fc.integer({ min: 0, max: size }), { nil: undefined }),
    flips: fc.array(
      fc.record({
        // Mostly in the header and the first records, where the reader makes its decisions.
        at: fc.oneof(fc.integer({ min: 0, max: headerBytes - 1 }), fc.integer({ min: 0, max: size - 1 })),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      { maxLength: 6 },
    ),
    words: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: Math.floor(headerBytes / 4) - 1 }),
        value: fc.oneof(
          fc.constantFrom(0, -1, 1, 2, 3, 4, 32, 0x7fffffff, -0x80000000, 65536, 65537),
          fc.integer({ min: -0x80000000, max: 0x7fffffff }),
        ),
      }),
      { maxLength: 3 },
    ),
  });

function mutate(
  original: Uint8Array,
  m: { cut?: number; flips: { at: number; bit: number }[]; words: { at: number; value: number }[] },
): Buffer {
  const out = Buffer.from(original);
  for (const f of m.flips) if (f.at < out.length) out[f.at]! ^= 1 << f.bit;
  for (const w of m.words) if (w.at * 4 + 4 <= out.length) out.writeInt32LE(w.value, w.at * 4);
  return m.cut === undefined ? out : out.subarray(0, m.cut);
}

describe('readWav16kMono', () => {
  const jfk = readFileSync(sharedAudio('jfk.wav'));

  it('reads the untouched recording', () => {
    const { samples, info } = readWav16kMono(sharedAudio('jfk.wav'));
    expect(info).toMatchObject({ sampleRateHz: 16_000, channels: 1, bitsPerSample: 16 });
    expect(samples.length).toBeGreaterThan(16_000);
  });

  const check = (bytes: Uint8Array) => {
    const file = writeTemp(bytes, 'wav');
    try {
      const { samples, info } = readWav16kMono(file);
      // Accepted only if it really is what the function promises.
      expect(info).toMatchObject({ sampleRateHz: 16_000, channels: 1, bitsPerSample: 16 });
      expect(Number.isFinite(info.durationSec)).toBe(true);
      for (let i = 0; i < samples.length; i += 997) expect(Math.abs(samples[i]!)).toBeLessThanOrEqual(1);
    } catch (err) {
      expectClearError(err, file);
    }
  };

  it('rejects random bytes clearly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 256 }),
          // Random bytes behind a plausible RIFF/WAVE start reach deeper into the parser.
          fc
            .uint8Array({ maxLength: 200 })
            .map((b) => Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), b])),
        ),
        check,
      ),
      { numRuns: 800 },
    );
  });

  it('accepts or clearly rejects truncated and bit-flipped copies of a real recording', () => {
    // Only the header and a little audio matter to the parser; a short prefix keeps each run cheap.
    const head = jfk.subarray(0, 4096);
    fc.assert(
      fc.property(mutation(head.length, 64), (m) => check(mutate(head, m))),
      { numRuns: 800 },
    );
  });
});

describe('readGgmlModelInfo', () => {
  const modelPath = inject('syntheticModelPath');
  // The 77 MB model: its first few MB hold the header, the mel filters, the vocabulary and the first
  // tensors, which is all the reader looks at before it walks off a truncated copy.
  const PREFIX_BYTES = 2 * 1024 * 1024;
  const prefix = Buffer.alloc(PREFIX_BYTES);
  const fd = openSync(modelPath, 'r');
  readSync(fd, prefix, 0, PREFIX_BYTES, 0);
  closeSync(fd);

  const check = (bytes: Uint8Array) => {
    const file = writeTemp(bytes, 'bin');
    try {
      const info = readGgmlModelInfo(file);
      expect(info.tensorCount).toBeGreaterThan(0);
    } catch (err) {
      expect(err).toBeInstanceOf(ModelFileError);
      expectClearError(err, file);
    }
  };

  it('reads the untouched synthetic model', () => {
    expect(readGgmlModelInfo(modelPath)).toMatchObject({ nAudioState: 384, sizeName: 'tiny' });
  });

  it('rejects random bytes clearly', () => {
    const magic = Buffer.from([0x6c, 0x6d, 0x67, 0x67]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 256 }),
          fc.uint8Array({ minLength: 60, maxLength: 256 }).map((b) => Buffer.concat([magic, b])),
        ),
        check,
      ),
      { numRuns: 500 },
    );
  });

  it('rejects truncated and bit-flipped prefixes of the real model clearly', () => {
    // Header (12 int32) + mel filters (80×201 f32 = 64 KB): flips land in the fields the walk trusts.
    const headerBytes = 52;
    fc.assert(
      fc.property(mutation(prefix.length, headerBytes), (m) => check(mutate(prefix, m))),
      { numRuns: 100 },
    );
  });

  it('rejects corrupted tensor records clearly', () => {
    // Find the first tensor record: after the header, the filters and the vocabulary.
    const nMels = prefix.readInt32LE(48);
    const nFft = prefix.readInt32LE(52);
    let pos = 56 + nMels * nFft * 4;
    const vocab = prefix.readInt32LE(pos);
    pos += 4;
    for (let i = 0; i < vocab; i++) pos += 4 + prefix.readUInt32LE(pos);
    // The same header and the real tensor records, but an empty vocabulary: walking 51,864 tokens
    // costs a read each, and only the tensor walk is under test here.
    const filtersEnd = 56 + nMels * nFft * 4;
    const noVocab = Buffer.alloc(4);
    const records = prefix.subarray(pos, pos + 512 * 1024);
    const compact = Buffer.concat([prefix.subarray(0, filtersEnd), noVocab, records]);
    const firstTensor = filtersEnd + 4;
    fc.assert(
      fc.property(
        fc.record({
          // Which int32 field of the first record: n_dims, name length, type, then the dimensions.
          field: fc.integer({ min: 0, max: 6 }),
          value: fc.oneof(
            fc.constantFrom(0, -1, 1, 7, 31, 33, -32, 0x7fffffff, -0x80000000),
            fc.integer({ min: -0x80000000, max: 0x7fffffff }),
          ),
          cut: fc.integer({ min: firstTensor, max: compact.length }),
        }),
        ({ field, value, cut }) => {
          const bytes = Buffer.from(compact.subarray(0, cut));
          const at = firstTensor + field * 4;
          if (at + 4 <= bytes.length) bytes.writeInt32LE(value, at);
          check(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseSileroModel / loadSileroModel', () => {
  const silero = readFileSync(SILERO_PATH);

  const check = (bytes: Uint8Array, viaFile: boolean) => {
    const file = viaFile ? writeTemp(bytes, 'bin') : `fuzz-case-${fileCounter++}`;
    try {
      const model = viaFile ? loadSileroModel(file) : parseSileroModel(bytes, file);
      expect(model.weights.encoder.length).toBeGreaterThan(0);
    } catch (err) {
      expect(err).toBeInstanceOf(VadModelFileError);
      expectClearError(err, file);
    }
  };

  it('parses the untouched model', () => {
    expect(parseSileroModel(silero).header.modelType).toBe('silero-16k');
  });

  it('rejects random bytes clearly', () => {
    const start = silero.subarray(0, 18);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 256 }),
          fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.concat([start, b])),
        ),
        (b) => check(b, false),
      ),
      { numRuns: 1000 },
    );
  });

  it('quotes a damaged tensor name in the one-line message (a case the fuzzer found)', () => {
    // A tensor name overwritten with a line break and invalid UTF-8, then the file cut in its data.
    const damaged = mutate(silero, { cut: 166, flips: [], words: [{ at: 33, value: -956264950 }] });
    expect(() => parseSileroModel(damaged, 'damaged.bin')).toThrow(/^damaged\.bin is truncated: .*"_m\\n/);
    check(damaged, false);
  });

  it('rejects truncated and bit-flipped copies of the real model clearly', () => {
    // Header is ~30 int32s; flips there and in the first tensor records, plus anywhere in the file.
    fc.assert(
      fc.property(mutation(silero.length, 256), fc.boolean(), (m, viaFile) =>
        check(mutate(silero, m), viaFile),
      ),
      { numRuns: 600 },
    );
  });
});
