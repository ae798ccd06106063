// Writes a whisper.cpp model file with the real layout and shapes but random weights.
// No real Whisper weights are available offline, yet the engine, its tests and the encoder
// benchmark need something whisper.cpp will load and run at the real cost. The output is the
// legacy ggml format read by `whisper_model_load` in whisper.cpp/src/whisper.cpp:
//
//   magic u32 | 11 × i32 hparams | mel filters (i32 n_mel, i32 n_fft, f32[n_mel × n_fft])
//   | vocab (i32 count, then per token u32 length + bytes)
//   | tensors until EOF: i32 n_dims, i32 name length, i32 type, i32 ne[n_dims], name, data
//
// Transcripts from this model are meaningless; only their shape and timing are real.
//
// Usage: node bin/run-ts.mjs scripts/makeSyntheticModel.ts [--arch tiny.en|base.en] [--out path]
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { whisperTensorShapes, type WhisperHparams } from '../src/core/asr/whisperTensors';

/** `tiny` is multilingual: one more logit (51865), so whisper.cpp detects and accepts languages. */
export type SyntheticArch = 'tiny.en' | 'base.en' | 'tiny';
const ARCHS: readonly SyntheticArch[] = ['tiny.en', 'base.en', 'tiny'];

export type { WhisperHparams };

export const GGML_FILE_MAGIC = 0x67676d6c; // "ggml"
/** ggml_type values: weights use f16 (ftype 1 = "mostly f16"), norms, biases and positions f32. */
export const GGML_TYPE_F32 = 0;
export const GGML_TYPE_F16 = 1;
const FTYPE_MOSTLY_F16 = 1;

/** English-only models: 51864 logits; the file lists the GPT-2 vocabulary, whisper.cpp adds the rest. */
const N_VOCAB_ENGLISH = 51864;
const N_VOCAB_MULTILINGUAL = 51865;
export const VOCAB_TOKENS_IN_FILE = 50257;
const END_OF_TEXT = '<|endoftext|>'; // id 50256 = whisper.cpp's token_eot for English models

const COMMON_HPARAMS = {
  nVocab: N_VOCAB_ENGLISH,
  nAudioCtx: 1500, // 30 s of audio at 50 encoder frames per second
  nTextCtx: 448,
  nMels: 80,
  ftype: FTYPE_MOSTLY_F16,
} as const;

export const ARCH_HPARAMS: Record<SyntheticArch, WhisperHparams> = {
  'tiny.en': {
    ...COMMON_HPARAMS,
    nAudioState: 384,
    nAudioHead: 6,
    nAudioLayer: 4,
    nTextState: 384,
    nTextHead: 6,
    nTextLayer: 4,
  },
  tiny: {
    ...COMMON_HPARAMS,
    nVocab: N_VOCAB_MULTILINGUAL,
    nAudioState: 384,
    nAudioHead: 6,
    nAudioLayer: 4,
    nTextState: 384,
    nTextHead: 6,
    nTextLayer: 4,
  },
  'base.en': {
    ...COMMON_HPARAMS,
    nAudioState: 512,
    nAudioHead: 8,
    nAudioLayer: 6,
    nTextState: 512,
    nTextHead: 8,
    nTextLayer: 6,
  },
};

// Whisper's front end: 16 kHz audio, 25 ms (400-sample) FFT window, so 201 frequency bins.
const SAMPLE_RATE_HZ = 16_000;
const N_FFT = 400;
export const N_FFT_BINS = N_FFT / 2 + 1;

/** Standard deviation of the random weight matrices, as in GPT-2 style initialisation. */
const WEIGHT_STD = 0.02;
const DECODER_POSITION_STD = 0.01;
/** Fixed so that every run writes the same bytes. */
const BASE_SEED = 0x5eed_c0ac;

// ---------------------------------------------------------------------------------------------
// Tensor list

type Init = 'normal' | 'ones' | 'zeros' | 'sinusoids' | 'smallNormal';

