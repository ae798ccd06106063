// Pure PCM helpers used by the recorder worklet (and unit-tested in jsdom): float → 16-bit with clipping,
// a stateful low-pass resampler to 16 kHz, and a framer that cuts the stream into 200 ms frames.

import { FRAME_SAMPLES, SAMPLE_RATE_HZ } from '../../../shared/audioFormat';

/** Anti-aliasing cutoff as a fraction of the output Nyquist frequency (7.2 kHz for 16 kHz output). */
const CUTOFF_FRACTION_OF_NYQUIST = 0.9;
/** Half the low-pass length in input samples, per unit of decimation ratio (48 kHz → 48 each side, 97 taps). */
const HALF_TAPS_PER_RATIO = 16;

const INT16_MAX = 0x7fff;
const INT16_MIN_ABS = 0x8000;

/** One float sample in [-1, 1] to a 16-bit integer; louder samples are clipped, NaN becomes silence. */
export function floatToInt16(sample: number): number {
  if (!(sample === sample)) return 0;
  const clipped = sample > 1 ? 1 : sample < -1 ? -1 : sample;
  return clipped < 0 ? Math.round(clipped * INT16_MIN_ABS) : Math.round(clipped * INT16_MAX);
}

export function float32ToInt16(input: Float32Array, output = new Int16Array(input.length)): Int16Array {
  const count = Math.min(input.length, output.length);
  for (let i = 0; i < count; i++) output[i] = floatToInt16(input[i]!);
  return output;
}

/** A linear-phase windowed-sinc low-pass (Hamming window), normalised to unity gain at DC. */
export function lowPassKernel(cutoffCyclesPerSample: number, halfLength: number): Float32Array {
  const length = 2 * halfLength + 1;
  const kernel = new Float32Array(length);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const n = i - halfLength;
    const sinc =
      n === 0 ? 2 * cutoffCyclesPerSample : Math.sin(2 * Math.PI * cutoffCyclesPerSample * n) / (Math.PI * n);
    const window = length === 1 ? 1 : 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (length - 1));
    kernel[i] = sinc * window;
    sum += sinc * window;
  }
  for (let i = 0; i < length; i++) kernel[i] = kernel[i]! / sum;
  return kernel;
}

/**
 * Streams audio from any integer sample rate to `outputRate`: low-pass filters at the input rate (when
 * downsampling), then reads the filtered signal at the output instants with linear interpolation.
 * The read position is kept as an exact integer fraction and carried across blocks, so the number of
 * output samples never depends on how the input was split into blocks.
 */
export class Resampler {
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly kernel: Float32Array;
  /** The previous `kernel.length` input samples live at the start of `work`, the current block after them. */
  private work: Float32Array;
  /** Next output instant relative to the next block's first sample, in units of 1/outputRate input samples. */
  private nextPosition = 0;

  constructor(inputRate: number, outputRate = SAMPLE_RATE_HZ) {
    if (!Number.isInteger(inputRate) || !Number.isInteger(outputRate) || inputRate <= 0 || outputRate <= 0) {
      throw new RangeError(`sample rates must be positive integers (got ${inputRate} → ${outputRate})`);
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const ratio = inputRate / outputRate;
    this.kernel =
      ratio > 1
        ? lowPassKernel(
            (CUTOFF_FRACTION_OF_NYQUIST * outputRate) / 2 / inputRate,
            Math.round(HALF_TAPS_PER_RATIO * ratio),
          )
        : Float32Array.of(1);
    this.work = new Float32Array(this.kernel.length + 128);
  }

  /** An upper bound on the samples `process` writes for an input block of this length. */
  maxOutputLength(inputLength: number): number {
    return Math.ceil((inputLength * this.outputRate) / this.inputRate) + 1;
  }

  /** Resamples one block into `output` (at least `maxOutputLength(input.length)` long); returns the count written. */
  process(input: Float32Array, output: Float32Array): number {
    const blockLength = input.length;
    const historyLength = this.kernel.length;
    if (this.work.length < historyLength + blockLength) {
      const grown = new Float32Array(historyLength + blockLength);
      grown.set(this.work.subarray(0, historyLength));
      this.work = grown;
    }
    this.work.set(input, historyLength);

    const { inputRate, outputRate } = this;
    const lastIndex = blockLength - 1;
    let written = 0;
    for (;;) {
      const index = Math.floor(this.nextPosition / outputRate);
      const remainder = this.nextPosition - index * outputRate;
      // The instant must lie within this block (index -1 is the previous block's last sample).
      if (remainder === 0 ? index > lastIndex : index + 1 > lastIndex) break;
      let value = this.filteredAt(historyLength + index);
      if (remainder !== 0) {
        value += (this.filteredAt(historyLength + index + 1) - value) * (remainder / outputRate);
      }
      output[written++] = value;
      this.nextPosition += inputRate;
    }
    this.nextPosition -= blockLength * outputRate;
    this.work.copyWithin(0, blockLength, blockLength + historyLength);
    return written;
  }

  /** Convenience for tests and offline use: resamples a whole block into a new array. */
  processAll(input: Float32Array): Float32Array {
    const output = new Float32Array(this.maxOutputLength(input.length));
    return output.slice(0, this.process(input, output));
  }

  /** The low-passed signal at `work[newest]`, from that sample and the `kernel.length - 1` before it. */
  private filteredAt(newest: number): number {
    const { kernel, work } = this;
    let acc = 0;
    for (let k = 0, j = newest; k < kernel.length; k++, j--) acc += kernel[k]! * work[j]!;
    return acc;
  }
}

export type PcmLevel = {
  /** Root mean square of the frame, 0–1. */
  rms: number;
  /** Largest absolute sample of the frame, 0–1. */
  peak: number;
};

export type Pcm16Frame = PcmLevel & { pcm16: Int16Array };

/** Collects 16 kHz float samples into fixed-size 16-bit frames; hands each full frame to `onFrame`. */
export class Pcm16Framer {
  private frame: Int16Array;
  private filled = 0;
  private sumSquares = 0;
  private peak = 0;

  constructor(
    private readonly onFrame: (frame: Pcm16Frame) => void,
    private readonly frameSamples = FRAME_SAMPLES,
  ) {
    this.frame = new Int16Array(frameSamples);
  }

  push(samples: Float32Array, count = samples.length): void {
    for (let i = 0; i < count; i++) {
      const sample = samples[i]!;
      const clipped = sample > 1 ? 1 : sample < -1 ? -1 : sample === sample ? sample : 0;
      this.frame[this.filled++] = floatToInt16(clipped);
      this.sumSquares += clipped * clipped;
      const magnitude = Math.abs(clipped);
      if (magnitude > this.peak) this.peak = magnitude;
      if (this.filled === this.frameSamples) this.emit(this.frame);
    }
  }

  /** Emits the partly filled last frame, if any, so the end of an answer is not lost. */
  flush(): void {
    if (this.filled > 0) this.emit(this.frame.slice(0, this.filled));
  }

  private emit(pcm16: Int16Array): void {
    const rms = Math.sqrt(this.sumSquares / this.filled);
    const peak = this.peak;
    // The receiver takes ownership of the buffer (it is transferred), so start a fresh one.
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
    this.sumSquares = 0;
    this.peak = 0;
    this.onFrame({ pcm16, rms, peak });
  }
}
