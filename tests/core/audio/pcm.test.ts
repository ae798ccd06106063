import { describe, expect, it } from 'vitest';
import {
  float32ToPcm16,
  Pcm16Buffer,
  pcm16ToFloat32,
  rms,
  SampleBuffer,
  toFloat32,
} from '../../../src/core/audio/pcm';

describe('PCM conversion', () => {
  it('maps 16-bit extremes to [-1, 1) and back', () => {
    const ints = new Int16Array([-32768, -16384, 0, 16384, 32767]);
    const f = pcm16ToFloat32(ints.buffer);
    expect(Array.from(f)).toEqual([-1, -0.5, 0, 0.5, 32767 / 32768]);
    expect(Array.from(float32ToPcm16(f))).toEqual([-32768, -16384, 0, 16384, 32767]);
  });

  it('clips out-of-range floats instead of wrapping around', () => {
    expect(Array.from(float32ToPcm16(new Float32Array([1.5, -3, 1, -1])))).toEqual([
      32767, -32768, 32767, -32768,
    ]);
  });

  it('computes RMS', () => {
    expect(rms(new Float32Array([]))).toBe(0);
    expect(rms(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5);
  });
});

describe('SampleBuffer', () => {
  it('grows, views and drops from the front without losing samples', () => {
    const b = new SampleBuffer();
    const chunk = new Float32Array(16_000 * 20).map((_, i) => i);
    b.append(chunk);
    b.append(chunk); // 40 s: beyond the initial 30 s capacity
    expect(b.length).toBe(640_000);
    expect(b.view(319_999, 320_001)).toEqual(new Float32Array([319_999, 0]));
    b.dropFront(100);
    expect(b.length).toBe(639_900);
    expect(b.view()[0]).toBe(100);
  });

  it('grows in place within its reservation, never holding much more room than samples', () => {
    const b = new SampleBuffer(60);
    const second = new Float32Array(16_000).fill(0.5);
    b.append(second);
    const first = b.view();
    for (let s = 1; s < 55; s++) b.append(second);
    // The same memory, not a copy twice the size: a 10-minute answer costs its own length.
    expect(b.view().buffer).toBe(first.buffer);
    expect(b.capacity - b.length).toBeLessThanOrEqual(16_000 * 10);
    expect(b.capacity).toBeLessThanOrEqual(16_000 * 60);
  });

  it('moves once past its reservation and keeps every sample', () => {
    const b = new SampleBuffer(20);
    const chunk = new Float32Array(16_000 * 15).map((_, i) => i);
    b.append(chunk);
    const before = b.view().buffer;
    b.append(chunk);
    expect(b.view().buffer).not.toBe(before);
    expect(b.length).toBe(480_000);
    expect(b.view(239_999, 240_001)).toEqual(new Float32Array([239_999, 0]));
    b.append(chunk);
    expect(b.view(0, 3)).toEqual(new Float32Array([0, 1, 2]));
  });
});

describe('Pcm16Buffer', () => {
  it('keeps 16-bit samples in half the memory, growing in place, and gives Float32 copies on request', () => {
    const b = new Pcm16Buffer(60);
    const second = new Int16Array(16_000).map((_, i) => (i % 2 === 0 ? 16384 : -32768));
    b.append(second);
    const first = b.view();
    for (let s = 1; s < 55; s++) b.append(second);
    expect(b.view().buffer).toBe(first.buffer);
    expect(b.view().buffer.byteLength).toBeLessThanOrEqual(16_000 * 60 * 2);
    expect(b.length).toBe(16_000 * 55);
    const floats = b.floats(16_000, 16_004);
    expect(Array.from(floats)).toEqual([0.5, -1, 0.5, -1]);
    floats[0] = 0;
    expect(b.view(16_000, 16_001)[0]).toBe(16384);
  });

  it('converts to Float32 only when the samples are not already', () => {
    const f = new Float32Array([0.25]);
    expect(toFloat32(f)).toBe(f);
    expect(Array.from(toFloat32(new Int16Array([8192])))).toEqual([0.25]);
  });
});
