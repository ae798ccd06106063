// The Silero VAD v6 network in plain TypeScript: one 512-sample window (32 ms at 16 kHz) in, a speech
// probability out, with the LSTM state carried from window to window. The pipeline:
//   [64 samples of context | 512 new samples] → reflect-pad 64 on the right → 640 samples
//   → STFT as a strided conv with the model's windowed-DFT basis (256 taps, hop 128) → 4 frames × 129 bins
//   → magnitude → 4 Conv1d+ReLU layers (strides 1, 2, 2, 1; padding 1) → 1 × 128
//   → LSTM cell → ReLU → 1×1 conv → sigmoid.
// Every buffer is allocated once; the hot loops index Float32Arrays directly.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import { loadSileroModel, type SileroModel, VadModelFileError } from './sileroModel';

/**
 * How a window gets the samples left of it that the STFT's first frame needs.
 * - 'previous-window' (Silero's own runtimes): the last 64 samples of the previous window (zeros after
 *   reset) are prepended, and only the right edge is reflect-padded. What the network was trained for.
 * - 'reflect' (whisper.cpp's ggml graph): no carried context; the window is reflect-padded 64 samples on
 *   both sides. Gives whisper.cpp's probabilities, for comparison with it.
 */
export type FrameContextMode = 'previous-window' | 'reflect';

export type SileroVadOptions = { contextMode?: FrameContextMode };

/** Anything that turns fixed-size windows into speech probabilities, so the segmenter can be tested alone. */
export interface SpeechProbabilityModel {
  /** Samples per window (at 16 kHz). */
  readonly windowSamples: number;
  /** Speech probability in [0, 1] for the next window; advances the model's state. */
  process(frame: Float32Array): number;
  /** Forgets all state, as at the start of a new recording. */
  reset(): void;
}

// The architecture of silero-16k v5/v6. The file carries channel counts but not these.
export const VAD_WINDOW_SAMPLES = 512;
export const VAD_WINDOW_SEC = VAD_WINDOW_SAMPLES / SAMPLE_RATE_HZ;
const CONTEXT_SAMPLES = 64;
const STFT_HOP = 128;
const STFT_FRAMES = 4;
const ENCODER_STRIDES = [1, 2, 2, 1] as const;
const ENCODER_KERNEL = 3;
/** Every encoder conv pads one zero step on each side of the time axis. */
const ENCODER_PADDING = 1;
/** LSTM gate blocks in PyTorch order. */
const GATE_INPUT = 0;
const GATE_FORGET = 1;
const GATE_CELL = 2;
const GATE_OUTPUT = 3;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

type EncoderLayer = {
  inChannels: number;
  outChannels: number;
  stride: number;
  inLength: number;
  outLength: number;
  /** Repacked to [out][kernel][in] so the innermost loop walks both weights and input contiguously. */
  weight: Float32Array;
  bias: Float32Array;
  /**
   * Output, time-major [step][channel], with one zero step before and after (the next layer's padding),
   * so every output step's taps are one contiguous run of memory. Only the inner steps are ever written.
   */
  out: Float32Array;
};

function assertSupported(model: SileroModel): void {
  const h = model.header;
  const layers = h.encoderLayers;
  const problems: string[] = [];
  if (h.windowSize !== VAD_WINDOW_SAMPLES) {
    problems.push(`window ${h.windowSize} (expected ${VAD_WINDOW_SAMPLES})`);
  }
  if (h.contextSize !== CONTEXT_SAMPLES) {
    problems.push(`context ${h.contextSize} (expected ${CONTEXT_SAMPLES})`);
  }
  if (layers.length !== ENCODER_STRIDES.length) problems.push(`${layers.length} encoder layers`);
  if (model.weights.fftSize !== 2 * STFT_HOP) problems.push(`FFT size ${model.weights.fftSize}`);
  layers.forEach((l, i) => {
    if (l.kernelSize !== ENCODER_KERNEL) problems.push(`encoder ${i} kernel ${l.kernelSize}`);
    const prev = layers[i - 1];
    if (prev && prev.outChannels !== l.inChannels) problems.push(`encoder ${i} input ${l.inChannels}`);
  });
  if (layers.at(-1)?.outChannels !== h.lstmInputSize) problems.push(`LSTM input ${h.lstmInputSize}`);
  if (h.finalConvIn !== h.lstmHiddenSize || h.finalConvOut !== 1) {
    problems.push(`final conv ${h.finalConvIn}→${h.finalConvOut}`);
  }
  if (problems.length > 0) {
    throw new VadModelFileError(
      `${model.source} (Silero ${h.version}) has an architecture this detector does not implement: ${problems.join(', ')}`,
    );
  }
}

