// Appends PCM to a WAV file as it arrives, so audio is on disk during the answer rather than
// only at Stop. The header's sizes are patched on close (and can be repaired from the file size).
import { closeSync, openSync, writeSync, fsyncSync } from 'node:fs';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from './pcm';

const HEADER_BYTES = 44;

export function wavHeader(dataBytes: number, sampleRateHz = SAMPLE_RATE_HZ): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // PCM fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRateHz, 24);
  h.writeUInt32LE(sampleRateHz * BYTES_PER_SAMPLE, 28);
  h.writeUInt16LE(BYTES_PER_SAMPLE, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

export class WavWriter {
  private fd: number | null;
  private dataBytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, wavHeader(0));
  }

  get durationSec(): number {
    return this.dataBytes / BYTES_PER_SAMPLE / SAMPLE_RATE_HZ;
  }

  append(pcm16: Int16Array): void {
    if (this.fd === null) throw new Error(`WAV file ${this.path} is already closed`);
    writeSync(this.fd, pcm16, 0, pcm16.byteLength);
    this.dataBytes += pcm16.byteLength;
  }

  close(): void {
    if (this.fd === null) return;
    writeSync(this.fd, wavHeader(this.dataBytes), 0, HEADER_BYTES, 0);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}
