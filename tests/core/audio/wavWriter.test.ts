// WavWriter flushes to the disk about once a second of audio, but never on the caller's thread: in
// the desktop app that is Electron's main process. The flush is injected here to hold it in flight.
import { fstatSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { WavWriter, type BackgroundSync } from '../../../src/core/audio/wavWriter';
import { tempDir } from '../../helpers/fixtures';

const oneSecond = () => new Int16Array(16_000).fill(1200);

/** A flush that only finishes when the test says so. */
function heldSync() {
  const pending: { fd: number; done: (err: Error | null) => void }[] = [];
  const sync: BackgroundSync = (fd, done) => void pending.push({ fd, done });
  return { sync, pending };
}

describe('WavWriter', () => {
  it('hands the periodic flush to the background, one at a time', () => {
    const { sync, pending } = heldSync();
    const writer = new WavWriter(path.join(tempDir(), 'a.wav'), sync);
    writer.append(oneSecond());
    expect(pending).toHaveLength(1);
    writer.append(oneSecond());
    writer.append(oneSecond());
    expect(pending).toHaveLength(1); // still in flight: no second flush piles up
    pending[0]!.done(null);
    writer.append(oneSecond());
    expect(pending).toHaveLength(2);
    pending[1]!.done(null);
    writer.close();
  });

  it('closed while a flush runs: the file is complete at once, the descriptor closes after the flush', () => {
    const { sync, pending } = heldSync();
    const file = path.join(tempDir(), 'b.wav');
    const writer = new WavWriter(file, sync);
    writer.append(oneSecond());
    writer.append(oneSecond().subarray(0, 8000));
    writer.close();
    expect(readWav16kMono(file).info.durationSec).toBeCloseTo(1.5, 5);
    const fd = pending[0]!.fd;
    expect(() => fstatSync(fd)).not.toThrow();
    pending[0]!.done(null);
    expect(() => fstatSync(fd)).toThrow(/EBADF/);
    expect(() => writer.append(oneSecond())).toThrow(/already closed/);
  });

  it('reports a failed flush (a failing disk) at the next append', () => {
    const { sync, pending } = heldSync();
    const writer = new WavWriter(path.join(tempDir(), 'c.wav'), sync);
    writer.append(oneSecond());
    pending[0]!.done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    expect(() => writer.append(oneSecond())).toThrow(/EIO/);
    writer.close();
  });

  it("writes a valid file with the system's own background flush", async () => {
    const file = path.join(tempDir(), 'd.wav');
    const writer = new WavWriter(file);
    for (let i = 0; i < 3; i++) writer.append(oneSecond());
    writer.close();
    const { samples, info } = readWav16kMono(file);
    expect(info.durationSec).toBeCloseTo(3, 5);
    expect(samples[10]).toBeCloseTo(1200 / 32768, 6);
  });
});