/** Where a matrix-vector product reads its weights: `cols` values from `offset` of every row of length `stride`. */
type WeightSpan = { w: Float32Array; stride: number; offset: number; cols: number };

/**
 * out[outOffset + r] = bias[r] + Σ_j w[r × stride + offset + j] · x[xOffset + j] for r < rows, j < cols.
 * Eight rows at a time: each x load feeds eight independent sums, so the multiply-adds pipeline instead of
 * each waiting on the previous one (measured ~10% faster than four rows; every layer has a multiple of 8).
 */
function matVec(
  { w, stride, offset, cols }: WeightSpan,
  bias: Float32Array,
  rows: number,
  x: Float32Array,
  xOffset: number,
  out: Float32Array,
  outOffset: number,
): void {
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    const w0 = r * stride + offset;
    const w1 = w0 + stride;
    const w2 = w1 + stride;
    const w3 = w2 + stride;
    const w4 = w3 + stride;
    const w5 = w4 + stride;
    const w6 = w5 + stride;
    const w7 = w6 + stride;
    let s0 = bias[r]!;
    let s1 = bias[r + 1]!;
    let s2 = bias[r + 2]!;
    let s3 = bias[r + 3]!;
    let s4 = bias[r + 4]!;
    let s5 = bias[r + 5]!;
    let s6 = bias[r + 6]!;
    let s7 = bias[r + 7]!;
    for (let j = 0; j < cols; j++) {
      const v = x[xOffset + j]!;
      s0 += w[w0 + j]! * v;
      s1 += w[w1 + j]! * v;
      s2 += w[w2 + j]! * v;
      s3 += w[w3 + j]! * v;
      s4 += w[w4 + j]! * v;
      s5 += w[w5 + j]! * v;
      s6 += w[w6 + j]! * v;
      s7 += w[w7 + j]! * v;
    }
    out[outOffset + r] = s0;
    out[outOffset + r + 1] = s1;
    out[outOffset + r + 2] = s2;
    out[outOffset + r + 3] = s3;
    out[outOffset + r + 4] = s4;
    out[outOffset + r + 5] = s5;
    out[outOffset + r + 6] = s6;
    out[outOffset + r + 7] = s7;
  }
  for (; r < rows; r++) {
    let sum = bias[r]!;
    const w0 = r * stride + offset;
    for (let j = 0; j < cols; j++) sum += w[w0 + j]! * x[xOffset + j]!;
    out[outOffset + r] = sum;
  }
}

/** Conv1d over time-major, zero-bordered input, then ReLU; see EncoderLayer.out for the layout. */
function convRelu(input: Float32Array, layer: EncoderLayer): void {
  const { inChannels: ic, outChannels: oc, stride, inLength, outLength, weight, bias, out } = layer;
  const rowLength = ENCODER_KERNEL * ic;
  for (let t = 0; t < outLength; t++) {
    // Output step t reads bordered input rows t×stride + k (k < kernel), contiguous in memory, so each
    // channel is one dot product of kernel × input channels. Taps on the zero border rows (0 and
    // inLength + 1) are skipped: with only 4, 2 and 1 steps per layer, they are a large share of the work.
    const first = t * stride;
    const kLo = Math.max(0, ENCODER_PADDING - first);
    const kHi = Math.min(ENCODER_KERNEL, inLength + ENCODER_PADDING - first);
    const span: WeightSpan = { w: weight, stride: rowLength, offset: kLo * ic, cols: (kHi - kLo) * ic };
    const outOffset = (t + 1) * oc;
    matVec(span, bias, oc, input, (first + kLo) * ic, out, outOffset);
    for (let o = outOffset; o < outOffset + oc; o++) if (out[o]! < 0) out[o] = 0;
  }
}

export class SileroVad implements SpeechProbabilityModel {
  readonly windowSamples = VAD_WINDOW_SAMPLES;
  readonly contextMode: FrameContextMode;
  readonly version: string;

  private readonly fftSize: number;
  private readonly bins: number;
  private readonly hidden: number;
  private readonly stftBasis: Float32Array;
  private readonly encoder: EncoderLayer[];
  private readonly lstmInput: number;
  /** weight_ih and weight_hh side by side: [4 × hidden][input + hidden], one pass per gate row. */
  private readonly lstmSpan: WeightSpan;
  /** bias_ih + bias_hh, summed once. */
  private readonly lstmBias: Float32Array;
  private readonly finalWeight: Float32Array;
  private readonly finalBias: number;

