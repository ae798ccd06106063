// Assembles one spoken answer from separately rendered words and fillers with chosen gaps, then puts it
// through one room/microphone condition. The assembly plan is the ground truth: every word's and every
// filler's start and end are known to the sample.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_RATE_HZ } from '../../src/shared/audioFormat';
import type { Word } from '../../src/shared/domain';
import { writeWavFile } from './wavFile';
import { parseMarkup, type FillerType } from './labels';
import { run, toTrimmed16k, type Synthesiser, type Voice } from './synthesis';

export const AUGMENTATIONS = ['clean', 'room-noise', 'reverb', 'quiet', 'hum', 'laptop-mic'] as const;
export type Augmentation = (typeof AUGMENTATIONS)[number];

export type VocalFillerTruth = { text: string; startSec: number; endSec: number; drawnOut: boolean };

export type AnswerTruth = {
  id: string;
  voiceId: string;
  family: string;
  scriptSet: string;
  rate: number;
  augmentation: Augmentation;
  wavPath: string;
  durationSec: number;
  /** What a transcript would hold: every spoken word, lexical fillers included, vocal fillers not. */
  words: Word[];
  /** Index into `words` of each lexical filler's first word, with its type. */
  lexicalFillers: { wordIndex: number; wordCount: number; type: FillerType }[];
  vocalFillers: VocalFillerTruth[];
  /** Real words (no filler of any kind) per minute over their speaking span. */
  wordsPerMinute: number;
};

/** Seeded so the corpus is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const LEAD_IN_SEC = 0.5;
const TAIL_SEC = 0.6;
/** Gaps inside a phrase, after a comma and after a sentence (seconds, drawn uniformly). */
const WORD_GAP: [number, number] = [0.02, 0.09];
const COMMA_GAP: [number, number] = [0.2, 0.35];
const SENTENCE_GAP: [number, number] = [0.45, 0.8];
/** A short filler inside a phrase, and a drawn-out one. */
const SHORT_FILLER_SEC: [number, number] = [0.15, 0.3];
const LONG_FILLER_SEC: [number, number] = [0.4, 0.9];
const SHORT_FILLER_GAP: [number, number] = [0.03, 0.1];
const LONG_FILLER_GAP: [number, number] = [0.1, 0.3];
const PEAK = 0.7;

export type RenderRequest = {
  id: string;
  voice: Voice;
  rate: number;
  scriptSet: string;
  markup: string;
  augmentation: Augmentation;
  seed: number;
  dir: string;
};

export async function renderAnswer(synth: Synthesiser, req: RenderRequest): Promise<AnswerTruth> {
  const rnd = random(req.seed);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * rnd();
  const tokens = parseMarkup(req.markup);
  const wordTexts = tokens.flatMap((t) => (t.type === 'word' ? [spokenForm(t.text)] : []));
  const rendered = await synth.renderWords(req.voice, req.rate, wordTexts);
  const pieces: Float32Array[] = [];
  let cursor = 0;
  const append = (samples: Float32Array) => {
    const startSec = cursor / SAMPLE_RATE_HZ;
    pieces.push(samples);
    cursor += samples.length;
    return { startSec, endSec: cursor / SAMPLE_RATE_HZ };
  };
  const silence = (sec: number) => append(new Float32Array(Math.round(sec * SAMPLE_RATE_HZ)));

  const words: Word[] = [];
  const lexicalFillers: AnswerTruth['lexicalFillers'] = [];
  const vocalFillers: VocalFillerTruth[] = [];
  silence(LEAD_IN_SEC);
  let wordIndex = 0;
  for (const [i, token] of tokens.entries()) {
    const previous = tokens[i - 1];
    if (token.type === 'vocal') {
      silence(between(token.drawnOut ? LONG_FILLER_GAP : SHORT_FILLER_GAP));
      const base = await synth.renderFiller(req.voice, req.rate, token.text);
      const targetSec = between(token.drawnOut ? LONG_FILLER_SEC : SHORT_FILLER_SEC);
      const span = append(await stretch(base, targetSec));
      vocalFillers.push({ text: token.text, ...span, drawnOut: token.drawnOut });
      continue;
    }
    if (previous?.type === 'vocal') silence(between(previous.drawnOut ? LONG_FILLER_GAP : SHORT_FILLER_GAP));
    else if (previous?.type === 'word') {
      const ending = previous.text.at(-1) ?? '';
      silence(between('.?!'.includes(ending) ? SENTENCE_GAP : ',;:'.includes(ending) ? COMMA_GAP : WORD_GAP));
    }
    const span = append(rendered[wordIndex]!);
    wordIndex += 1;
    if (token.fillerStart && token.filler) {
      lexicalFillers.push({ wordIndex: words.length, wordCount: 1, type: token.filler });
    } else if (token.filler) {
      lexicalFillers.at(-1)!.wordCount += 1;
    }
    words.push({ text: token.text, ...span });
  }
  silence(TAIL_SEC);

  const samples = new Float32Array(cursor);
  let offset = 0;
  for (const piece of pieces) {
    samples.set(piece, offset);
    offset += piece.length;
  }
  normalise(samples, PEAK);
  const augmented = await augment(samples, req.augmentation, rnd, req.dir);
  const wavPath = path.join(req.dir, `${req.id}.wav`);
  writeWavFile(wavPath, augmented);

  const fillerWord = new Set(
    lexicalFillers.flatMap((f) => Array.from({ length: f.wordCount }, (_, k) => f.wordIndex + k)),
  );
  const real = words.filter((_, i) => !fillerWord.has(i));
  const spanSec = real.length > 1 ? real.at(-1)!.endSec - real[0]!.startSec : 0;
  return {
    id: req.id,
    voiceId: req.voice.id,
    family: req.voice.family,
    scriptSet: req.scriptSet,
    rate: req.rate,
    augmentation: req.augmentation,
    wavPath,
    durationSec: augmented.length / SAMPLE_RATE_HZ,
    words,
    lexicalFillers,
    vocalFillers,
    wordsPerMinute: spanSec > 0 ? (real.length / spanSec) * 60 : 0,
  };
}

