// Appends PCM to a WAV file as it arrives, so audio is on disk during the answer rather than
// only at Stop. The header's sizes are patched on close, or by repairWavHeader() after a crash.
import { closeSync, fdatasync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../../shared/audioFormat';

const HEADER_BYTES = 44;
/** Flush to the disk about once a second of audio, so a power cut loses at most that much. */
const SYNC_EVERY_BYTES = SAMPLE_RATE_HZ * BYTES_PER_SAMPLE;

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

/**
 * The periodic flush, off the calling thread: in the desktop app that thread is Electron's main
 * process, which a slow disk's fdatasync would freeze (windows, IPC, captions) for its duration.
 */
export type BackgroundSync = (fd: number, done: (err: Error | null) => void) => void;

export class WavWriter {
  private fd: number | null;
  private dataBytes = 0;
  private unsyncedBytes = 0;
  /** A flush is running on libuv's thread pool: the descriptor must stay open until it ends. */
  private syncing = false;
  private closeAfterSync = false;
  /** A background flush failed (a full or failing disk): the next append reports it. */
  private syncError: Error | null = null;

  constructor(
    readonly path: string,
    private readonly backgroundSync: BackgroundSync = fdatasync,
  ) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, wavHeader(0));
  }

  get durationSec(): number {
    return this.dataBytes / BYTES_PER_SAMPLE / SAMPLE_RATE_HZ;
  }

  append(pcm16: Int16Array): void {
    if (this.fd === null) throw new Error(`WAV file ${this.path} is already closed`);
    if (this.syncError) throw this.syncError;
    writeSync(this.fd, pcm16, 0, pcm16.byteLength);
    this.dataBytes += pcm16.byteLength;
    this.unsyncedBytes += pcm16.byteLength;
    // One flush at a time; audio arriving meanwhile is flushed by the next one.
    if (this.unsyncedBytes >= SYNC_EVERY_BYTES && !this.syncing) {
      this.unsyncedBytes = 0;
      this.syncing = true;
      const fd = this.fd;
      this.backgroundSync(fd, (err) => {
        this.syncing = false;
        if (err) this.syncError ??= err;
        if (this.closeAfterSync) closeSync(fd);
      });
    }
  }

  /** Writes the final header and flushes everything before returning (once, at Stop). */
  close(): void {
    if (this.fd === null) return;
    writeSync(this.fd, wavHeader(this.dataBytes), 0, HEADER_BYTES, 0);
    fsyncSync(this.fd);
    // Closing under a running flush could hand its descriptor number to another file.
    if (this.syncing) this.closeAfterSync = true;
    else closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Rewrites the header sizes of a WAV that WavWriter was writing when its process died: the data is
 * everything after the header, cut to whole samples. Returns the seconds of audio it holds.
 */
export function repairWavHeader(path: string): number {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size < HEADER_BYTES) {
      writeSync(fd, wavHeader(0), 0, HEADER_BYTES, 0);
      ftruncateSync(fd, HEADER_BYTES);
      return 0;
    }
    const dataBytes = size - HEADER_BYTES - ((size - HEADER_BYTES) % BYTES_PER_SAMPLE);
    ftruncateSync(fd, HEADER_BYTES + dataBytes);
    writeSync(fd, wavHeader(dataBytes), 0, HEADER_BYTES, 0);
    fsyncSync(fd);
    return dataBytes / BYTES_PER_SAMPLE / SAMPLE_RATE_HZ;
  } finally {
    closeSync(fd);
  }
}
