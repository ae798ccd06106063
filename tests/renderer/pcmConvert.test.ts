import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES } from '../../src/shared/audioFormat';
import {
  Pcm16Framer,
  Resampler,
  float32ToInt16,
  floatToInt16,
  type Pcm16Frame,
} from '../../src/renderer/src/audio/pcmConvert';

function sine(frequencyHz: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < out.length; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
  return out;
}

/** Feeds `input` through a resampler in blocks of the given sizes (cycled); returns all output. */
function resampleInBlocks(resampler: Resampler, input: Float32Array, blockSizes: number[]): Float32Array {
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (let b = 0; offset < input.length; b++) {
    const size = blockSizes[b % blockSizes.length]!;
    chunks.push(resampler.processAll(input.subarray(offset, offset + size)));
    offset += size;
  }
  const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Frequency from upward zero crossings, measured away from the filter's warm-up. */
function estimateFrequency(signal: Float32Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < signal.length; i++) {
    const a = signal[i - 1]!;
    const b = signal[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const first = crossings[2]!;
  const last = crossings[crossings.length - 1]!;
  return ((crossings.length - 3) * sampleRate) / (last - first);
}

function rms(signal: Float32Array): number {
  let sum = 0;
  for (const s of signal) sum += s * s;
  return Math.sqrt(sum / signal.length);
}

describe('float → 16-bit PCM', () => {
  it('scales full range and clips anything louder', () => {
    expect(floatToInt16(0)).toBe(0);
    expect(floatToInt16(1)).toBe(32767);
    expect(floatToInt16(-1)).toBe(-32768);
    expect(floatToInt16(1.7)).toBe(32767);
    expect(floatToInt16(-3)).toBe(-32768);
    expect(floatToInt16(0.5)).toBe(16384);
    expect(floatToInt16(Number.NaN)).toBe(0);
  });

  it('converts whole arrays', () => {
    expect([...float32ToInt16(Float32Array.of(0, 2, -2, -0.25))]).toEqual([0, 32767, -32768, -8192]);
  });
});

describe('Resampler', () => {
  it('turns one second at 48 kHz into exactly one second at 16 kHz, in 128-sample blocks', () => {
    const out = resampleInBlocks(new Resampler(48_000), sine(440, 48_000, 1), [128]);
    expect(out.length).toBe(16_000);
  });

  it('keeps a 440 Hz sine at 440 Hz and at the same amplitude', () => {
    const out = resampleInBlocks(new Resampler(48_000), sine(440, 48_000, 1, 0.5), [128]);
    const settled = out.subarray(200);
    expect(estimateFrequency(settled, 16_000)).toBeCloseTo(440, 0);
    expect(rms(settled) * Math.SQRT2).toBeCloseTo(0.5, 2);
  });

  it('removes content above the new Nyquist frequency instead of folding it down', () => {
    // 12 kHz would alias to 4 kHz with naive decimation.
    const out = resampleInBlocks(new Resampler(48_000), sine(12_000, 48_000, 0.5, 0.5), [128]);
    expect(rms(out.subarray(200))).toBeLessThan(0.005);
  });

  it('carries the fractional position across blocks: 44.1 kHz in odd blocks gives the exact count', () => {
    const input = sine(440, 44_100, 2);
    const whole = new Resampler(44_100).processAll(input);
    const blocked = resampleInBlocks(new Resampler(44_100), input, [128, 37, 1, 500, 3]);
    expect(whole.length).toBe(32_000);
    expect(blocked.length).toBe(32_000);
    for (let i = 0; i < whole.length; i++) expect(blocked[i]).toBeCloseTo(whole[i]!, 5);
    expect(estimateFrequency(blocked.subarray(200), 16_000)).toBeCloseTo(440, 0);
  });

  it('passes 16 kHz through unchanged', () => {
    const input = sine(440, 16_000, 0.1);
    const out = resampleInBlocks(new Resampler(16_000), input, [128]);
    expect(out.length).toBe(input.length);
    expect(out[37]).toBeCloseTo(input[37]!, 6);
  });
});

describe('Pcm16Framer', () => {
  it('emits 200 ms frames of 3,200 samples with their level, and flushes the remainder', () => {
    const frames: Pcm16Frame[] = [];
    const framer = new Pcm16Framer((f) => frames.push(f));
    const signal = new Float32Array(FRAME_SAMPLES * 2 + 100).fill(0.5);
    for (let i = 0; i < signal.length; i += 128) framer.push(signal.subarray(i, i + 128));
    expect(frames.map((f) => f.pcm16.length)).toEqual([3200, 3200]);
    expect(frames[0]!.pcm16.buffer.byteLength).toBe(6400);
    expect(frames[0]!.rms).toBeCloseTo(0.5, 5);
    expect(frames[0]!.peak).toBeCloseTo(0.5, 5);
    expect(frames[0]!.pcm16).not.toBe(frames[1]!.pcm16);

    framer.flush();
    expect(frames[2]!.pcm16.length).toBe(100);
    expect(frames[2]!.pcm16.buffer.byteLength).toBe(200);
  });
});
