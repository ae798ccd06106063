// Reads whisper.cpp's ggml packaging of the Silero VAD network (ggml-silero-v6.2.0.bin) into plain
// Float32Arrays. Layout, as written by whisper.cpp's converter and read by its loader (all int32 LE):
//   magic "ggml" | type-string length, bytes ("silero-16k") | version major, minor, patch
//   | window size | context size | encoder layer count, then per layer: in, out, kernel
//   | LSTM input, hidden | final conv in, out
//   then tensor records until end of file: n_dims, name length, type (0 f32, 1 f16),
//   n_dims sizes (ggml order: innermost first), name, raw data.
// A ggml shape is PyTorch's shape reversed, so each tensor's data is PyTorch's row-major layout.
import { readFileSync } from 'node:fs';
import { GGML_MAGIC, ModelFileError } from '../asr/ggmlModelInfo';
import { decodeHalfArray } from './halfFloat';

export const SILERO_MODEL_TYPE = 'silero-16k';
export const SILERO_MODEL_FILE = 'ggml-silero-v6.2.0.bin';
export const SILERO_MODEL_URL = `https://huggingface.co/ggml-org/whisper-vad/resolve/main/${SILERO_MODEL_FILE}`;

const GGML_TYPE_F32 = 0;
const GGML_TYPE_F16 = 1;
const BYTES_PER_INT32 = 4;
/** ggml tensors have at most 4 dimensions; missing ones are 1. */
const GGML_MAX_DIMS = 4;
// Sanity bounds, so a foreign file fails with a clear message instead of a huge allocation.
const MAX_TYPE_STRING_BYTES = 64;
const MAX_TENSOR_NAME_BYTES = 256;
const MAX_ENCODER_LAYERS = 16;
const MAX_DIM = 1 << 16;

export const TENSOR_NAMES = {
  stftBasis: '_model.stft.forward_basis_buffer',
  encoderWeight: (i: number) => `_model.encoder.${i}.reparam_conv.weight`,
  encoderBias: (i: number) => `_model.encoder.${i}.reparam_conv.bias`,
  lstmWeightIh: '_model.decoder.rnn.weight_ih',
  lstmWeightHh: '_model.decoder.rnn.weight_hh',
  lstmBiasIh: '_model.decoder.rnn.bias_ih',
  lstmBiasHh: '_model.decoder.rnn.bias_hh',
  finalConvWeight: '_model.decoder.decoder.2.weight',
  finalConvBias: '_model.decoder.decoder.2.bias',
} as const;

/** A VAD model file that is missing, unreadable, truncated, or not a Silero VAD model. */
export class VadModelFileError extends ModelFileError {
  override name = 'VadModelFileError';
}

export type EncoderLayerDims = { inChannels: number; outChannels: number; kernelSize: number };

export type SileroHeader = {
  modelType: string;
  /** e.g. "6.2.0", the silero-vad release the weights come from. */
  version: string;
  windowSize: number;
  contextSize: number;
  encoderLayers: EncoderLayerDims[];
  lstmInputSize: number;
  lstmHiddenSize: number;
  finalConvIn: number;
  finalConvOut: number;
};

export type VadTensor = {
  name: string;
  /** How the tensor was stored in the file; `data` is always decoded to f32. */
  storedAs: 'f32' | 'f16';
  /** ggml order (innermost first), padded to 4 dimensions with 1s. */
  shape: [number, number, number, number];
  data: Float32Array;
};

export type EncoderLayerWeights = {
  dims: EncoderLayerDims;
  /** PyTorch Conv1d layout [out][in][kernel]. */
  weight: Float32Array;
  bias: Float32Array;
};

export type SileroWeights = {
  /** Windowed DFT basis as Conv1d weights [2 × bins][fftSize]: real rows, then imaginary rows. */
  stftBasis: Float32Array;
  fftSize: number;
  /** Frequency bins of the magnitude spectrum (fftSize / 2 + 1). */
  bins: number;
  encoder: EncoderLayerWeights[];
  /** [4 × hidden][input], gate rows in PyTorch's order: input, forget, cell, output. */
  lstmWeightIh: Float32Array;
  /** [4 × hidden][hidden], same gate order. */
  lstmWeightHh: Float32Array;
  lstmBiasIh: Float32Array;
  lstmBiasHh: Float32Array;
  /** 1×1 Conv1d [out][in]. */
  finalConvWeight: Float32Array;
  finalConvBias: Float32Array;
};

export type SileroModel = {
  header: SileroHeader;
  /** Every tensor, in file order. */
  tensors: VadTensor[];
  weights: SileroWeights;
  /** Where the model came from, for messages. */
  source: string;
};