  /** [context | window | right padding] (or [left padding | window | right padding] in 'reflect' mode). */
  private readonly signal: Float32Array;
  /** Magnitude spectrum, time-major and zero-bordered like the encoder outputs. */
  private readonly spectrum: Float32Array;
  /** The last 64 samples of the previous window ('previous-window' mode). */
  private readonly context = new Float32Array(CONTEXT_SAMPLES);
  private readonly gates: Float32Array;
  /** [encoder output | h], the LSTM's combined input; h lives in its second half. */
  private readonly lstmIn: Float32Array;
  private readonly c: Float32Array;

  static load(path: string, options: SileroVadOptions = {}): SileroVad {
    return new SileroVad(loadSileroModel(path), options);
  }

  constructor(model: SileroModel, options: SileroVadOptions = {}) {
    assertSupported(model);
    const w = model.weights;
    this.contextMode = options.contextMode ?? 'previous-window';
    this.version = model.header.version;
    this.fftSize = w.fftSize;
    this.bins = w.bins;
    this.hidden = model.header.lstmHiddenSize;
    this.stftBasis = w.stftBasis;
    this.signal = new Float32Array((STFT_FRAMES - 1) * STFT_HOP + this.fftSize);
    this.spectrum = new Float32Array((STFT_FRAMES + 2) * this.bins);

    let length = STFT_FRAMES;
    this.encoder = w.encoder.map((layer, i) => {
      const { inChannels, outChannels, kernelSize } = layer.dims;
      const stride = ENCODER_STRIDES[i]!;
      const outLength = Math.floor((length + 2 * ENCODER_PADDING - kernelSize) / stride) + 1;
      const weight = new Float32Array(layer.weight.length);
      for (let o = 0; o < outChannels; o++) {
        for (let k = 0; k < kernelSize; k++) {
          for (let c = 0; c < inChannels; c++) {
            weight[(o * kernelSize + k) * inChannels + c] =
              layer.weight[(o * inChannels + c) * kernelSize + k]!;
          }
        }
      }
      const built: EncoderLayer = {
        inChannels,
        outChannels,
        stride,
        inLength: length,
        outLength,
        weight,
        bias: layer.bias,
        out: new Float32Array((outLength + 2) * outChannels),
      };
      length = outLength;
      return built;
    });
    if (length !== 1) {
      throw new VadModelFileError(`${model.source}: the encoder ends with ${length} steps, expected 1`);
    }

    const inputSize = model.header.lstmInputSize;
    const cols = inputSize + this.hidden;
    this.lstmInput = inputSize;
    const lstmWeight = new Float32Array(4 * this.hidden * cols);
    for (let g = 0; g < 4 * this.hidden; g++) {
      lstmWeight.set(w.lstmWeightIh.subarray(g * inputSize, (g + 1) * inputSize), g * cols);
      lstmWeight.set(w.lstmWeightHh.subarray(g * this.hidden, (g + 1) * this.hidden), g * cols + inputSize);
    }
    this.lstmSpan = { w: lstmWeight, stride: cols, offset: 0, cols };
    this.lstmBias = new Float32Array(4 * this.hidden);
    for (let i = 0; i < this.lstmBias.length; i++) this.lstmBias[i] = w.lstmBiasIh[i]! + w.lstmBiasHh[i]!;
    this.finalWeight = w.finalConvWeight;
    this.finalBias = w.finalConvBias[0]!;
    this.gates = new Float32Array(4 * this.hidden);
    this.lstmIn = new Float32Array(cols);
    this.c = new Float32Array(this.hidden);
  }

  reset(): void {
    this.lstmIn.fill(0);
    this.c.fill(0);
    this.context.fill(0);
  }

  /** Speech probability of one window of exactly 512 samples at 16 kHz. */
  process(frame: Float32Array): number {
    if (frame.length !== VAD_WINDOW_SAMPLES) {
      throw new RangeError(`SileroVad.process needs ${VAD_WINDOW_SAMPLES} samples, got ${frame.length}`);
    }
    this.fillSignal(frame);
    this.stft();
    let input = this.spectrum;
    for (const layer of this.encoder) {
      convRelu(input, layer);
      input = layer.out;
    }
    return this.lstmAndDecode(input);
  }

