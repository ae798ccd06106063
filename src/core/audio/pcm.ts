// Conversions within the one audio format (src/shared/audioFormat.ts): Float32 for the engine,
// 16-bit little-endian PCM on the wire and on disk.
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

/** Converts 16-bit PCM (little-endian, as sent over IPC) to Float32 samples in [-1, 1). */
export function pcm16ToFloat32(pcm16: ArrayBuffer | Int16Array): Float32Array {
  const ints = pcm16 instanceof Int16Array ? pcm16 : new Int16Array(pcm16);
  const out = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) out[i] = ints[i]! / 32768;
  return out;
}

/** Converts Float32 samples to 16-bit PCM, clipping anything outside [-1, 1]. */
export function float32ToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    // The inverse of pcm16ToFloat32, so a round trip is lossless; +1.0 clips to the largest sample.
    out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
  }
  return out;
}

/** Root-mean-square level of a block of samples (0 for an empty block). */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}

export const samplesToSec = (n: number): number => n / SAMPLE_RATE_HZ;
export const secToSamples = (sec: number): number => Math.round(sec * SAMPLE_RATE_HZ);

/** A growable Float32 buffer, so appending 100 ms frames does not copy the whole answer each time. */
export class SampleBuffer {
  private data = new Float32Array(SAMPLE_RATE_HZ * 30);
  private used = 0;

  get length(): number {
    return this.used;
  }

  /** Samples allocated, used or not: what the buffer costs in memory (× 4 bytes). */
  get capacity(): number {
    return this.data.length;
  }

  append(samples: Float32Array): void {
    if (this.used + samples.length > this.data.length) {
      const next = new Float32Array(Math.max(this.data.length * 2, this.used + samples.length));
      next.set(this.data.subarray(0, this.used));
      this.data = next;
    }
    this.data.set(samples, this.used);
    this.used += samples.length;
  }

  /** A view (not a copy) of samples [start, end). */
  view(start = 0, end = this.used): Float32Array {
    return this.data.subarray(Math.max(0, start), Math.min(end, this.used));
  }

  /** Drops the first `count` samples. */
  dropFront(count: number): void {
    const n = Math.min(count, this.used);
    this.data.copyWithin(0, n, this.used);
    this.used -= n;
  }
}