export type TensorSpec = {
  name: string;
  /** ggml order: ne[0] is the fastest-varying (innermost) dimension. */
  ne: number[];
  type: typeof GGML_TYPE_F32 | typeof GGML_TYPE_F16;
  init: Init;
};

/**
 * Every tensor `whisper_model_load` creates, with the shape and type it checks: weights of linear
 * layers, convolutions and the token embedding in f16, norms, biases and positions in f32.
 */
export function tensorSpecs(h: WhisperHparams): TensorSpec[] {
  return whisperTensorShapes(h).map(({ name, ne }): TensorSpec => {
    if (name === 'encoder.positional_embedding') return { name, ne, type: GGML_TYPE_F32, init: 'sinusoids' };
    if (name === 'decoder.positional_embedding')
      return { name, ne, type: GGML_TYPE_F32, init: 'smallNormal' };
    // LayerNorm: weight 1 and bias 0, i.e. a plain normalisation.
    if (/ln(_post)?\.weight$|_ln\.weight$/.test(name)) return { name, ne, type: GGML_TYPE_F32, init: 'ones' };
    if (name.endsWith('.bias')) return { name, ne, type: GGML_TYPE_F32, init: 'zeros' };
    return { name, ne, type: GGML_TYPE_F16, init: 'normal' };
  });
}

export const elementCount = (spec: TensorSpec): number => spec.ne.reduce((a, b) => a * b, 1);

// ---------------------------------------------------------------------------------------------
// Mel filterbank (Slaney scale and area normalisation, as librosa.filters.mel's defaults)

// Slaney's scale is linear below 1 kHz (200/3 Hz per mel) and logarithmic above it.
const SLANEY_HZ_PER_MEL = 200 / 3;
const SLANEY_LOG_START_HZ = 1000;
const SLANEY_LOG_START_MEL = SLANEY_LOG_START_HZ / SLANEY_HZ_PER_MEL;
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

export function hzToMel(hz: number): number {
  if (hz < SLANEY_LOG_START_HZ) return hz / SLANEY_HZ_PER_MEL;
  return SLANEY_LOG_START_MEL + Math.log(hz / SLANEY_LOG_START_HZ) / SLANEY_LOG_STEP;
}

export function melToHz(mel: number): number {
  if (mel < SLANEY_LOG_START_MEL) return mel * SLANEY_HZ_PER_MEL;
  return SLANEY_LOG_START_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_LOG_START_MEL));
}

/**
 * Triangular filters spaced evenly on the mel scale from 0 Hz to Nyquist, each scaled to unit
 * area (Slaney normalisation). Row-major [nMels][nFft / 2 + 1], the layout whisper.cpp reads.
 */
