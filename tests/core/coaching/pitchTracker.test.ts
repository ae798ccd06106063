import { describe, expect, it } from 'vitest';
import { hzToSemitones, trackPitch, trackPitchAsync } from '../../../src/core/coaching/pitchTracker';
import { concat, noise, silence, voiced } from './signals';

const voicedFrames = (samples: Float32Array) => trackPitch(samples).frames.filter((f) => f.f0Hz !== null);

describe('YIN pitch tracker', () => {
  it.each([85, 120, 180, 250, 350])('measures a steady %d Hz voice within 1%%', (hz) => {
    const frames = voicedFrames(voiced(1, () => hz));
    expect(frames.length).toBeGreaterThan(90);
    for (const f of frames) expect(Math.abs(f.f0Hz! / hz - 1)).toBeLessThan(0.01);
  });

  it('follows a gliding pitch', () => {
    const track = trackPitch(voiced(2, (t) => 100 + 50 * t));
    const at = (sec: number) => track.frames.find((f) => Math.abs(f.timeSec - sec) < 0.006)!.f0Hz!;
    expect(at(0.5)).toBeCloseTo(125, -1);
    expect(at(1.5)).toBeCloseTo(175, -1);
  });

  it('reports silence and noise as unvoiced, with their level', () => {
    const track = trackPitch(concat(silence(0.5), noise(0.5, 0.1)));
    expect(track.frames.every((f) => f.f0Hz === null)).toBe(true);
    const quiet = track.frames.filter((f) => f.timeSec < 0.4);
    const loud = track.frames.filter((f) => f.timeSec > 0.6);
    expect(Math.max(...quiet.map((f) => f.rmsDb))).toBeLessThan(-100);
    expect(Math.min(...loud.map((f) => f.rmsDb))).toBeGreaterThan(-30);
  });

  it('spaces frames by the hop and gives the same track asynchronously', async () => {
    const samples = concat(
      voiced(3, () => 150),
      silence(3),
    );
    const sync = trackPitch(samples);
    expect(sync.frames[1]!.timeSec - sync.frames[0]!.timeSec).toBeCloseTo(0.01);
    expect(sync.frames.length).toBeGreaterThan(590);
    expect(await trackPitchAsync(samples)).toEqual(sync);
  });

  it('converts to semitones relative to 100 Hz', () => {
    expect(hzToSemitones(100)).toBe(0);
    expect(hzToSemitones(200)).toBeCloseTo(12);
  });
});