  /**
   * Probabilities of every window of a whole recording, from a fresh state; a last partial window is
   * zero-padded (as whisper.cpp does). Leaves the state after the last window.
   */
  probabilities(samples: Float32Array): Float32Array {
    this.reset();
    const n = Math.ceil(samples.length / VAD_WINDOW_SAMPLES);
    const out = new Float32Array(n);
    const tail = new Float32Array(VAD_WINDOW_SAMPLES);
    for (let i = 0; i < n; i++) {
      const start = i * VAD_WINDOW_SAMPLES;
      let frame = samples.subarray(start, start + VAD_WINDOW_SAMPLES);
      if (frame.length < VAD_WINDOW_SAMPLES) {
        tail.set(frame);
        frame = tail;
      }
      out[i] = this.process(frame);
    }
    return out;
  }

  private fillSignal(frame: Float32Array): void {
    const s = this.signal;
    const pad = (this.fftSize - STFT_HOP) / 2;
    let left: number;
    if (this.contextMode === 'previous-window') {
      left = CONTEXT_SAMPLES;
      s.set(this.context, 0);
      // Saved now for the next window; this one has already been copied in above.
      this.context.set(frame.subarray(VAD_WINDOW_SAMPLES - CONTEXT_SAMPLES));
    } else {
      left = pad;
      for (let i = 1; i <= pad; i++) s[left - i] = frame[i]!;
    }
    s.set(frame, left);
    // Reflection excludes the edge sample itself, as PyTorch's ReflectionPad1d and ggml_pad_reflect_1d do.
    const last = left + VAD_WINDOW_SAMPLES - 1;
    for (let i = 1; i <= pad; i++) s[last + i] = s[last - i]!;
  }

  private stft(): void {
    // Unrolled over the 4 frames so each basis coefficient is loaded once for 4 multiply-adds.
    const { signal: x, stftBasis: basis, fftSize, bins, spectrum } = this;
    const h1 = STFT_HOP;
    const h2 = 2 * STFT_HOP;
    const h3 = 3 * STFT_HOP;
    for (let k = 0; k < bins; k++) {
      const wr = k * fftSize;
      const wi = (k + bins) * fftSize;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      let r3 = 0;
      let i0 = 0;
      let i1 = 0;
      let i2 = 0;
      let i3 = 0;
      for (let t = 0; t < fftSize; t++) {
        const a = basis[wr + t]!;
        const b = basis[wi + t]!;
        const x0 = x[t]!;
        const x1 = x[t + h1]!;
        const x2 = x[t + h2]!;
        const x3 = x[t + h3]!;
        r0 += a * x0;
        r1 += a * x1;
        r2 += a * x2;
        r3 += a * x3;
        i0 += b * x0;
        i1 += b * x1;
        i2 += b * x2;
        i3 += b * x3;
      }
      spectrum[bins + k] = Math.sqrt(r0 * r0 + i0 * i0);
      spectrum[2 * bins + k] = Math.sqrt(r1 * r1 + i1 * i1);
      spectrum[3 * bins + k] = Math.sqrt(r2 * r2 + i2 * i2);
      spectrum[4 * bins + k] = Math.sqrt(r3 * r3 + i3 * i3);
    }
  }

  private lstmAndDecode(encoded: Float32Array): number {
    const { hidden, gates, c, lstmIn, lstmInput } = this;
    // The last encoder layer has a single step, at bordered row 1.
    lstmIn.set(encoded.subarray(lstmInput, 2 * lstmInput));
    matVec(this.lstmSpan, this.lstmBias, gates.length, lstmIn, 0, gates, 0);
    let logit = this.finalBias;
    for (let j = 0; j < hidden; j++) {
      const inGate = sigmoid(gates[GATE_INPUT * hidden + j]!);
      const forget = sigmoid(gates[GATE_FORGET * hidden + j]!);
      const cell = Math.tanh(gates[GATE_CELL * hidden + j]!);
      const outGate = sigmoid(gates[GATE_OUTPUT * hidden + j]!);
      const cj = forget * c[j]! + inGate * cell;
      c[j] = cj;
      const hj = outGate * Math.tanh(cj);
      lstmIn[lstmInput + j] = hj;
      // Decoder: ReLU, then the 1×1 conv is a dot product with the hidden state.
      if (hj > 0) logit += this.finalWeight[j]! * hj;
    }
    return sigmoid(logit);
  }
}
