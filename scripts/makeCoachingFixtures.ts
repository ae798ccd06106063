// Synthesises spoken interview answers with espeak-ng and sox, with the exact time of every word, filler,
// pause and noise known, for the coaching detectors' tests and bench/coachingAccuracy.ts. Each word and
// each filler is rendered on its own and the pieces are concatenated with chosen gaps, so the ground truth
// is the concatenation plan itself, not an estimate.
//
// Script syntax, one token per space-separated item:
//   word            a word ("Python," keeps its punctuation in the transcript)
//   {um:0.5}        a drawn-out vocal filler of about 0.5 s (um, uh, erm, ah, hmm)
//   [1.2]           1.2 s of silence
//   <breath:0.4>    0.4 s of breath-like noise (unvoiced: a negative for the filled-pause detector)
//   _word_          a word spoken quietly (a sentence trailing off)
//   ~word~          a word spoken but left out of the transcript, as engines sometimes drop one: voiced
//                   sound in a gap that is not a filler (a negative for the filled-pause detector)
//
//   node bin/run-ts.mjs scripts/makeCoachingFixtures.ts [--out dir] [--force]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { SAMPLE_RATE_HZ } from '../src/shared/audioFormat';
import { wavHeader } from '../src/core/audio/wavWriter';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_FIXTURE_DIR = path.join(ROOT, '.cache', 'fixtures', 'coaching');
/** Bump when the rendering changes, so cached fixtures are rebuilt. */
const GENERATOR_VERSION = 4;

export type FillerText = 'um' | 'uh' | 'er' | 'erm' | 'ah' | 'hmm';

/** espeak-ng phonemes for each filler: the vowel (and hum) people hold while thinking. */
const FILLER_PHONEMES: Record<FillerText, string> = {
  um: '[[V:m]]',
  uh: '[[V:]]',
  er: '[[3:]]',
  erm: '[[3:m]]',
  ah: '[[A:]]',
  hmm: '[[h@m]]',
};

export type FixtureSpec = {
  name: string;
  /** espeak-ng voice, e.g. "en-us" or "en-gb+f3". */
  voice: string;
  /** espeak-ng base pitch 0–99. */
  pitch: number;
  /** espeak-ng speed in words per minute for each rendered word. */
  speed: number;
  /** Silence between consecutive words. */
  wordGapSec: number;
  /** Intonation range inside each word: 'x-low' is a monotone, 'x-high' a lively voice. */
  range: 'x-low' | 'medium' | 'x-high';
  /** When set, each word's base pitch cycles through these values (a voice that moves between words). */
  pitchCycle?: number[];
  /**
   * Not looked at while the detectors' thresholds were chosen: the accuracy bench reports these
   * separately, as the honest estimate.
   */
  heldOut?: boolean;
  /** A steady mains or fan hum under everything (a voiced-looking negative), at this level in dBFS. */
  hum?: { hz: number; db: number };
  script: string;
};

export type TimedText = { text: string; startSec: number; endSec: number };

export type FixtureTruth = {
  name: string;
  spec: FixtureSpec;
  wavPath: string;
  durationSec: number;
  /** What a perfect transcript holds: the words, without the vocal fillers. */
  words: TimedText[];
  fillers: TimedText[];
  pauses: { startSec: number; endSec: number }[];
  noises: { startSec: number; endSec: number }[];
  /** Words spoken but missing from `words`, as a transcript that dropped them. */
  droppedWords: TimedText[];
  /** Indexes into `words` of words spoken quietly. */
  quietWordIndexes: number[];
  /** Words per minute over the speaking span, counting words only. */
  wordsPerMinute: number;
};

const LEAD_IN_SEC = 0.5;
const TAIL_SEC = 0.6;
/** A soft noise floor, so "silence" is not digital zero (no real microphone gives that). */
const NOISE_FLOOR_AMPLITUDE = 0.0008;
/** espeak-ng amplitude (0–200) for quiet words: about 12 dB below the default 100. */
const QUIET_AMPLITUDE = 25;
const BREATH_AMPLITUDE = 0.02;
const FADE_SEC = 0.015;

