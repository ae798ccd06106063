// Shared helpers for the VAD tests: the real model's path, generated audio, a scripted probability
// source for the segmenter's rules, and a writer for hand-made ggml VAD files.
import { SAMPLE_RATE_HZ } from '../../../src/shared/audioFormat';
import type { SileroHeader, VadTensor } from '../../../src/core/vad/sileroModel';
import type { SpeechProbabilityModel } from '../../../src/core/vad/sileroVad';
import { SILERO_MODEL_PATH } from '../../../scripts/sharedAssets';

/** whisper.cpp's Silero VAD v6.2.0 (real weights), shared by every checkout on this machine and CI. */
export const VAD_MODEL_PATH = SILERO_MODEL_PATH;

export const secToSamples = (sec: number): number => Math.round(sec * SAMPLE_RATE_HZ);

/** Uniform white noise with the given peak amplitude, from a fixed-seed generator (repeatable). */
export function whiteNoise(seconds: number, peak: number, seed = 12345): Float32Array {
  const out = new Float32Array(secToSamples(seconds));
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    // Numerical Recipes' LCG: plenty for noise, and the same on every machine.
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = peak * ((state / 0x100000000) * 2 - 1);
  }
  return out;
}

/**
 * Inserts `gapSec` of `filler` (digital silence by default) at each cut point (seconds of the original)
 * and returns the new audio with where each inserted gap lies in it.
 */
export function spliceGaps(
  samples: Float32Array,
  cutsSec: number[],
  gapSec: number,
  filler: (length: number) => Float32Array = (n) => new Float32Array(n),
): { audio: Float32Array; gaps: { startSec: number; endSec: number }[] } {
  const gap = secToSamples(gapSec);
  const audio = new Float32Array(samples.length + gap * cutsSec.length);
  const gaps: { startSec: number; endSec: number }[] = [];
  let src = 0;
  let dst = 0;
  for (const cut of cutsSec) {
    const at = secToSamples(cut);
    audio.set(samples.subarray(src, at), dst);
    dst += at - src;
    src = at;
    audio.set(filler(gap), dst);
    gaps.push({ startSec: dst / SAMPLE_RATE_HZ, endSec: (dst + gap) / SAMPLE_RATE_HZ });
    dst += gap;
  }
  audio.set(samples.subarray(src), dst);
  return { audio, gaps };
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Replays a fixed list of per-window probabilities (0 once it runs out), to test the segmenter alone. */
export class ScriptedModel implements SpeechProbabilityModel {
  readonly windowSamples = 512;
  private next = 0;
  constructor(private readonly probabilities: number[]) {}
  process(frame: Float32Array): number {
    if (frame.length !== this.windowSamples) throw new Error(`bad frame length ${frame.length}`);
    return this.probabilities[this.next++] ?? 0;
  }
  reset(): void {
    this.next = 0;
  }
}

/** `count` windows of probability `p`, for building scripts. */
export const windows = (count: number, p: number): number[] => Array.from({ length: count }, () => p);

/** Writes a ggml VAD file the way whisper.cpp's converter does, storing each tensor as asked. */
export function writeVadGgml(
  header: SileroHeader,
  tensors: { name: string; dims: number[]; storeAs: 'f32' | 'f16'; data: Float32Array }[],
): Uint8Array {
  const chunks: Buffer[] = [];
  const i32 = (...values: number[]): void => {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    chunks.push(b);
  };
  i32(0x67676d6c);
  const type = Buffer.from(header.modelType, 'utf8');
  i32(type.length);
  chunks.push(type);
  i32(...header.version.split('.').map(Number));
  i32(header.windowSize, header.contextSize, header.encoderLayers.length);
  for (const l of header.encoderLayers) i32(l.inChannels, l.outChannels, l.kernelSize);
  i32(header.lstmInputSize, header.lstmHiddenSize, header.finalConvIn, header.finalConvOut);
  for (const t of tensors) {
    const name = Buffer.from(t.name, 'utf8');
    i32(t.dims.length, name.length, t.storeAs === 'f32' ? 0 : 1, ...t.dims);
    chunks.push(name);
    const data = Buffer.alloc(t.data.length * (t.storeAs === 'f32' ? 4 : 2));
    t.data.forEach((v, i) => {
      if (t.storeAs === 'f32') data.writeFloatLE(v, 4 * i);
      else data.writeUInt16LE(floatToHalf(v), 2 * i);
    });
    chunks.push(data);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Round-to-nearest-even float → half, enough for re-encoding values that were halves to begin with. */
export function floatToHalf(value: number): number {
  const f = new Float32Array([value]);
  const bits = new Uint32Array(f.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    const m = (mantissa | 0x800000) >> (1 - exponent);
    return sign | ((m + 0x1000) >> 13);
  }
  const rounded = (exponent << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  return sign | (rest > 0x1000 || (rest === 0x1000 && rounded & 1) ? rounded + 1 : rounded);
}

/** The tensor records of a parsed model, ready for writeVadGgml (dims as the file stored them). */
export function tensorRecords(
  tensors: VadTensor[],
  storeAs: (t: VadTensor) => 'f32' | 'f16' = (t) => t.storedAs,
): { name: string; dims: number[]; storeAs: 'f32' | 'f16'; data: Float32Array }[] {
  return tensors.map((t) => {
    // Trailing 1s are padding, except that a scalar still has zero dimensions in the file.
    const dims = [...t.shape];
    while (dims.length > 0 && dims[dims.length - 1] === 1) dims.pop();
    return { name: t.name, dims, storeAs: storeAs(t), data: t.data };
  });
}
