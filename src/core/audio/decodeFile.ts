// Decodes any recording ffmpeg understands (wav, mp3, m4a, webm, ogg…) to 16 kHz mono Float32.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

const require = createRequire(import.meta.url);
/** Decoding more than this is almost certainly a mistake (or a hostile file). */
export const MAX_DECODED_SEC = 3 * 60 * 60;

export class AudioDecodeError extends Error {}

export function ffmpegPath(): string {
  const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
  // Inside a packaged Electron app the binary lives outside the asar archive.
  return installer.path.replace('app.asar', 'app.asar.unpacked');
}

export async function decodeAudioFile(path: string): Promise<Float32Array> {
  if (!existsSync(path)) throw new AudioDecodeError(`Audio file not found: ${path}`);
  if (statSync(path).size === 0) throw new AudioDecodeError(`Audio file is empty: ${path}`);
  const args = ['-nostdin', '-v', 'error', '-i', path, '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE_HZ)];
  args.push('-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1');
  const chunks: Buffer[] = [];
  let bytes = 0;
  const maxBytes = MAX_DECODED_SEC * SAMPLE_RATE_HZ * 4;
  const stderr: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const proc = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > maxBytes) {
        proc.kill();
        reject(new AudioDecodeError(`${path} is longer than ${MAX_DECODED_SEC / 3600} hours`));
      } else chunks.push(c);
    });
    proc.stderr.on('data', (c: Buffer) => stderr.push(c.toString()));
    proc.on('error', (err) => reject(new AudioDecodeError(`Could not run ffmpeg: ${err.message}`)));
    proc.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const why = stderr.join('').trim().split('\n').slice(-2).join(' ') || `ffmpeg exited with ${code}`;
        reject(new AudioDecodeError(`Could not decode ${path}: ${why}`));
      }
    });
  });
  const all = Buffer.concat(chunks);
  if (all.length < 4) throw new AudioDecodeError(`${path} contains no audio`);
  // Copy into an aligned buffer: Buffer.concat's offset need not be a multiple of 4.
  const out = new Float32Array(Math.floor(all.length / 4));
  new Uint8Array(out.buffer).set(all.subarray(0, out.length * 4));
  return out;
}
