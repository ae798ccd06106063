import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { repairWavHeader, WavWriter } from '../../../src/core/audio/wavWriter';
import { tempDir } from '../../helpers/fixtures';

describe('repairWavHeader', () => {
  it('recovers every whole sample a killed writer left behind, with a valid header', () => {
    const file = path.join(tempDir(), 'cut.wav');
    const writer = new WavWriter(file);
    writer.append(new Int16Array(16_000).fill(1000)); // 1 s, header still says 0 bytes
    appendFileSync(file, Buffer.from([7])); // half a sample, as a kill mid-write can leave
    // No close(): the process "died" here.
    expect(repairWavHeader(file)).toBeCloseTo(1, 5);
    expect(statSync(file).size).toBe(44 + 32_000);
    const { samples, info } = readWav16kMono(file);
    expect(info.durationSec).toBeCloseTo(1, 5);
    expect(samples[100]).toBeCloseTo(1000 / 32768, 6);
  });

  it('turns a file cut inside the header into an empty, valid WAV', () => {
    const file = path.join(tempDir(), 'stub.wav');
    appendFileSync(file, Buffer.from('RIFF'));
    expect(repairWavHeader(file)).toBe(0);
    expect(readWav16kMono(file).info.durationSec).toBe(0);
  });
});
