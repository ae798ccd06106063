// Decodes any recording ffmpeg understands (wav, mp3, m4a, webm, ogg, flac…) to 16 kHz mono Float32,
// in a streaming way and within a duration limit: the duration is probed before decoding (a tiny file
// can hold hours of silence), ffmpeg is told to stop just past the limit, and the samples arrive in
// chunks as ffmpeg writes them, so no caller needs the whole decode in memory.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SampleBuffer } from './pcm';
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

const require = createRequire(import.meta.url);
/** Decoding more than this is almost certainly a mistake (or a hostile file). */
export const MAX_DECODED_SEC = 3 * 60 * 60;
/** A header may round its duration; a file that decodes longer than it says by more than this is refused. */
export const HEADER_SLACK_SEC = 5;
const BYTES_PER_FLOAT = 4;

export class AudioDecodeError extends Error {}

/** The recording is longer than the caller allows: refused before (or while) decoding it. */
export class AudioTooLongError extends AudioDecodeError {
  constructor(
    readonly durationSec: number | null,
    readonly maxSec: number,
    why: string,
  ) {
    super(why);
  }
}

export type DecodeOptions = { maxSec?: number };

export function ffmpegPath(): string {
  const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
  // Inside a packaged Electron app the binary lives outside the asar archive.
  return installer.path.replace('app.asar', 'app.asar.unpacked');
}

function checkFile(path: string): void {
  if (!existsSync(path)) throw new AudioDecodeError(`Audio file not found: ${path}`);
  if (statSync(path).size === 0) throw new AudioDecodeError(`Audio file is empty: ${path}`);
}

const lastLines = (stderr: string): string => stderr.trim().split('\n').slice(-2).join(' ');

/**
 * The duration the file's header states, in seconds (ffmpeg reads only the header and index), or
 * null when it states none (a live stream, a raw format). Throws when ffmpeg cannot read the file.
 */
export async function probeDurationSec(path: string): Promise<number | null> {
  checkFile(path);
  const stderr = await new Promise<string>((resolve, reject) => {
    const proc = spawn(ffmpegPath(), ['-nostdin', '-hide_banner', '-i', path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    proc.stderr.on('data', (c: Buffer) => {
      // Only the header summary matters; a hostile file cannot make this grow without bound.
      if (text.length < 64 * 1024) text += c.toString();
    });
    proc.on('error', (err) => reject(new AudioDecodeError(`Could not run ffmpeg: ${err.message}`)));
    proc.on('close', () => resolve(text));
  });
  if (!/Stream #\d+:\d+.*: Audio:/.test(stderr)) {
    const why = /Invalid data|could not find codec|No such file/i.test(stderr)
      ? lastLines(stderr)
      : 'no audio stream';
    throw new AudioDecodeError(`Could not decode ${path}: ${why}`);
  }
  const m = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

const tooLong = (durationSec: number | null, maxSec: number): AudioTooLongError =>
  new AudioTooLongError(
    durationSec,
    maxSec,
    durationSec === null
      ? `The recording is longer than the ${maxSec} s limit.`
      : `The recording is ${Math.round(durationSec)} s long; the limit is ${maxSec} s.`,
  );

/** Runs ffmpeg to 16 kHz mono f32le on stdout, stopping it after `stopAfterSec`; yields raw chunks. */
async function* ffmpegSamples(path: string, stopAfterSec: number): AsyncGenerator<Buffer> {
  const args = ['-nostdin', '-v', 'error', '-i', path, '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE_HZ)];
  args.push('-t', String(stopAfterSec), '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1');
  const proc = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    proc.on('error', (err) => reject(new AudioDecodeError(`Could not run ffmpeg: ${err.message}`)));
    proc.on('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  try {
    // Iterating pauses ffmpeg's stdout while the consumer is busy: the pipe, not memory, holds the rest.
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) yield chunk;
    const code = await exited;
    if (code !== 0) {
      throw new AudioDecodeError(
        `Could not decode ${path}: ${lastLines(stderr) || `ffmpeg exited with ${code}`}`,
      );
    }
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
}

/** Counts the samples a file decodes to, keeping none (for files whose header states no duration). */
async function countDecodedSec(path: string, stopAfterSec: number): Promise<number> {
  let bytes = 0;
  for await (const chunk of ffmpegSamples(path, stopAfterSec)) bytes += chunk.length;
  return bytes / BYTES_PER_FLOAT / SAMPLE_RATE_HZ;
}

/**
 * Decodes a file as a stream of 16 kHz mono Float32 chunks. Refuses, with AudioTooLongError, a file
 * longer than `maxSec`: by its header before decoding; by a counting pass when it has no duration;
 * and while decoding, if it turns out longer than its header said.
 */
export async function* decodeAudioChunks(
  path: string,
  opts: DecodeOptions = {},
): AsyncGenerator<Float32Array> {
  const maxSec = opts.maxSec ?? MAX_DECODED_SEC;
  let durationSec = await probeDurationSec(path);
  if (durationSec !== null && durationSec > maxSec) throw tooLong(durationSec, maxSec);
  if (durationSec === null) {
    durationSec = await countDecodedSec(path, maxSec + 1);
    if (durationSec > maxSec) throw tooLong(null, maxSec);
  }
  const boundSec = Math.min(maxSec, durationSec + HEADER_SLACK_SEC);
  const boundBytes = Math.ceil(boundSec * SAMPLE_RATE_HZ) * BYTES_PER_FLOAT;
  let carry = Buffer.alloc(0);
  let bytes = 0;
  let any = false;
  for await (const chunk of ffmpegSamples(path, boundSec + 1)) {
    bytes += chunk.length;
    if (bytes > boundBytes) {
      throw new AudioTooLongError(
        null,
        maxSec,
        bytes / BYTES_PER_FLOAT / SAMPLE_RATE_HZ > maxSec
          ? `The recording is longer than the ${maxSec} s limit.`
          : `The recording decodes longer than the ${Math.round(durationSec)} s its header states; it may be damaged.`,
      );
    }
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const whole = data.length - (data.length % BYTES_PER_FLOAT);
    carry = Buffer.from(data.subarray(whole));
    if (whole === 0) continue;
    // Copied into an aligned buffer: a pipe chunk's offset need not be a multiple of 4.
    const out = new Float32Array(whole / BYTES_PER_FLOAT);
    new Uint8Array(out.buffer).set(data.subarray(0, whole));
    any = true;
    yield out;
  }
  if (!any) throw new AudioDecodeError(`${path} contains no audio`);
}

/** The whole decode in one array, for callers that need it all (the CLI's analyze). */
export async function decodeAudioFile(path: string, opts: DecodeOptions = {}): Promise<Float32Array> {
  const all = new SampleBuffer();
  for await (const chunk of decodeAudioChunks(path, opts)) all.append(chunk);
  return all.view().slice();
}
