// The pitch track of an answer being recorded, appended beside its WAV as it is computed, so that crash
// recovery computes only the frames after the last one written: redoing 10 minutes of pitch took longer
// than the whole recovery may. Binary, four float64 per frame (time, f0 or NaN when unvoiced,
// aperiodicity, level), so the frames read back equal the ones written to the bit.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { PitchFrame } from '../coaching/pitchTracker';

const VALUES_PER_FRAME = 4;
const BYTES_PER_FRAME = VALUES_PER_FRAME * Float64Array.BYTES_PER_ELEMENT;

/** Where the pitch track of the answer recorded to `wavPath` is kept while it records. */
export function pitchTrackPathFor(wavPath: string): string {
  return `${wavPath.replace(/\.wav$/i, '')}.pitch`;
}

/**
 * Appends frames, opening the file at the first; a failed write (a full disk) stops it quietly: only
 * recovery's head start is lost.
 */
export class PitchTrackAppender {
  private fd: number | null = null;
  private done = false;

  constructor(
    readonly path: string,
    private readonly log?: (line: string) => void,
  ) {}

  append(frames: readonly PitchFrame[]): void {
    if (this.done || frames.length === 0) return;
    const values = new Float64Array(frames.length * VALUES_PER_FRAME);
    frames.forEach((f, i) => {
      values.set([f.timeSec, f.f0Hz ?? Number.NaN, f.aperiodicity, f.rmsDb], i * VALUES_PER_FRAME);
    });
    try {
      this.fd ??= openSync(this.path, 'w');
      writeSync(this.fd, values);
    } catch (err) {
      this.close();
      this.log?.(`[coach] pitch track not kept for recovery (${(err as Error).message})`);
    }
  }

  /** No more frames: after Stop, Cancel or a failed write. */
  close(): void {
    this.done = true;
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Nothing to keep: the frames written are on disk or they are not.
    }
    this.fd = null;
  }
}

/**
 * The frames written before a crash, up to the first that is cut short or out of order; none when the
 * file is missing or unreadable (recovery then computes the whole track).
 */
export function readPitchTrackFile(path: string): PitchFrame[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return [];
  }
  const count = Math.floor(bytes.length / BYTES_PER_FRAME);
  const values = new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * BYTES_PER_FRAME),
  );
  const frames: PitchFrame[] = [];
  for (let i = 0; i < count; i++) {
    const [timeSec, f0, aperiodicity, rmsDb] = values.subarray(
      i * VALUES_PER_FRAME,
      (i + 1) * VALUES_PER_FRAME,
    );
    const previous = frames.at(-1)?.timeSec ?? -Infinity;
    if (!(timeSec! > previous) || !Number.isFinite(aperiodicity) || !Number.isFinite(rmsDb)) break;
    frames.push({
      timeSec: timeSec!,
      f0Hz: Number.isFinite(f0) ? f0! : null,
      aperiodicity: aperiodicity!,
      rmsDb: rmsDb!,
    });
  }
  return frames;
}

/** Never throws: a pitch file left behind only costs a little disk. */
export function removePitchTrackFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // See above.
  }
}
