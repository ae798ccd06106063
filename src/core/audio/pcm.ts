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

/**
 * 16 kHz mono samples as the engine takes them (Float32 in [-1, 1)) or as they arrive (16-bit PCM, half
 * the memory). Code that accepts either must not depend on the scale (normalised measures) or must
 * convert with toFloat32.
 */
export type AudioSamples = Float32Array | Int16Array;

/** Float32 samples in [-1, 1): the same array if they already are, else a converted copy. */
export function toFloat32(samples: AudioSamples): Float32Array {
  return samples instanceof Float32Array ? samples : pcm16ToFloat32(samples);
}

/** Room is added in steps this size; only the samples written take memory. */
const GROW_SAMPLES = SAMPLE_RATE_HZ * 10;
/** What a buffer reserves unless told otherwise: half an hour, in address space, not memory. */
const DEFAULT_RESERVE_SEC = 30 * 60;

type SampleArrayKind<T extends AudioSamples> = {
  new (buffer: ArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * A growable sample buffer that grows in place: it lives in a resizable ArrayBuffer whose address
 * space is reserved up front, so appending 100 ms frames to a 10-minute answer neither copies it nor
 * holds twice its size while doubling, and an answer's memory stays its own length (issue #15). Past
 * the reservation it moves once into a reservation twice as large.
 */
class GrowingSamples<T extends AudioSamples> {
  private buffer: ArrayBuffer;
  /** Length-tracking: always as long as the buffer's usable room. */
  private data: T;
  private used = 0;

  /** `reserveSec`: how long the buffer can grow in place (recordings: an answer's longest). */
  constructor(
    private readonly kind: SampleArrayKind<T>,
    reserveSec: number,
  ) {
    this.buffer = new ArrayBuffer(0, { maxByteLength: secToSamples(reserveSec) * kind.BYTES_PER_ELEMENT });
    this.data = new kind(this.buffer);
  }

  get length(): number {
    return this.used;
  }

  /** Samples the buffer holds room for, written or not: what it may cost in memory. */
  get capacity(): number {
    return this.data.length;
  }

  append(samples: T): void {
    if (this.used + samples.length > this.data.length) this.grow(this.used + samples.length);
    this.data.set(samples, this.used);
    this.used += samples.length;
  }

  private grow(samples: number): void {
    const wanted = Math.ceil(samples / GROW_SAMPLES) * GROW_SAMPLES * this.kind.BYTES_PER_ELEMENT;
    if (wanted <= this.buffer.maxByteLength) {
      this.buffer.resize(wanted);
      return;
    }
    const moved = new ArrayBuffer(wanted, { maxByteLength: Math.max(wanted, this.buffer.maxByteLength * 2) });
    const data = new this.kind(moved);
    data.set(this.data.subarray(0, this.used));
    this.buffer = moved;
    this.data = data;
  }

  /** A view (not a copy) of samples [start, end). */
  view(start = 0, end = this.used): T {
    // subarray keeps the array's own type; TypeScript cannot see that through the union.
    return this.data.subarray(Math.max(0, start), Math.min(end, this.used)) as T;
  }

  /** Drops the first `count` samples. */
  dropFront(count: number): void {
    const n = Math.min(count, this.used);
    this.data.copyWithin(0, n, this.used);
    this.used -= n;
  }
}

/** Float32 samples, as the engine and the pitch tracker read them. */
export class SampleBuffer extends GrowingSamples<Float32Array> {
  constructor(reserveSec = DEFAULT_RESERVE_SEC) {
    super(Float32Array, reserveSec);
  }
}

/** 16-bit PCM as it arrives: a whole answer kept for the analysis at Stop in half the memory. */
export class Pcm16Buffer extends GrowingSamples<Int16Array> {
  constructor(reserveSec = DEFAULT_RESERVE_SEC) {
    super(Int16Array, reserveSec);
  }

  /** Samples [start, end) as Float32, a copy. */
  floats(start = 0, end = this.length): Float32Array {
    return pcm16ToFloat32(this.view(start, end));
  }
}