class ByteReader {
  pos = 0;
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly source: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw new VadModelFileError(
        `${this.source} is truncated: it ends at byte ${this.bytes.length} while reading ${what} ` +
          `(${n} bytes needed at byte ${this.pos}). Download ${SILERO_MODEL_FILE} again.`,
      );
    }
  }

  i32(what: string): number {
    this.need(BYTES_PER_INT32, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += BYTES_PER_INT32;
    return v;
  }

  /** An int32 that must lie in [min, max]; anything else means the file is not what it claims. */
  dim(what: string, min = 1, max = MAX_DIM): number {
    const v = this.i32(what);
    if (v < min || v > max) throw this.foreign(`${what} is ${v}`);
    return v;
  }

  utf8(n: number, what: string): string {
    this.need(n, what);
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  foreign(detail: string): VadModelFileError {
    return new VadModelFileError(
      `${this.source} is not a Silero VAD model in whisper.cpp's ggml format (${detail}). ` +
        `Expected ${SILERO_MODEL_FILE} from ${SILERO_MODEL_URL}`,
    );
  }
}

function readHeader(r: ByteReader): SileroHeader {
  if (r.remaining === 0)
    throw new VadModelFileError(`${r.source} is empty. Download ${SILERO_MODEL_FILE} again.`);
  if (r.remaining < BYTES_PER_INT32 || r.i32('the magic number') !== GGML_MAGIC) {
    throw r.foreign('bad magic number');
  }
  // A Whisper speech model also starts with "ggml"; its next int32 is the vocabulary size (~51865),
  // which fails the length bound here rather than being read as a string.
  const typeLength = r.dim('the model type length', 1, MAX_TYPE_STRING_BYTES);
  const modelType = r.utf8(typeLength, 'the model type');
  // JSON-quoted: a foreign file's bytes may hold newlines or control characters, which would break
  // the one-line message.
  if (modelType !== SILERO_MODEL_TYPE) throw r.foreign(`model type ${JSON.stringify(modelType)}`);
  const major = r.dim('the major version', 0);
  const minor = r.dim('the minor version', 0);
  const patch = r.dim('the patch version', 0);
  const windowSize = r.dim('the window size');
  const contextSize = r.dim('the context size');
  const layerCount = r.dim('the encoder layer count', 1, MAX_ENCODER_LAYERS);
  const encoderLayers: EncoderLayerDims[] = [];
  for (let i = 0; i < layerCount; i++) {
    encoderLayers.push({
      inChannels: r.dim(`encoder layer ${i}'s input channels`),
      outChannels: r.dim(`encoder layer ${i}'s output channels`),
      kernelSize: r.dim(`encoder layer ${i}'s kernel size`),
    });
  }
  return {
    modelType,
    version: `${major}.${minor}.${patch}`,
    windowSize,
    contextSize,
    encoderLayers,
    lstmInputSize: r.dim('the LSTM input size'),
    lstmHiddenSize: r.dim('the LSTM hidden size'),
    finalConvIn: r.dim('the final conv input size'),
    finalConvOut: r.dim('the final conv output size'),
  };
}

type Shape4 = [number, number, number, number];
const shape4 = (...dims: number[]): Shape4 => {
  const s: Shape4 = [1, 1, 1, 1];
  dims.forEach((d, i) => (s[i] = d));
  return s;
};

/** The tensors the header promises, with their ggml shapes (as whisper.cpp's loader expects them). */
function expectedShapes(h: SileroHeader): Map<string, Shape4> {
  const first = h.encoderLayers[0];
  if (!first) throw new VadModelFileError('the model has no encoder layers');
  // The STFT's magnitude spectrum feeds the first encoder layer, so its input width is the bin count.
  const bins = first.inChannels;
  const fftSize = (bins - 1) * 2;
  const gates = 4 * h.lstmHiddenSize;
  const shapes = new Map<string, Shape4>();
  shapes.set(TENSOR_NAMES.stftBasis, shape4(fftSize, 1, 2 * bins));
  h.encoderLayers.forEach((l, i) => {
    shapes.set(TENSOR_NAMES.encoderWeight(i), shape4(l.kernelSize, l.inChannels, l.outChannels));
    shapes.set(TENSOR_NAMES.encoderBias(i), shape4(l.outChannels));
  });
  shapes.set(TENSOR_NAMES.lstmWeightIh, shape4(h.lstmInputSize, gates));
  shapes.set(TENSOR_NAMES.lstmWeightHh, shape4(h.lstmHiddenSize, gates));
  shapes.set(TENSOR_NAMES.lstmBiasIh, shape4(gates));
  shapes.set(TENSOR_NAMES.lstmBiasHh, shape4(gates));
  // The converter squeezes these, so the file stores [in] and a 0-dimensional scalar.
  shapes.set(TENSOR_NAMES.finalConvWeight, shape4(h.finalConvIn, h.finalConvOut));
  shapes.set(TENSOR_NAMES.finalConvBias, shape4(h.finalConvOut));
  return shapes;
}

function readTensor(r: ByteReader): VadTensor {
  const start = r.pos;
  const nDims = r.dim('a tensor dimension count', 0, GGML_MAX_DIMS);
  const nameLength = r.dim('a tensor name length', 1, MAX_TENSOR_NAME_BYTES);
  const type = r.i32('a tensor type');
  if (type !== GGML_TYPE_F32 && type !== GGML_TYPE_F16) {
    throw r.foreign(`tensor at byte ${start} has ggml type ${type}; only f32 (0) and f16 (1) are expected`);
  }
  const dims: number[] = [];
  for (let d = 0; d < nDims; d++) dims.push(r.dim(`a tensor size`));
  const shape = shape4(...dims);
  const name = r.utf8(nameLength, 'a tensor name');
  const count = shape[0] * shape[1] * shape[2] * shape[3];
  const bytesPerElement = type === GGML_TYPE_F32 ? 4 : 2;
  // Quoted: a damaged file's name may hold any bytes, line breaks included.
  r.need(count * bytesPerElement, `the data of tensor ${JSON.stringify(name)}`);
  let data: Float32Array;
  if (type === GGML_TYPE_F32) {
    // Copy: the file buffer's offset need not be 4-byte aligned, and the model must not pin it.
    data = new Float32Array(count);
    const view = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, count * 4);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
  } else {
    data = decodeHalfArray(r.bytes, r.pos, count);
  }
  r.pos += count * bytesPerElement;
  return { name, storedAs: type === GGML_TYPE_F32 ? 'f32' : 'f16', shape, data };
}

