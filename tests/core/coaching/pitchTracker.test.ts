import { describe, expect, it } from 'vitest';
import {
  framesBetween,
  hzToSemitones,
  PitchTrackBuilder,
  trackPitch,
  trackPitchAsync,
} from '../../../src/core/coaching/pitchTracker';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { sharedAudio } from '../../helpers/fixtures';
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

describe('pitch track built as the audio arrives', () => {
  const speech = readWav16kMono(sharedAudio('jfk.wav')).samples;

  it.each([1600, 3201, 317])('equals the whole-audio track, fed in blocks of %d samples', (block) => {
    const builder = new PitchTrackBuilder();
    for (let at = 0; at < speech.length; at += block) {
      builder.push(speech.subarray(at, at + block));
      builder.advance(50);
    }
    expect(builder.frameCount).toBeGreaterThan(0);
    expect(builder.finish()).toEqual(trackPitch(speech));
  });

  it('holds only the audio of the frames still to compute, and its track is still exact', () => {
    const builder = new PitchTrackBuilder();
    const minute = Float32Array.from({ length: 6 * speech.length }, (_, i) => speech[i % speech.length]!);
    for (let at = 0; at < minute.length; at += 1600) {
      builder.push(minute.subarray(at, at + 1600));
      builder.advance();
      expect(builder.heldSec).toBeLessThan(0.2);
    }
    expect(builder.finish()).toEqual(trackPitch(minute));
    // Asked again (the provisional report, then Stop's), the track is the same.
    expect(builder.finish()).toEqual(trackPitch(minute));
  });

  it('leaves only the last frames to compute at the end', () => {
    const builder = new PitchTrackBuilder();
    builder.push(speech);
    builder.advance();
    const whole = trackPitch(speech).frames.length;
    expect(whole - builder.frameCount).toBeLessThanOrEqual(1);
  });
});

describe('framesBetween', () => {
  const frames = [0.1, 0.2, 0.3, 0.4].map((timeSec) => ({ timeSec }));
  it('finds the frames a filter over the span would find', () => {
    for (const [from, to] of [
      [0.2, 0.3],
      [0, 1],
      [0.25, 0.26],
      [0.4, 0.4],
    ] as const) {
      expect(framesBetween(frames, from, to)).toEqual(
        frames.filter((f) => f.timeSec >= from && f.timeSec <= to),
      );
      expect(framesBetween(frames, from, to, 'exclusive')).toEqual(
        frames.filter((f) => f.timeSec >= from && f.timeSec < to),
      );
    }
  });
});