const ANSWER_DEADLINE =
  'So, {um:0.55} at my last company I was responsible for the billing platform. [0.9] ' +
  'We had to move every customer to a new payment provider {uh:0.4} in six weeks. <breath:0.35> ~and~ ' +
  'I broke the work into small steps {erm:0.5} and I set up a daily check of the numbers. [1.4] ' +
  '{um:0.45} The tricky part was {uh:0.35} that we could not stop taking payments. <breath:0.3> ' +
  'So I ran both systems side by side {ah:0.4} and fixed every difference the same day. [2.2] ~so~ ' +
  'In the end we switched over with zero downtime {um:0.5} and the finance team thanked us. [0.8] ' +
  '{hmm:0.45} I learned to plan the rollback first.';

const ANSWER_CONFLICT =
  '{uh:0.5} When I worked at a small agency, a designer and I disagreed about a release. [1.0] ' +
  'She wanted to ship {um:0.4} the new layout straight away. <breath:0.4> I was worried {erm:0.45} about the old browsers. ' +
  '[1.6] ~well~ So I asked for half an hour {uh:0.3} to test both plans. {um:0.6} We looked at the numbers together. ' +
  '<breath:0.3> {ah:0.35} It turned out only two percent of visitors used old browsers. [1.1] ' +
  'We shipped the layout {hmm:0.5} with a simple fallback, and the complaints dropped.';

const ANSWER_FAST =
  '{um:0.3} I think the best project I led was our search rewrite. {uh:0.18} We had slow queries, ' +
  'angry customers {um:0.32} and a tight budget. [0.7] I profiled the service, {erm:0.3} found three hot paths, ' +
  'and rewrote them one by one. <breath:0.3> {uh:0.3} Latency fell by half {um:0.28} within a month. [0.9] ~but~ ' +
  '{ah:0.3} The team still uses that approach today.';

const ANSWER_HUM =
  'Why this company? {um:0.4} Because your product solves a problem I lived with for years. [0.8] ~okay~ ' +
  'In my last role {uh:0.22} I built reports for the sales team {erm:0.5} and I saw how much time they lost. ' +
  '<breath:0.4> {ah:0.3} Your team fixes exactly that. [1.2] ~the~ I want to bring my data skills {um:0.35} ' +
  'to a team that cares about its customers. {uh:0.16} And I like how openly you share your roadmap.';

const HELD_OUT_TECH =
  'Let me explain caching. {uh:0.35} Imagine a library where popular books sit on a cart by the door. [0.9] ' +
  '~so~ You get them quickly, {um:0.45} but the cart only holds a few books. <breath:0.35> {erm:0.3} ' +
  'The hard part is deciding {uh:0.2} which books stay on the cart. [1.3] We kept the ones used in the last hour, ' +
  '{ah:0.4} and page loads got three times faster. ~and~ {um:0.25} Does that make sense?';

const HELD_OUT_SITUATION =
  '{hmm:0.4} If two stakeholders asked for opposite things, {uh:0.3} I would first find out what each one ' +
  'needs underneath the request. <breath:0.3> [0.7] {um:0.5} Often they want the same outcome. ~well~ ' +
  'Then I would bring them together {er:0.35} with the trade-offs written down. [1.0] {uh:0.22} ' +
  'If they still disagree, I ask our manager to decide, {um:0.3} and I explain the decision to both.';

const PLAIN_ANSWER =
  'At my last company I was responsible for the billing platform. We had to move every customer to a new ' +
  'payment provider in six weeks. I broke the work into small steps and set up a daily check of the ' +
  'numbers. The tricky part was that we could not stop taking payments. So I ran both systems side by side ' +
  'and fixed every difference the same day. In the end we switched over with zero downtime.';

const TRAILING_ANSWER =
  'I led the migration of our billing _system._ [0.8] We moved every customer in six _weeks._ [0.8] ' +
  'I set up a daily check of the numbers. [0.8] The finance team was very _happy._ [0.8] ' +
  'We never lost a single payment. [0.8] I would run it the same way _again._';

