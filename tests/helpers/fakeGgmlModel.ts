// A few hundred bytes that pass readGgmlModelInfo: a real Whisper header (tiny's widths) with zero
// encoder and decoder blocks, so only the 11 stem tensors, each one f32. Whisper cannot run it; the
// model manager's checks, imports and listings only read headers, so they need nothing bigger.
import { writeFileSync } from 'node:fs';
import { GGML_MAGIC } from '../../src/core/asr/ggmlModelInfo';

export const ENGLISH_VOCAB = 51864;
export const MULTILINGUAL_VOCAB = 51865;
/** whisper.cpp's ftype for a q5_1 file: GGML_FTYPE_MOSTLY_Q5_1 (9) + 1000 × quantisation version 1. */
export const FTYPE_Q5_1 = 1009;
const STEM_TENSORS = 7 + 4;

export function fakeGgmlModelBytes(opts: { multilingual?: boolean; ftype?: number } = {}): Buffer {
  const ints: number[] = [
    opts.multilingual ? MULTILINGUAL_VOCAB : ENGLISH_VOCAB,
    1500, // n_audio_ctx
    384, // n_audio_state (tiny)
    6, // n_audio_head
    0, // n_audio_layer
    448, // n_text_ctx
    384, // n_text_state
    6, // n_text_head
    0, // n_text_layer
    80, // n_mels
    opts.ftype ?? 1,
    0, // mel filters: n_mel
    0, // mel filters: n_fft
    0, // vocabulary entries in the file
  ];
  const parts: Buffer[] = [Buffer.alloc(4)];
  parts[0]!.writeUInt32LE(GGML_MAGIC, 0);
  for (const v of ints) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v, 0);
    parts.push(b);
  }
  for (let i = 0; i < STEM_TENSORS; i++) {
    const name = Buffer.from(`t${i}`);
    const head = Buffer.alloc(16);
    head.writeInt32LE(1, 0); // n_dims
    head.writeInt32LE(name.length, 4);
    head.writeInt32LE(0, 8); // f32
    head.writeInt32LE(1, 12); // one element
    parts.push(head, name, Buffer.alloc(4));
  }
  return Buffer.concat(parts);
}

export function writeFakeGgmlModel(
  file: string,
  opts: { multilingual?: boolean; ftype?: number } = {},
): string {
  writeFileSync(file, fakeGgmlModelBytes(opts));
  return file;
}
