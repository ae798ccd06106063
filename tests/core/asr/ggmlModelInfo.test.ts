import {
  closeSync,
  copyFileSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ModelFileError, readGgmlModelInfo } from '../../../src/core/asr/ggmlModelInfo';
import { writeFakeGgmlModel } from '../../helpers/fakeGgmlModel';
import { tempDir } from '../../helpers/fixtures';

describe('readGgmlModelInfo', () => {
  const model = inject('syntheticModelPath');

  it('reads the synthetic tiny.en model as a tiny English model with every tensor', () => {
    const info = readGgmlModelInfo(model);
    expect(info).toMatchObject({
      nVocab: 51864,
      nAudioState: 384,
      nMels: 80,
      multilingual: false,
      sizeName: 'tiny',
    });
    expect(info.tensorCount).toBe(167);
  });

  it('rejects a truncated model with a clear message', () => {
    const p = path.join(tempDir(), 'ggml-truncated.bin');
    copyFileSync(model, p);
    truncateSync(p, Math.floor(statSync(p).size * 0.6));
    expect(() => readGgmlModelInfo(p)).toThrow(/truncated/);
  });

  it('rejects a file that is not a ggml model', () => {
    const p = path.join(tempDir(), 'ggml-fake.bin');
    writeFileSync(p, Buffer.alloc(4096, 7));
    expect(() => readGgmlModelInfo(p)).toThrow(ModelFileError);
    expect(() => readGgmlModelInfo(p)).toThrow(/not a whisper\.cpp ggml model/);
  });

  it('rejects corrupt hyper-parameters', () => {
    const p = path.join(tempDir(), 'ggml-badhp.bin');
    copyFileSync(model, p);
    const fd = openSync(p, 'r+');
    const bad = Buffer.alloc(4);
    bad.writeInt32LE(999, 0);
    writeSync(fd, bad, 0, 4, 4); // n_vocab
    closeSync(fd);
    expect(() => readGgmlModelInfo(p)).toThrow(/hyper-parameters/);
  });

  it('accepts a complete header-only model (the fixture the broken ones below start from)', () => {
    const p = writeFakeGgmlModel(path.join(tempDir(), 'ggml-base.en.bin'));
    expect(readGgmlModelInfo(p)).toMatchObject({ nAudioLayer: 0, tensorCount: 11, multilingual: false });
  });

  it('rejects an incomplete (placeholder) vocabulary, which would fail every pass with "map::at"', () => {
    const p = writeFakeGgmlModel(path.join(tempDir(), 'ggml-vocab.bin'), { damage: { vocabTokens: 3 } });
    expect(() => readGgmlModelInfo(p)).toThrow(
      /ggml-vocab\.bin has an incomplete vocabulary: 3 tokens where a Whisper model lists at least 50256/,
    );
  });

  it('rejects a model with a tensor missing, naming it', () => {
    const p = writeFakeGgmlModel(path.join(tempDir(), 'ggml-missing.bin'), {
      damage: { dropTensor: 'decoder.token_embedding.weight' },
    });
    expect(() => readGgmlModelInfo(p)).toThrow(/is missing tensor "decoder\.token_embedding\.weight"/);
  });

  it('rejects a mis-shaped tensor, with the shape it has and the one it needs', () => {
    const p = writeFakeGgmlModel(path.join(tempDir(), 'ggml-shape.bin'), {
      damage: { reshape: { name: 'encoder.conv1.weight', ne: [3, 128, 384] } },
    });
    expect(() => readGgmlModelInfo(p)).toThrow(
      /tensor "encoder\.conv1\.weight" has shape \[3, 128, 384\], a tiny model needs \[3, 80, 384\]/,
    );
  });

  it('rejects a tensor no Whisper model has', () => {
    const q = path.join(tempDir(), 'ggml-foreign.bin');
    copyFileSync(model, q);
    // Rename the first tensor ("encoder.positional_embedding") in place to a foreign name of equal length.
    const buf = Buffer.from('encoder.positional_embeddinX');
    const fd = openSync(q, 'r+');
    const at = findBytes(q, Buffer.from('encoder.positional_embedding'));
    writeSync(fd, buf, 0, buf.length, at);
    closeSync(fd);
    expect(() => readGgmlModelInfo(q)).toThrow(
      /has a tensor no Whisper model has: "encoder\.positional_embeddinX"/,
    );
  });

  it('reports a missing file', () => {
    expect(() => readGgmlModelInfo('/nonexistent/ggml-x.bin')).toThrow(/Cannot open model/);
  });
});

function findBytes(file: string, needle: Buffer): number {
  const at = readFileSync(file)
    .subarray(0, 8 << 20)
    .indexOf(needle);
  if (at < 0) throw new Error(`${needle.toString()} not found in ${file}`);
  return at;
}