export const FIXTURE_SPECS: readonly FixtureSpec[] = [
  {
    name: 'fillers-us-male',
    voice: 'en-us',
    pitch: 45,
    speed: 165,
    wordGapSec: 0.08,
    range: 'medium',
    script: ANSWER_DEADLINE,
  },
  {
    name: 'fillers-gb-female',
    voice: 'en-gb+f3',
    pitch: 55,
    speed: 160,
    wordGapSec: 0.09,
    range: 'medium',
    script: ANSWER_CONFLICT,
  },
  {
    name: 'fillers-fast-m3',
    voice: 'en-us+m3',
    pitch: 40,
    speed: 200,
    wordGapSec: 0.05,
    range: 'medium',
    script: ANSWER_FAST,
  },
  {
    name: 'fillers-hum-f1',
    voice: 'en-us+f1',
    pitch: 60,
    speed: 175,
    wordGapSec: 0.07,
    range: 'medium',
    hum: { hz: 120, db: -38 },
    script: ANSWER_HUM,
  },
  {
    name: 'heldout-us-f2',
    voice: 'en-us+f2',
    pitch: 65,
    speed: 170,
    wordGapSec: 0.07,
    range: 'medium',
    heldOut: true,
    script: HELD_OUT_TECH,
  },
  {
    name: 'heldout-gb-m2',
    voice: 'en-gb+m2',
    pitch: 35,
    speed: 180,
    wordGapSec: 0.06,
    range: 'medium',
    heldOut: true,
    hum: { hz: 100, db: -45 },
    script: HELD_OUT_SITUATION,
  },
  {
    name: 'pace-slow',
    voice: 'en-us',
    pitch: 50,
    speed: 150,
    wordGapSec: 0.22,
    range: 'medium',
    script: PLAIN_ANSWER,
  },
  {
    name: 'pace-medium',
    voice: 'en-us',
    pitch: 50,
    speed: 200,
    wordGapSec: 0.06,
    range: 'medium',
    script: PLAIN_ANSWER,
  },
  {
    name: 'pace-fast',
    voice: 'en-gb',
    pitch: 50,
    speed: 230,
    wordGapSec: 0.03,
    range: 'medium',
    script: PLAIN_ANSWER,
  },
  {
    name: 'voice-monotone',
    voice: 'en-us',
    pitch: 40,
    speed: 165,
    wordGapSec: 0.08,
    range: 'x-low',
    script: PLAIN_ANSWER,
  },
  {
    name: 'voice-varied',
    voice: 'en-us',
    pitch: 40,
    speed: 165,
    wordGapSec: 0.08,
    range: 'x-high',
    pitchCycle: [35, 55, 75, 60, 40, 25, 50, 80, 45, 30],
    script: PLAIN_ANSWER,
  },
  {
    name: 'voice-trailing',
    voice: 'en-us',
    pitch: 45,
    speed: 165,
    wordGapSec: 0.08,
    range: 'medium',
    script: TRAILING_ANSWER,
  },
];

type Token =
  | { type: 'word'; text: string; quiet: boolean; dropped: boolean }
  | { type: 'filler'; text: FillerText; sec: number }
  | { type: 'pause'; sec: number }
  | { type: 'breath'; sec: number };

export function parseScript(script: string): Token[] {
  return script
    .split(/\s+/)
    .filter((item) => item !== '')
    .map((item): Token => {
      const filler = /^\{(um|uh|er|erm|ah|hmm):(\d+(?:\.\d+)?)\}$/.exec(item);
      if (filler) return { type: 'filler', text: filler[1] as FillerText, sec: Number(filler[2]) };
      const pause = /^\[(\d+(?:\.\d+)?)\]$/.exec(item);
      if (pause) return { type: 'pause', sec: Number(pause[1]) };
      const breath = /^<breath:(\d+(?:\.\d+)?)>$/.exec(item);
      if (breath) return { type: 'breath', sec: Number(breath[1]) };
      const quiet = /^_(.+)_$/.exec(item);
      const dropped = /^~(.+)~$/.exec(item);
      const text = quiet?.[1] ?? dropped?.[1] ?? item;
      return { type: 'word', text, quiet: quiet !== null, dropped: dropped !== null };
    });
}

/** Builds (or reuses) every fixture; returns their ground truth. */
export async function ensureCoachingFixtures(
  options: { dir?: string; force?: boolean; specs?: readonly FixtureSpec[] } = {},
): Promise<FixtureTruth[]> {
  const dir = options.dir ?? DEFAULT_FIXTURE_DIR;
  mkdirSync(dir, { recursive: true });
  const out: FixtureTruth[] = [];
  for (const spec of options.specs ?? FIXTURE_SPECS) {
    const jsonPath = path.join(dir, `${spec.name}.json`);
    const hash = specHash(spec);
    if (!options.force && existsSync(jsonPath)) {
      const cached = JSON.parse(readFileSync(jsonPath, 'utf8')) as FixtureTruth & { hash?: string };
      if (cached.hash === hash && existsSync(cached.wavPath)) {
        out.push(cached);
        continue;
      }
    }
    const truth = await renderFixture(spec, dir);
    writeFileSync(jsonPath, JSON.stringify({ ...truth, hash }, null, 2));
    out.push(truth);
  }
  return out;
}

