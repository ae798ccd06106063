// A model file that passes readGgmlModelInfo without being a 40 MB write: a real Whisper header
// (tiny's widths) with zero encoder and decoder blocks, a full-length vocabulary, and the 11 stem
// tensors with their real shapes, whose data is left as a hole in a sparse file. Whisper cannot run
// it; the model manager's checks, imports and listings only read headers, so they need nothing more.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { GGML_MAGIC, MIN_VOCAB_TOKENS } from '../../src/core/asr/ggmlModelInfo';
import { whisperTensorShapes, type WhisperHparams } from '../../src/core/asr/whisperTensors';

export const ENGLISH_VOCAB = 51864;
export const MULTILINGUAL_VOCAB = 51865;
/** whisper.cpp's ftype for a q5_1 file: GGML_FTYPE_MOSTLY_Q5_1 (9) + 1000 × quantisation version 1. */
export const FTYPE_Q5_1 = 1009;
const GGML_TYPE_F32 = 0;

const i32 = (...values: number[]): Buffer => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
  return b;
};

/** Ways to break the file, for the model check's tests. */
export type FakeModelDamage = {
  /** Vocabulary entries written (a full list has MIN_VOCAB_TOKENS). */
  vocabTokens?: number;
  /** A tensor left out. */
  dropTensor?: string;
  /** A tensor written with another shape. */
  reshape?: { name: string; ne: readonly number[] };
};

export function writeFakeGgmlModel(
  file: string,
  opts: { multilingual?: boolean; ftype?: number; damage?: FakeModelDamage } = {},
): string {
  const damage = opts.damage ?? {};
  const vocabTokens = damage.vocabTokens ?? MIN_VOCAB_TOKENS;
  const h: WhisperHparams = {
    nVocab: opts.multilingual ? MULTILINGUAL_VOCAB : ENGLISH_VOCAB,
    nAudioCtx: 1500,
    nAudioState: 384,
    nAudioHead: 6,
    nAudioLayer: 0,
    nTextCtx: 448,
    nTextState: 384,
    nTextHead: 6,
    nTextLayer: 0,
    nMels: 80,
    ftype: opts.ftype ?? 1,
  };
  const magic = Buffer.alloc(4);
  magic.writeUInt32LE(GGML_MAGIC, 0);
  const header = [
    magic,
    i32(h.nVocab, h.nAudioCtx, h.nAudioState, h.nAudioHead, h.nAudioLayer),
    i32(h.nTextCtx, h.nTextState, h.nTextHead, h.nTextLayer, h.nMels, h.ftype),
    i32(0, 0), // no mel filters
    i32(vocabTokens),
    ...Array.from({ length: vocabTokens }, (_, id) => {
      const text = Buffer.from(`t${id}`);
      return Buffer.concat([i32(text.length), text]);
    }),
  ];
  const fd = openSync(file, 'w');
  try {
    let pos = 0;
    const put = (b: Buffer) => {
      writeSync(fd, b, 0, b.length, pos);
      pos += b.length;
    };
    put(Buffer.concat(header));
    for (const tensor of whisperTensorShapes(h)) {
      const { name } = tensor;
      if (name === damage.dropTensor) continue;
      const ne = name === damage.reshape?.name ? damage.reshape.ne : tensor.ne;
      const nameBytes = Buffer.from(name);
      put(Buffer.concat([i32(ne.length, nameBytes.length, GGML_TYPE_F32, ...ne), nameBytes]));
      pos += ne.reduce((a, b) => a * b, 1) * 4; // f32 data: a hole, read back as zeros
    }
    ftruncateSync(fd, pos);
  } finally {
    closeSync(fd);
  }
  return file;
}
