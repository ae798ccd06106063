// Audio streamed by clients other than the app, in the format they declare (sample rate, pcm16 or
// float32, channels) or that a RIFF/WAV header at the start of the stream states, turned into the one
// format inside the app: 16 kHz mono 16-bit PCM. Resampling is libsamplerate's (WebAssembly), whose
// streaming API keeps its filter state between frames, so chunk boundaries leave no clicks or gaps.
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import { float32ToPcm16 } from './pcm';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../../shared/audioFormat';

export const STREAM_ENCODINGS = ['pcm16', 'float32'] as const;
export type StreamEncoding = (typeof STREAM_ENCODINGS)[number];

export type StreamFormat = { sampleRateHz: number; encoding: StreamEncoding; channels: number };

export const DEFAULT_STREAM_FORMAT: StreamFormat = {
  sampleRateHz: SAMPLE_RATE_HZ,
  encoding: 'pcm16',
  channels: 1,
};

/** Telephone audio up to studio rates; 8, 16, 22.05, 32, 44.1 and 48 kHz are the usual ones. */
export const MIN_STREAM_RATE_HZ = 8_000;
export const MAX_STREAM_RATE_HZ = 192_000;
export const MAX_STREAM_CHANNELS = 8;
/** A WAV header (with any metadata chunks before `data`) must fit in this much of the stream's start. */
export const MAX_WAV_HEADER_BYTES = 64 * 1024;

/** libsamplerate's SRC_SINC_FASTEST: a band-limited sinc, ample for speech, and fast enough for several streams. */
const CONVERTER_SINC_FASTEST = 2;

const BYTES_PER_ENCODED_SAMPLE: Record<StreamEncoding, number> = { pcm16: 2, float32: 4 };

export class StreamFormatError extends Error {}

/** Bytes one second of this format takes on the wire. */
export const formatBytesPerSec = (f: StreamFormat): number =>
  f.sampleRateHz * BYTES_PER_ENCODED_SAMPLE[f.encoding] * f.channels;

const ENCODING_ALIASES: Record<string, StreamEncoding> = {
  pcm16: 'pcm16',
  pcm_s16le: 'pcm16',
  s16le: 'pcm16',
  linear16: 'pcm16',
  float32: 'float32',
  pcm_f32le: 'float32',
  f32le: 'float32',
};

/**
 * The format a client declares (query string or form fields), checked before any audio is accepted.
 * Absent values keep the default (16 kHz 16-bit mono); anything else unsupported is refused by name.
 */
export function parseStreamFormat(fields: {
  sampleRate?: string | null | undefined;
  encoding?: string | null | undefined;
  channels?: string | null | undefined;
}): StreamFormat {
  const format = { ...DEFAULT_STREAM_FORMAT };
  if (fields.sampleRate != null && fields.sampleRate !== '') {
    const rate = Number(fields.sampleRate);
    if (!Number.isInteger(rate) || rate < MIN_STREAM_RATE_HZ || rate > MAX_STREAM_RATE_HZ) {
      throw new StreamFormatError(
        `sample_rate must be a whole number of Hz from ${MIN_STREAM_RATE_HZ} to ${MAX_STREAM_RATE_HZ} (for example 8000, 16000, 44100 or 48000); got "${fields.sampleRate.slice(0, 40)}".`,
      );
    }
    format.sampleRateHz = rate;
  }
  if (fields.encoding != null && fields.encoding !== '') {
    const encoding = ENCODING_ALIASES[fields.encoding.toLowerCase()];
    if (!encoding) {
      throw new StreamFormatError(
        `encoding must be pcm16 (16-bit little-endian integers) or float32 (32-bit little-endian floats); got "${fields.encoding.slice(0, 40)}".`,
      );
    }
    format.encoding = encoding;
  }
  if (fields.channels != null && fields.channels !== '') {
    const channels = Number(fields.channels);
    if (!Number.isInteger(channels) || channels < 1 || channels > MAX_STREAM_CHANNELS) {
      throw new StreamFormatError(
        `channels must be 1 to ${MAX_STREAM_CHANNELS}; got "${fields.channels.slice(0, 40)}".`,
      );
    }
    format.channels = channels;
  }
  return format;
}

type WavHeader = { format: StreamFormat; dataOffset: number };

const ascii = (b: Uint8Array, at: number): string => String.fromCharCode(...b.subarray(at, at + 4));

/** Whether these bytes could be the start of a RIFF/WAVE header (all that has arrived matches). */
function mayBeWav(b: Uint8Array): boolean {
  const riff = [0x52, 0x49, 0x46, 0x46];
  for (let i = 0; i < Math.min(4, b.length); i++) if (b[i] !== riff[i]) return false;
  return b.length < 12 || ascii(b, 8) === 'WAVE';
}