function specHash(spec: FixtureSpec): string {
  return createHash('sha256').update(JSON.stringify({ spec, GENERATOR_VERSION })).digest('hex').slice(0, 16);
}

async function renderFixture(spec: FixtureSpec, dir: string): Promise<FixtureTruth> {
  const pieces: Float32Array[] = [];
  let cursor = 0;
  const append = (samples: Float32Array): { startSec: number; endSec: number } => {
    const startSec = cursor / SAMPLE_RATE_HZ;
    pieces.push(samples);
    cursor += samples.length;
    return { startSec, endSec: cursor / SAMPLE_RATE_HZ };
  };
  const silence = (sec: number) => append(new Float32Array(Math.round(sec * SAMPLE_RATE_HZ)));

  const truth: Omit<FixtureTruth, 'durationSec' | 'wordsPerMinute' | 'wavPath'> = {
    name: spec.name,
    spec,
    words: [],
    fillers: [],
    pauses: [],
    noises: [],
    droppedWords: [],
    quietWordIndexes: [],
  };
  silence(LEAD_IN_SEC);
  const tokens = parseScript(spec.script);
  let wordNumber = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'word') {
      const pitch = spec.pitchCycle ? spec.pitchCycle[wordNumber % spec.pitchCycle.length]! : spec.pitch;
      const audio = await renderSpeech(spokenForm(token.text), {
        voice: spec.voice,
        pitch,
        speed: spec.speed,
        range: spec.range,
        amplitude: token.quiet ? QUIET_AMPLITUDE : 100,
      });
      if (token.dropped) {
        truth.droppedWords.push({ text: token.text, ...append(audio) });
      } else {
        if (token.quiet) truth.quietWordIndexes.push(truth.words.length);
        truth.words.push({ text: token.text, ...append(audio) });
        wordNumber += 1;
      }
    } else if (token.type === 'filler') {
      const audio = await renderFiller(token.text, token.sec, spec);
      truth.fillers.push({ text: token.text, ...append(audio) });
    } else if (token.type === 'pause') {
      truth.pauses.push(silence(token.sec));
    } else {
      truth.noises.push(append(breath(token.sec, index)));
    }
    const next = tokens[index + 1];
    // Explicit pauses replace the ordinary gap; everything else is separated by it.
    if (next && token.type !== 'pause' && next.type !== 'pause') silence(spec.wordGapSec);
  }
  silence(TAIL_SEC);

  const samples = concat(pieces, cursor);
  addNoiseFloor(samples);
  if (spec.hum) addHum(samples, spec.hum.hz, spec.hum.db);
  const wavPath = path.join(dir, `${spec.name}.wav`);
  writeWav(wavPath, samples);
  const first = truth.words[0];
  const last = truth.words.at(-1);
  const spanSec = first && last ? last.endSec - first.startSec : 0;
  return {
    ...truth,
    wavPath,
    durationSec: samples.length / SAMPLE_RATE_HZ,
    wordsPerMinute: spanSec > 0 ? (truth.words.length / spanSec) * 60 : 0,
  };
}

