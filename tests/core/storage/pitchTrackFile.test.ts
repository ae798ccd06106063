// The pitch frames kept beside a recording for crash recovery: read back exactly as written, a record
// cut short by the crash dropped, nothing thrown when the disk refuses them.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { PitchTrackBuilder, trackPitch, trackPitchAfter } from '../../../src/core/coaching/pitchTracker';
import {
  PitchTrackAppender,
  pitchTrackPathFor,
  readPitchTrackFile,
  removePitchTrackFile,
} from '../../../src/core/storage/pitchTrackFile';
import { sharedAudio, tempDir } from '../../helpers/fixtures';

const speech = readWav16kMono(sharedAudio('jfk.wav')).samples;

describe('pitch track file', () => {
  it('reads back the frames written while recording, bit for bit, and recovery computes only the rest', () => {
    const file = path.join(tempDir('coach-pitch-'), 'answer.pitch');
    const appender = new PitchTrackAppender(file);
    const builder = new PitchTrackBuilder();
    let kept = 0;
    // 200 ms frames, as the app receives them; the process "dies" 6 s in.
    for (let at = 0; at < 6 * 16_000; at += 3200) {
      builder.push(speech.subarray(at, at + 3200));
      builder.advance();
      appender.append(builder.computed.slice(kept));
      kept = builder.frameCount;
    }
    appender.close();
    const read = readPitchTrackFile(file);
    expect(read.length).toBe(kept);
    expect(read.length).toBeGreaterThan(550);
    expect(read).toEqual(builder.computed);
    expect(read.some((f) => f.f0Hz !== null) && read.some((f) => f.f0Hz === null)).toBe(true);

    const audio = speech.subarray(0, 8 * 16_000);
    expect(trackPitchAfter(audio, read)).toEqual(trackPitch(audio));
  });

  it('drops a record cut short, stops at frames out of order, and reads nothing from a missing file', () => {
    const file = path.join(tempDir('coach-pitch-'), 'answer.pitch');
    const appender = new PitchTrackAppender(file);
    const frames = trackPitch(speech.subarray(0, 16_000)).frames;
    appender.append(frames);
    appender.close();
    appendFileSync(file, Buffer.alloc(13, 1));
    expect(readPitchTrackFile(file)).toEqual(frames);

    const bytes = readFileSync(file);
    const disordered = Buffer.concat([bytes.subarray(0, 32 * 10), bytes.subarray(0, 32)]);
    writeFileSync(file, disordered);
    expect(readPitchTrackFile(file)).toEqual(frames.slice(0, 10));

    expect(readPitchTrackFile(path.join(tempDir('coach-pitch-'), 'none.pitch'))).toEqual([]);
  });

  it('keeps quiet when the file cannot be written, and stops trying', () => {
    const lines: string[] = [];
    const file = path.join(tempDir('coach-pitch-'), 'no-such-dir', 'answer.pitch');
    const appender = new PitchTrackAppender(file, (line) => lines.push(line));
    const frames = trackPitch(speech.subarray(0, 16_000)).frames;
    expect(() => appender.append(frames)).not.toThrow();
    appender.append(frames);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/pitch track not kept for recovery/);
    expect(existsSync(file)).toBe(false);
  });

  it('sits beside the recording and is removed without complaint', () => {
    expect(pitchTrackPathFor('/data/audio/s/a.wav')).toBe('/data/audio/s/a.pitch');
    const file = path.join(tempDir('coach-pitch-'), 'answer.pitch');
    writeFileSync(file, '');
    removePitchTrackFile(file);
    expect(existsSync(file)).toBe(false);
    expect(() => removePitchTrackFile(file)).not.toThrow();
  });
});
