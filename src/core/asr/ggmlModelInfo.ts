// Checks a whisper.cpp ggml model file before handing it to the native loader, which can crash
// or allocate wildly on a truncated or foreign file. Walks the header and every tensor record.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { whisperTensorShapes, type WhisperHparams } from './whisperTensors';

export const GGML_MAGIC = 0x67676d6c;
const HPARAM_COUNT = 11;
/**
 * Every Whisper model lists at least GPT-2's byte-pair vocabulary (ids 0–50255); whisper.cpp adds
 * the special tokens after it. A shorter list ("placeholder" vocabularies in broken conversions)
 * loads, then fails every pass when a decoded id has no text ("map::at").
 */
export const MIN_VOCAB_TOKENS = 50_256;
/** Whisper large has 32 blocks and a 1500-frame context; anything far beyond is a corrupt header. */
const MAX_LAYERS = 64;
const MAX_CONTEXT = 4096;
const inRange = (n: number, min: number, max: number): boolean => n >= min && n <= max;
/** Bytes per element for the tensor types whisper models use (f32, f16, q4_0, q4_1, q5_0, q5_1, q8_0). */
const TYPE_BLOCK: Record<number, { blockSize: number; bytesPerBlock: number; name: string }> = {
  0: { blockSize: 1, bytesPerBlock: 4, name: 'f32' },
  1: { blockSize: 1, bytesPerBlock: 2, name: 'f16' },
  2: { blockSize: 32, bytesPerBlock: 18, name: 'q4_0' },
  3: { blockSize: 32, bytesPerBlock: 20, name: 'q4_1' },
  6: { blockSize: 32, bytesPerBlock: 22, name: 'q5_0' },
  7: { blockSize: 32, bytesPerBlock: 24, name: 'q5_1' },
  8: { blockSize: 32, bytesPerBlock: 34, name: 'q8_0' },
};

export type GgmlModelInfo = {
  nVocab: number;
  nAudioState: number;
  nAudioLayer: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
  tensorCount: number;
  multilingual: boolean;
  /** A human name such as "tiny", "base" or "small", from the encoder width. */
  sizeName: string;
};

export class ModelFileError extends Error {}

const SIZE_BY_STATE: Record<number, string> = {
  384: 'tiny',
  512: 'base',
  768: 'small',
  1024: 'medium',
  1280: 'large',
};

class Reader {
  pos = 0;
  private readonly buf = Buffer.alloc(4096);
  constructor(
    private readonly fd: number,
    readonly size: number,
    private readonly path: string,
  ) {}

  bytes(n: number): Buffer {
    if (this.pos + n > this.size) throw new ModelFileError(`${this.path} is truncated (at byte ${this.pos})`);
    const out = n <= this.buf.length ? this.buf.subarray(0, n) : Buffer.alloc(n);
    readSync(this.fd, out, 0, n, this.pos);
    this.pos += n;
    return out;
  }
  i32(): number {
    return this.bytes(4).readInt32LE(0);
  }
  skip(n: number): void {
    // A corrupt size field can be negative or fractional; seeking by it would walk backwards (forever)
    // or hand readSync a position it rejects with a bare RangeError.
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new ModelFileError(`${this.path} is corrupt: a size field reads ${n} (at byte ${this.pos})`);
    }
    if (this.pos + n > this.size) throw new ModelFileError(`${this.path} is truncated (at byte ${this.pos})`);
    this.pos += n;
  }
}