/** What espeak-ng is asked to say for a transcript word: punctuation would change its intonation. */
function spokenForm(text: string): string {
  return text.replace(/[^\p{L}\p{N}'-]+/gu, '');
}

type RenderOptions = {
  voice: string;
  pitch: number;
  speed: number;
  range: FixtureSpec['range'];
  amplitude: number;
};

const renderCache = new Map<string, Float32Array>();

async function renderSpeech(text: string, o: RenderOptions): Promise<Float32Array> {
  const key = JSON.stringify({ text, o });
  const cached = renderCache.get(key);
  if (cached) return cached;
  const ssml = `<speak><prosody range="${o.range}">${text}</prosody></speak>`;
  const wav = await run('espeak-ng', [
    '-m',
    '-v',
    o.voice,
    '-p',
    String(o.pitch),
    '-s',
    String(o.speed),
    '-a',
    String(o.amplitude),
    '--stdout',
    ssml,
  ]);
  const samples = await soxToFloat32(wav, [
    'silence',
    '1',
    '0.01',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.01',
    '0.5%',
    'reverse',
  ]);
  renderCache.set(key, samples);
  return samples;
}

/** A filler: its vowel rendered slowly, trimmed, then stretched (pitch kept) to the wanted length. */
async function renderFiller(text: FillerText, targetSec: number, spec: FixtureSpec): Promise<Float32Array> {
  const wav = await run('espeak-ng', [
    '-v',
    spec.voice,
    '-p',
    String(spec.pitch),
    '-s',
    '90',
    '--stdout',
    FILLER_PHONEMES[text],
  ]);
  const trimmed = await soxToFloat32(wav, [
    'silence',
    '1',
    '0.01',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.01',
    '0.5%',
    'reverse',
  ]);
  const factor = trimmed.length / SAMPLE_RATE_HZ / targetSec;
  const stretched = await soxToFloat32(encodeWav(trimmed), [
    'tempo',
    '-s',
    factor.toFixed(3),
    'fade',
    'q',
    String(FADE_SEC),
    '-0',
    String(FADE_SEC),
  ]);
  return stretched;
}

/** Breath-like noise: pink noise with a soft attack and decay, deterministic per position. */
function breath(sec: number, seed: number): Float32Array {
  const n = Math.round(sec * SAMPLE_RATE_HZ);
  const out = new Float32Array(n);
  let state = (seed * 2654435761) >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  // Paul Kellet's economy pink-noise filter.
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < n; i += 1) {
    const white = random();
    b0 = 0.99765 * b0 + white * 0.099046;
    b1 = 0.963 * b1 + white * 0.2965164;
    b2 = 0.57 * b2 + white * 1.0526913;
    const envelope = Math.sin((Math.PI * i) / n);
    out[i] = (b0 + b1 + b2 + white * 0.1848) * BREATH_AMPLITUDE * envelope;
  }
  return out;
}

function addNoiseFloor(samples: Float32Array): void {
  let state = 12345;
  for (let i = 0; i < samples.length; i += 1) {
    state = (state * 1664525 + 1013904223) >>> 0;
    samples[i] = samples[i]! + (state / 2 ** 32 - 0.5) * 2 * NOISE_FLOOR_AMPLITUDE;
  }
}

function addHum(samples: Float32Array, hz: number, db: number): void {
  const amplitude = 10 ** (db / 20) * Math.SQRT2;
  for (let i = 0; i < samples.length; i += 1) {
    samples[i] = samples[i]! + amplitude * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE_HZ);
  }
}

function concat(pieces: readonly Float32Array[], total: number): Float32Array {
  const out = new Float32Array(total);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

function encodeWav(samples: Float32Array): Buffer {
  const pcm = float32ToPcm16(samples);
  return Buffer.concat([wavHeader(pcm.byteLength), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]);
}

function writeWav(file: string, samples: Float32Array): void {
  writeFileSync(file, encodeWav(samples));
}

/** Pipes a WAV through sox with `effects`, returning 16 kHz mono Float32 samples. */
async function soxToFloat32(wav: Buffer, effects: string[]): Promise<Float32Array> {
  const raw = await run(
    'sox',
    [
      '-t',
      'wav',
      '-',
      '-t',
      'raw',
      '-r',
      String(SAMPLE_RATE_HZ),
      '-e',
      'signed',
      '-b',
      '16',
      '-c',
      '1',
      '-',
      ...effects,
    ],
    wav,
  );
  const ints = new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 2));
  const out = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i += 1) out[i] = ints[i]! / 32768;
  return out;
}

function run(cmd: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.on('error', (err) =>
      reject(
        new Error(
          `${cmd} is needed for the coaching fixtures (apt-get install -y espeak-ng sox): ${err.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else
        reject(
          new Error(
            `${cmd} ${args.slice(0, 6).join(' ')}… failed (${code}): ${Buffer.concat(errors).toString()}`,
          ),
        );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outIndex = process.argv.indexOf('--out');
  const dir = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
  const started = performance.now();
  const truths = await ensureCoachingFixtures({ dir, force: process.argv.includes('--force') });
  for (const t of truths) {
    console.log(
      `${t.name.padEnd(20)} ${t.durationSec.toFixed(1).padStart(5)} s  ${String(t.words.length).padStart(3)} words  ` +
        `${String(t.fillers.length).padStart(2)} fillers  ${Math.round(t.wordsPerMinute)} wpm  ${t.wavPath}`,
    );
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s on ${os.hostname()}`);
}
