// Uploads that decode to far more than they weigh (decode bombs) are refused before they are decoded,
// and the server process stays within +100 MB of resident memory. Measured on `coach serve` as a
// separate process (its /proc RSS), so the test runner's own memory does not count. Memory, not time.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ffmpegPath } from '../../src/core/audio/decodeFile';
import { tempDir } from '../helpers/fixtures';
import { peakRssDuring, rssBytes, startServeProcess, type ServeProcess } from '../helpers/coachServeProcess';

const model = inject('syntheticModelPath');
const MIB = 1024 * 1024;
const RSS_BUDGET_BYTES = 100 * MIB;

type Refusal = { error: { code: string; message: string } };

describe('upload decoding is bounded in memory', () => {
  let served: ServeProcess;
  const dir = tempDir('coach-bombs-');
  const bomb = path.join(dir, 'three-hours-of-silence.flac');
  const lying = path.join(dir, 'forty-minutes-says-one-second.flac');
  const speech = path.join(dir, 'eight-seconds.ogg');

  beforeAll(async () => {
    // 3 h of 44.1 kHz silence: about 1.6 MB of FLAC, 690 MB once decoded to 16 kHz Float32.
    execFileSync('sox', ['-n', '-r', '44100', '-c', '1', bomb, 'trim', '0', '3:00:00']);
    // 40 min of silence whose STREAMINFO claims 1 s (16 000 samples): only decoding can tell.
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', lying, 'trim', '0', '40:00']);
    const flac = readFileSync(lying);
    // Total samples: the low 4 bits of byte 21 and bytes 22–25 (fLaC, block header, STREAMINFO +13).
    flac[21] = flac[21]! & 0xf0;
    flac.writeUInt32BE(16_000, 22);
    writeFileSync(lying, flac);
    execFileSync(ffmpegPath(), [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:sample_rate=48000',
      '-t',
      '4',
      speech,
    ]);
    served = await startServeProcess(model);
  });
  afterAll(() => served?.stop());

  const upload = async (file: string) => {
    const res = await fetch(`${served.origin}/api/transcribe`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}` },
      body: readFileSync(file),
    });
    return { status: res.status, body: (await res.json()) as Refusal & Record<string, unknown> };
  };

  it('refuses 3 hours of silence in a 1.6 MB FLAC by its duration, before decoding it', async () => {
    // A first, ordinary upload loads everything an upload needs (the engine's buffers grow with the
    // audio window), so the baseline includes it; it is longer than what the refused files feed.
    expect((await upload(speech)).status).toBe(200);
    const baseline = rssBytes(served.child.pid!);
    const { result, peak } = await peakRssDuring(served.child.pid!, () => upload(bomb));
    expect(result.status).toBe(413);
    expect(result.body.error).toEqual({
      code: 'max_duration',
      message: 'The recording is 10800 s long; the limit is 1800 s.',
    });
    console.log(
      `[uploadMemory] bomb: baseline ${(baseline / MIB).toFixed(0)} MiB, peak ${(peak / MIB).toFixed(0)} MiB, +${((peak - baseline) / MIB).toFixed(1)} MiB`,
    );
    expect(peak - baseline).toBeLessThan(RSS_BUDGET_BYTES);
  });

  it('stops decoding a file that runs past the duration its header states', async () => {
    const baseline = rssBytes(served.child.pid!);
    const { result, peak } = await peakRssDuring(served.child.pid!, () => upload(lying));
    expect(result.status).toBe(413);
    expect(result.body.error).toEqual({
      code: 'max_duration',
      message: 'The recording decodes longer than the 1 s its header states; it may be damaged.',
    });
    console.log(
      `[uploadMemory] lying header: baseline ${(baseline / MIB).toFixed(0)} MiB, peak ${(peak / MIB).toFixed(0)} MiB, +${((peak - baseline) / MIB).toFixed(1)} MiB`,
    );
    expect(peak - baseline).toBeLessThan(RSS_BUDGET_BYTES);
    // Nothing was saved for either refusal, and the server still answers.
    const health = await fetch(`${served.origin}/health`, {
      headers: { Authorization: `Bearer ${served.token}` },
    });
    expect(health.status).toBe(200);
  });
});