export function readGgmlModelInfo(path: string): GgmlModelInfo {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new ModelFileError(`Cannot open model ${path}: ${(err as Error).message}`);
  }
  try {
    const r = new Reader(fd, fstatSync(fd).size, path);
    if (r.size < 64 || r.bytes(4).readUInt32LE(0) !== GGML_MAGIC) {
      throw new ModelFileError(`${path} is not a whisper.cpp ggml model (bad magic number)`);
    }
    const h = Array.from({ length: HPARAM_COUNT }, () => r.i32());
    const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype] =
      h as [number, number, number, number, number, number, number, number, number, number, number]; // prettier-ignore
    if (
      nVocab < 50_000 ||
      nVocab > 60_000 ||
      !(nMels === 80 || nMels === 128) ||
      !SIZE_BY_STATE[nAudioState] ||
      !inRange(nAudioLayer, 0, MAX_LAYERS) ||
      !inRange(nTextLayer, 0, MAX_LAYERS) ||
      !inRange(nAudioCtx, 1, MAX_CONTEXT) ||
      !inRange(nTextCtx, 1, MAX_CONTEXT) ||
      !SIZE_BY_STATE[nTextState]
    ) {
      throw new ModelFileError(
        `${path} has hyper-parameters no Whisper model has (vocab ${nVocab}, mels ${nMels}, width ${nAudioState}, layers ${nAudioLayer}/${nTextLayer})`,
      );
    }
    const hparams: WhisperHparams = {
      nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype,
    }; // prettier-ignore
    const filterMels = r.i32();
    const filterFft = r.i32();
    r.skip(filterMels * filterFft * 4);
    const vocabCount = r.i32();
    if (vocabCount < 0 || vocabCount > nVocab) throw new ModelFileError(`${path} has a corrupt vocabulary`);
    if (vocabCount < MIN_VOCAB_TOKENS) {
      throw new ModelFileError(
        `${path} has an incomplete vocabulary: ${vocabCount} tokens where a Whisper model lists at least ${MIN_VOCAB_TOKENS}. Download or convert the model again.`,
      );
    }
    for (let i = 0; i < vocabCount; i++) r.skip(r.bytes(4).readUInt32LE(0));
    const expected = new Map(whisperTensorShapes(hparams).map((t) => [t.name, t.ne]));
    const seen = new Set<string>();
    while (r.pos < r.size) {
      const at = r.pos;
      const nDims = r.i32();
      const nameLen = r.i32();
      const type = r.i32();
      const block = TYPE_BLOCK[type];
      if (nDims < 1 || nDims > 4 || nameLen < 1 || nameLen > 256 || !block) {
        throw new ModelFileError(`${path} has a corrupt tensor record at byte ${at}`);
      }
      const ne = Array.from({ length: nDims }, () => r.i32());
      const elements = ne.reduce((a, b) => a * b, 1);
      if (!(elements > 0) || elements % block.blockSize !== 0) {
        throw new ModelFileError(`${path} has a corrupt tensor record at byte ${at}`);
      }
      const name = r.bytes(nameLen).toString('utf8');
      const want = expected.get(name);
      if (!want)
        throw new ModelFileError(`${path} has a tensor no Whisper model has: ${JSON.stringify(name)}`);
      if (seen.has(name)) throw new ModelFileError(`${path} lists tensor "${name}" twice`);
      if (!sameShape(ne, want)) {
        throw new ModelFileError(
          `${path}: tensor "${name}" has shape [${ne.join(', ')}], a ${SIZE_BY_STATE[nAudioState]} model needs [${want.join(', ')}]`,
        );
      }
      seen.add(name);
      r.skip((elements / block.blockSize) * block.bytesPerBlock);
    }
    const missing = [...expected.keys()].filter((name) => !seen.has(name));
    if (missing.length > 0) {
      const more = missing.length > 1 ? ` and ${missing.length - 1} more` : '';
      throw new ModelFileError(
        `${path} is missing tensor "${missing[0]}"${more}: the file is incomplete or not a Whisper model`,
      );
    }
    const tensorCount = seen.size;
    return {
      nVocab,
      nAudioState,
      nAudioLayer,
      nTextLayer,
      nMels,
      ftype,
      tensorCount,
      multilingual: nVocab >= 51865,
      sizeName: SIZE_BY_STATE[nAudioState] ?? 'unknown',
    };
  } finally {
    closeSync(fd);
  }
}

/** ggml drops trailing 1-dimensions when it writes a tensor: [384, 1] and [384] are the same shape. */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const trim = (x: readonly number[]) => {
    const out = [...x];
    while (out.length > 1 && out.at(-1) === 1) out.pop();
    return out;
  };
  const [x, y] = [trim(a), trim(b)];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