/** What the engine is asked to say: punctuation would change its intonation. */
function spokenForm(text: string): string {
  return text.replace(/[^\p{L}\p{N}'-]+/gu, '').toLowerCase() || text;
}

function normalise(samples: Float32Array, peak: number): void {
  let max = 1e-9;
  for (const s of samples) max = Math.max(max, Math.abs(s));
  const gain = peak / max;
  for (let i = 0; i < samples.length; i += 1) samples[i]! *= gain;
}

/** Time-stretches (pitch kept) to `targetSec` with sox's WSOLA `tempo`. */
async function stretch(samples: Float32Array, targetSec: number): Promise<Float32Array> {
  const factor = samples.length / SAMPLE_RATE_HZ / targetSec;
  return soxEffects(samples, ['tempo', '-s', factor.toFixed(3), 'fade', 'q', '0.015', '-0', '0.015']);
}

let soxCounter = 0;
async function soxEffects(samples: Float32Array, effects: string[], dir = '/tmp'): Promise<Float32Array> {
  soxCounter += 1;
  const stem = path.join(dir, `sox-${process.pid}-${soxCounter}`);
  writeWavFile(`${stem}-in.wav`, samples);
  await run('sox', [
    `${stem}-in.wav`,
    '-r',
    String(SAMPLE_RATE_HZ),
    '-b',
    '16',
    `${stem}-out.wav`,
    ...effects,
  ]);
  const out = toTrimmedOrWhole(readFileSync(`${stem}-out.wav`));
  return out;
}

function toTrimmedOrWhole(buffer: Buffer): Float32Array {
  return toTrimmed16k(buffer, { trim: false });
}

function pinkNoise(n: number, rnd: () => number, rms: number): Float32Array {
  const out = new Float32Array(n);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < n; i += 1) {
    const white = rnd() * 2 - 1;
    b0 = 0.99765 * b0 + white * 0.099046;
    b1 = 0.963 * b1 + white * 0.2965164;
    b2 = 0.57 * b2 + white * 1.0526913;
    out[i] = b0 + b1 + b2 + white * 0.1848;
  }
  let sum = 0;
  for (const x of out) sum += x * x;
  const gain = rms / Math.sqrt(sum / n);
  for (let i = 0; i < n; i += 1) out[i]! *= gain;
  return out;
}

const dbToAmp = (db: number) => 10 ** (db / 20);

async function augment(
  clean: Float32Array,
  kind: Augmentation,
  rnd: () => number,
  dir: string,
): Promise<Float32Array> {
  let x = clean;
  const mix = (noise: Float32Array) => {
    for (let i = 0; i < x.length; i += 1) x[i]! += noise[i]!;
  };
  switch (kind) {
    case 'room-noise':
      mix(pinkNoise(x.length, rnd, dbToAmp(-42 + 6 * rnd())));
      break;
    case 'reverb':
      x = await soxEffects(x, ['reverb', String(Math.round(30 + 40 * rnd())), '50', '80'], dir);
      break;
    case 'quiet':
      for (let i = 0; i < x.length; i += 1) x[i]! *= dbToAmp(-22);
      break;
    case 'hum': {
      const hz = rnd() < 0.5 ? 50 : 60;
      const amp = dbToAmp(-38 + 6 * rnd());
      for (let i = 0; i < x.length; i += 1) {
        const t = i / SAMPLE_RATE_HZ;
        x[i]! +=
          amp *
          (Math.sin(2 * Math.PI * hz * t) +
            0.5 * Math.sin(2 * Math.PI * 2 * hz * t) +
            0.3 * Math.sin(2 * Math.PI * 3 * hz * t));
      }
      break;
    }
    case 'laptop-mic':
      x = await soxEffects(x, ['sinc', '250-3600', 'compand', '0.02,0.2', '-60,-60,-30,-20,0,-8', '-4'], dir);
      mix(pinkNoise(x.length, rnd, dbToAmp(-50)));
      break;
    case 'clean':
      break;
  }
  // No real microphone gives digital silence.
  mix(pinkNoise(x.length, rnd, dbToAmp(-66)));
  return x;
}

export function readTruth(file: string): AnswerTruth {
  return JSON.parse(readFileSync(file, 'utf8')) as AnswerTruth;
}

export function writeTruth(file: string, truth: AnswerTruth & { hash: string }): void {
  writeFileSync(file, JSON.stringify(truth));
}