/** Parses a whole model file already in memory. `source` names it in error messages. */
export function parseSileroModel(bytes: Uint8Array, source = 'the VAD model'): SileroModel {
  const r = new ByteReader(bytes, source);
  const header = readHeader(r);
  const expected = expectedShapes(header);
  const tensors: VadTensor[] = [];
  const byName = new Map<string, VadTensor>();
  while (r.remaining > 0) {
    const t = readTensor(r);
    const want = expected.get(t.name);
    if (!want) throw r.foreign(`unknown tensor ${JSON.stringify(t.name)}`);
    if (byName.has(t.name)) throw r.foreign(`tensor "${t.name}" appears twice`);
    if (want.some((d, i) => d !== t.shape[i])) {
      throw r.foreign(`tensor "${t.name}" has shape [${t.shape.join(', ')}], expected [${want.join(', ')}]`);
    }
    tensors.push(t);
    byName.set(t.name, t);
  }
  const missing = [...expected.keys()].filter((n) => !byName.has(n));
  if (missing.length > 0) {
    throw new VadModelFileError(
      `${source} is incomplete: ${missing.length} tensor(s) missing (${missing.join(', ')}). ` +
        `Download ${SILERO_MODEL_FILE} again.`,
    );
  }
  const get = (name: string): Float32Array => byName.get(name)!.data;
  const bins = header.encoderLayers[0]!.inChannels;
  const weights: SileroWeights = {
    stftBasis: get(TENSOR_NAMES.stftBasis),
    fftSize: (bins - 1) * 2,
    bins,
    encoder: header.encoderLayers.map((dims, i) => ({
      dims,
      weight: get(TENSOR_NAMES.encoderWeight(i)),
      bias: get(TENSOR_NAMES.encoderBias(i)),
    })),
    lstmWeightIh: get(TENSOR_NAMES.lstmWeightIh),
    lstmWeightHh: get(TENSOR_NAMES.lstmWeightHh),
    lstmBiasIh: get(TENSOR_NAMES.lstmBiasIh),
    lstmBiasHh: get(TENSOR_NAMES.lstmBiasHh),
    finalConvWeight: get(TENSOR_NAMES.finalConvWeight),
    finalConvBias: get(TENSOR_NAMES.finalConvBias),
  };
  return { header, tensors, weights, source };
}

/** Reads and parses a model file, with an actionable message when it is missing or unreadable. */
export function loadSileroModel(path: string): SileroModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      throw new VadModelFileError(
        `VAD model not found at ${path}. Download ${SILERO_MODEL_FILE} from ${SILERO_MODEL_URL} into the models folder.`,
      );
    }
    if (e.code === 'EISDIR') throw new VadModelFileError(`VAD model path ${path} is a folder, not a file.`);
    throw new VadModelFileError(`Cannot read VAD model ${path}: ${e.message}`);
  }
  return parseSileroModel(bytes, path);
}