export function melFilterbank(sampleRate = SAMPLE_RATE_HZ, nFft = N_FFT, nMels = 80): Float32Array {
  const nBins = Math.floor(nFft / 2) + 1;
  const maxMel = hzToMel(sampleRate / 2);
  // nMels triangles need nMels + 2 edges: each filter spans edges i .. i + 2 and peaks at i + 1.
  const edgesHz = Array.from({ length: nMels + 2 }, (_, i) => melToHz((maxMel * i) / (nMels + 1)));
  const out = new Float32Array(nMels * nBins);
  for (let m = 0; m < nMels; m++) {
    const [lo, mid, hi] = [edgesHz[m]!, edgesHz[m + 1]!, edgesHz[m + 2]!];
    const areaNorm = 2 / (hi - lo);
    for (let k = 0; k < nBins; k++) {
      const hz = (k * sampleRate) / nFft;
      const rising = (hz - lo) / (mid - lo);
      const falling = (hi - hz) / (hi - mid);
      out[m * nBins + k] = Math.max(0, Math.min(rising, falling)) * areaNorm;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: English-looking tokens so decoded text reads like (nonsense) words

const COMMON_WORDS = (
  'the of and to in is you that it he was for on are as with his they at be this have from or one had by ' +
  'word but not what all were we when your can said there use an each which she do how their if will up ' +
  'other about out many then them these so some her would make like him into time has look two more write ' +
  'go see number no way could people my than first water been call who oil its now find long down day did ' +
  'get come made may part over new sound take only little work know place year live me back give most very ' +
  'after thing our just name good sentence man think say great where help through much before line right ' +
  'too mean old any same tell boy follow came want show also around form three small set put end does ' +
  'another well large must big even such because turn here why ask went men read need land different home ' +
  'us move try kind hand picture again change off play spell air away animal house point page letter ' +
  'mother answer found study still learn should team project manager experience role company customer ' +
  'problem solution interview question strength weakness challenge result lead goal data design product ' +
  'deadline feedback colleague conflict decision improve responsible deliver growth skills example ' +
  'situation task action um uh yeah okay really actually basically think know mean'
).split(' ');

// Syllable parts for word pieces: onset + vowel nucleus + coda ("str" + "ea" + "m" = "stream").
const ONSETS = (
  '- b c d f g h j k l m n p r s t v w y z bl br ch cl cr dr fl fr gl gr kn pl pr qu sc sh sk sl sm ' +
  'sn sp st str sw th tr tw wh wr'
)
  .split(' ')
  .map((s) => (s === '-' ? '' : s));
const NUCLEI = 'a e i o u ai ay ea ee ie oa oo ou ow oi y'.split(' ');
const CODAS = '- b ck d g k l ll m n nd ng nk nt p r rd rn rt s ss st t th x ing ed er es ly tion ment ness'
  .split(' ')
  .map((s) => (s === '-' ? '' : s));

const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * 50257 distinct tokens in a fixed order: printable ASCII characters (whisper.cpp looks up " "
 * when suppressing blanks, so it must exist), common words in four spellings ("the", " the",
 * "The", " The"), syllables, then two-syllable pieces; the last token is <|endoftext|>.
 */
export function syntheticVocab(count = VOCAB_TOKENS_IN_FILE): string[] {
  const tokens = new Set<string>();
  const target = count - 1; // the end-of-text token goes last
  const add = (t: string): void => {
    if (tokens.size < target) tokens.add(t);
  };
  for (let c = 0x20; c <= 0x7e; c++) add(String.fromCharCode(c));
  for (const w of COMMON_WORDS) for (const v of [w, ` ${w}`, capitalise(w), ` ${capitalise(w)}`]) add(v);
  const syllables: string[] = [];
  for (const onset of ONSETS) {
    for (const nucleus of NUCLEI) for (const coda of CODAS) syllables.push(onset + nucleus + coda);
  }
  for (const s of syllables) {
    add(` ${s}`);
    add(s);
  }
  const rand = mulberry32(BASE_SEED);
  const pick = (): string => syllables[Math.floor(rand() * syllables.length)]!;
  // Fill the rest with two-syllable pieces, most of them word starts (leading space).
  while (tokens.size < target) add((rand() < 0.7 ? ' ' : '') + pick() + pick());
  return [...tokens, END_OF_TEXT];
}

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers and half floats

/** A small, fast 32-bit PRNG; quality is ample for random weights. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by the Box–Muller transform. */
function gaussian(rand: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - rand(); // (0, 1], so log() stays finite
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * rand();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** FNV-1a, to give each tensor its own seed so its contents do not depend on the file order. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 binary32 → binary16 bits, rounding to nearest even, with subnormals, ±Inf and NaN. */
export function floatToHalf(value: number): number {
  f32Scratch[0] = value;
  const bits = u32Scratch[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf or NaN
  const halfExp = exponent - 127 + 15;
  if (halfExp >= 0x1f) return sign | 0x7c00; // too large: Inf
  if (halfExp <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit 1, into place.
    if (halfExp < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - halfExp;
    let half = full >>> shift;
    const rest = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (halfExp << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // Round to nearest even; a carry out of the mantissa correctly bumps the exponent.
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}

/** binary16 bits → number, used by the tests to check the conversion. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Sequential little-endian writer that flushes in 1 MiB chunks, so the model never sits in memory. */
class ChunkedWriter {
  private static readonly CHUNK_BYTES = 1 << 20;
  private readonly buf = Buffer.alloc(ChunkedWriter.CHUNK_BYTES);
  private used = 0;

  constructor(private readonly file: FileHandle) {}

  private async ensureRoom(n: number): Promise<void> {
    if (this.used + n > this.buf.length) await this.flush();
  }

  async i32(v: number): Promise<void> {
    await this.ensureRoom(4);
    this.used = this.buf.writeInt32LE(v, this.used);
  }
  async u32(v: number): Promise<void> {
    await this.ensureRoom(4);
    this.used = this.buf.writeUInt32LE(v, this.used);
  }
  async bytes(b: Buffer): Promise<void> {
    if (b.length > this.buf.length) {
      await this.flush();
      await this.file.write(b);
      return;
    }
    await this.ensureRoom(b.length);
    this.used += b.copy(this.buf, this.used);
  }
  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.file.write(this.buf, 0, this.used);
    this.used = 0;
  }
}

/** A generator of the tensor's values in storage order. */
function valueSource(spec: TensorSpec): (index: number) => number {
  switch (spec.init) {
    case 'ones':
      return () => 1;
    case 'zeros':
      return () => 0;
    case 'normal':
    case 'smallNormal': {
      const std = spec.init === 'normal' ? WEIGHT_STD : DECODER_POSITION_STD;
      const next = gaussian(mulberry32(BASE_SEED ^ hashName(spec.name)));
      return () => next() * std;
    }
    case 'sinusoids':
      return sinusoidSource(spec.ne[0]!);
  }
}

/**
 * Whisper's fixed encoder positions: for position t, channel c < width/2 holds sin(t·ω_c) and
 * channel width/2 + c holds cos(t·ω_c), with ω_c spaced geometrically from 1 down to 1/10000.
 */
function sinusoidSource(width: number): (index: number) => number {
  const half = width / 2;
  const logIncrement = Math.log(10_000) / (half - 1);
  return (index) => {
    const t = Math.floor(index / width);
    const c = index % width;
    const omega = Math.exp(-logIncrement * (c % half));
    return c < half ? Math.sin(t * omega) : Math.cos(t * omega);
  };
}

async function writeHeader(w: ChunkedWriter, h: WhisperHparams): Promise<void> {
  await w.u32(GGML_FILE_MAGIC);
  const order: (keyof WhisperHparams)[] = [
    'nVocab', 'nAudioCtx', 'nAudioState', 'nAudioHead', 'nAudioLayer',
    'nTextCtx', 'nTextState', 'nTextHead', 'nTextLayer', 'nMels', 'ftype',
  ]; // prettier-ignore
  for (const key of order) await w.i32(h[key]);
}

async function writeMelFilters(w: ChunkedWriter, nMels: number): Promise<void> {
  const filters = melFilterbank(SAMPLE_RATE_HZ, N_FFT, nMels);
  await w.i32(nMels);
  await w.i32(N_FFT_BINS);
  await w.bytes(Buffer.from(filters.buffer, filters.byteOffset, filters.byteLength));
}

async function writeVocab(w: ChunkedWriter): Promise<void> {
  const tokens = syntheticVocab();
  await w.i32(tokens.length);
  for (const token of tokens) {
    const bytes = Buffer.from(token, 'utf8');
    await w.u32(bytes.length);
    await w.bytes(bytes);
  }
}

/** Values are generated a block at a time into a typed array, then copied to the writer. */
const TENSOR_BLOCK_ELEMENTS = 1 << 16;

async function writeTensor(w: ChunkedWriter, spec: TensorSpec): Promise<void> {
  const name = Buffer.from(spec.name, 'utf8');
  await w.i32(spec.ne.length);
  await w.i32(name.length);
  await w.i32(spec.type);
  for (const n of spec.ne) await w.i32(n);
  await w.bytes(name);

  const value = valueSource(spec);
  const total = elementCount(spec);
  const half = spec.type === GGML_TYPE_F16;
  const block = half ? new Uint16Array(TENSOR_BLOCK_ELEMENTS) : new Float32Array(TENSOR_BLOCK_ELEMENTS);
  for (let start = 0; start < total; start += block.length) {
    const len = Math.min(block.length, total - start);
    for (let i = 0; i < len; i++) block[i] = half ? floatToHalf(value(start + i)) : value(start + i);
    await w.bytes(Buffer.from(block.buffer, 0, len * block.BYTES_PER_ELEMENT));
  }
}

/** Writes the complete model to `outPath` (overwriting it). */
export async function writeSyntheticModel(outPath: string, arch: SyntheticArch = 'tiny.en'): Promise<void> {
  // Tensor data is copied straight from typed arrays, which use the host's byte order; ggml files
  // are little-endian, as is every platform the app ships on.
  if (os.endianness() !== 'LE') throw new Error('writing ggml models needs a little-endian host');
  const h = ARCH_HPARAMS[arch];
  const file = await open(outPath, 'w');
  try {
    const w = new ChunkedWriter(file);
    await writeHeader(w, h);
    await writeMelFilters(w, h.nMels);
    await writeVocab(w);
    for (const spec of tensorSpecs(h)) await writeTensor(w, spec);
    await w.flush();
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Caching entry point

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MODEL_DIR = path.join(REPO_ROOT, '.cache', 'models');

export const syntheticModelFileName = (arch: SyntheticArch): string => `ggml-${arch}-synthetic.bin`;

/**
 * Returns the path of the synthetic model, generating it first if it is missing. The file is
 * written under a temporary name and renamed into place, so a crash or a concurrent reader never
 * sees a half-written model.
 */
export async function ensureSyntheticModel(
  options: { arch?: SyntheticArch; dir?: string } = {},
): Promise<string> {
  const arch = options.arch ?? 'tiny.en';
  const dir = options.dir ?? DEFAULT_MODEL_DIR;
  const target = path.join(dir, syntheticModelFileName(arch));
  if (existsSync(target)) return target;
  await mkdir(dir, { recursive: true });
  await generateAtomically(target, arch);
  return target;
}

async function generateAtomically(target: string, arch: SyntheticArch): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeSyntheticModel(temp, arch);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv: string[]): { arch: SyntheticArch; out?: string } {
  let arch: SyntheticArch = 'tiny.en';
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--arch') {
      const value = argv[++i];
      if (!ARCHS.includes(value as SyntheticArch))
        throw new Error(`--arch must be one of ${ARCHS.join(', ')}`);
      arch = value as SyntheticArch;
    } else if (arg === '--out') {
      out = argv[++i];
      if (!out) throw new Error('--out needs a path');
    } else {
      throw new Error(
        `unknown argument ${arg}; usage: makeSyntheticModel.ts [--arch tiny.en|base.en|tiny] [--out path]`,
      );
    }
  }
  return { arch, out };
}

async function main(): Promise<void> {
  const { arch, out } = parseArgs(process.argv.slice(2));
  let modelPath: string;
  if (out) {
    // An explicit --out always regenerates, through a temporary file like the cached path.
    modelPath = path.resolve(out);
    await mkdir(path.dirname(modelPath), { recursive: true });
    await generateAtomically(modelPath, arch);
  } else {
    modelPath = await ensureSyntheticModel({ arch });
  }
  const { size } = await stat(modelPath);
  console.log(`${modelPath} (${arch}, ${size} bytes, ${(size / 1e6).toFixed(1)} MB)`);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
