import { copyFileSync, openSync, writeSync, closeSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ModelFileError, readGgmlModelInfo } from '../../../src/core/asr/ggmlModelInfo';
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

  it('reports a missing file', () => {
    expect(() => readGgmlModelInfo('/nonexistent/ggml-x.bin')).toThrow(/Cannot open model/);
  });
});