/** The header's format and where the samples start, or null if the `data` chunk has not arrived yet. */
function parseWavHeader(b: Uint8Array): WavHeader | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let format: StreamFormat | null = null;
  let at = 12;
  while (at + 8 <= b.length) {
    const id = ascii(b, at);
    const size = view.getUint32(at + 4, true);
    if (id === 'data') {
      if (!format) throw new StreamFormatError('The WAV header has no "fmt " chunk before its data.');
      return { format, dataOffset: at + 8 };
    }
    if (id === 'fmt ') {
      if (at + 8 + Math.min(size, 26) > b.length) return null;
      let tag = view.getUint16(at + 8, true);
      const channels = view.getUint16(at + 10, true);
      const sampleRateHz = view.getUint32(at + 12, true);
      const bits = view.getUint16(at + 22, true);
      // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
      if (tag === 0xfffe && size >= 26) tag = view.getUint16(at + 32, true);
      const encoding = tag === 1 && bits === 16 ? 'pcm16' : tag === 3 && bits === 32 ? 'float32' : null;
      if (!encoding) {
        throw new StreamFormatError(
          `The stream's WAV header says ${bits}-bit ${tag === 3 ? 'float' : tag === 1 ? 'PCM' : `format ${tag}`}; send 16-bit PCM or 32-bit float.`,
        );
      }
      format = checkFormat({ sampleRateHz, encoding, channels }, 'The WAV header');
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

function checkFormat(f: StreamFormat, source: string): StreamFormat {
  if (f.sampleRateHz < MIN_STREAM_RATE_HZ || f.sampleRateHz > MAX_STREAM_RATE_HZ) {
    throw new StreamFormatError(
      `${source} says ${f.sampleRateHz} Hz; the supported rates are ${MIN_STREAM_RATE_HZ}–${MAX_STREAM_RATE_HZ} Hz.`,
    );
  }
  if (f.channels < 1 || f.channels > MAX_STREAM_CHANNELS) {
    throw new StreamFormatError(
      `${source} says ${f.channels} channels; 1 to ${MAX_STREAM_CHANNELS} are supported.`,
    );
  }
  return f;
}

type Resampler = { full: (input: Float32Array) => Float32Array; destroy: () => void };

/**
 * One stream's decoder. Frames go in as bytes; 16 kHz mono 16-bit PCM comes out. A RIFF/WAV header at
 * the very start is read (and replaces the declared format); after that, every byte is audio.
 */
export class AudioStreamDecoder {
  private headerBytes: Uint8Array | null = new Uint8Array(0);
  private resampler: Resampler | null = null;
  private resamplerFor = SAMPLE_RATE_HZ;
  /** Set once a WAV header has been read. */
  wavHeader = false;
  /** Frames are decoded one after another, in order, even while a resampler is being created. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private current: StreamFormat = DEFAULT_STREAM_FORMAT) {
    checkFormat(current, 'The declared format');
  }

  get format(): StreamFormat {
    return this.current;
  }

  /**
   * The next frame may start with a WAV header again: for transports whose every chunk is a file of
   * its own (a multipart upload per chunk), where each may carry one.
   */
  expectHeader(): void {
    this.queue = this.queue.then(() => {
      this.headerBytes = new Uint8Array(0);
    });
  }

  /** Bytes of one whole sample frame (every channel). */
  get frameBytes(): number {
    return BYTES_PER_ENCODED_SAMPLE[this.current.encoding] * this.current.channels;
  }

  /** What `bytes` of this stream will be as 16 kHz 16-bit mono, for limits counted in that unit. */
  outputBytesFor(bytes: number): number {
    const f = this.current;
    return Math.ceil((bytes / this.frameBytes) * (SAMPLE_RATE_HZ / f.sampleRateHz)) * BYTES_PER_SAMPLE;
  }

  /**
   * Decodes one frame. Throws StreamFormatError for bytes that cannot be this format's audio (a frame
   * that splits a sample, an unsupported WAV header); the stream itself can go on.
   */
  push(frame: Uint8Array): Promise<Int16Array> {
    const decoded = this.queue.then(() => this.decode(frame));
    this.queue = decoded.catch(() => undefined);
    return decoded;
  }

  dispose(): void {
    this.queue = this.queue.then(() => {
      this.resampler?.destroy();
      this.resampler = null;
    });
  }

  private async decode(frame: Uint8Array): Promise<Int16Array> {
    let bytes = frame;
    if (this.headerBytes) {
      const sofar = concat(this.headerBytes, frame);
      if (mayBeWav(sofar)) {
        if (sofar.length > MAX_WAV_HEADER_BYTES) {
          this.headerBytes = null;
          throw new StreamFormatError(`The WAV header is longer than ${MAX_WAV_HEADER_BYTES} bytes.`);
        }
        const header = sofar.length >= 12 ? parseWavHeader(sofar) : null;
        if (!header) {
          this.headerBytes = sofar;
          return new Int16Array(0);
        }
        this.headerBytes = null;
        this.current = header.format;
        this.wavHeader = true;
        bytes = sofar.subarray(header.dataOffset);
      } else {
        this.headerBytes = null;
        bytes = sofar;
      }
    }
    if (bytes.length === 0) return new Int16Array(0);
    if (bytes.length % this.frameBytes !== 0) {
      const { encoding, channels } = this.current;
      throw new StreamFormatError(
        `Audio frames must hold whole samples (${encoding} × ${channels} channel(s) is ${this.frameBytes} bytes a sample); got ${bytes.length} bytes.`,
      );
    }
    return float32ToPcm16(await this.resample(this.toMonoFloat(bytes)));
  }

  private toMonoFloat(bytes: Uint8Array): Float32Array {
    const { encoding, channels } = this.current;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = BYTES_PER_ENCODED_SAMPLE[encoding];
    const frames = bytes.length / this.frameBytes;
    const out = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) {
        const at = (i * channels + c) * width;
        const v = encoding === 'pcm16' ? view.getInt16(at, true) / 32768 : view.getFloat32(at, true);
        sum += Number.isFinite(v) ? v : 0;
      }
      out[i] = sum / channels;
    }
    return out;
  }

  private async resample(samples: Float32Array): Promise<Float32Array> {
    const rate = this.current.sampleRateHz;
    if (rate === SAMPLE_RATE_HZ) return samples;
    if (!this.resampler || this.resamplerFor !== rate) {
      this.resampler?.destroy();
      this.resampler = await libsamplerate.create(1, rate, SAMPLE_RATE_HZ, {
        converterType: CONVERTER_SINC_FASTEST,
      });
      this.resamplerFor = rate;
    }
    // Copied out: the result may be a view of the WebAssembly memory the next call overwrites.
    return Float32Array.from(this.resampler.full(samples));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
