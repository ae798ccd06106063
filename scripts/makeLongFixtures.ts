// Long answers for the streaming benchmark (bench/streaming.ts): the shared recordings
// (/work/shared/audio, see manifest.json) concatenated with pauses of varied length into one
// 60-second and one 10-minute stream (and a 30-minute one for the soak benchmark, bench/soak.ts),
// with a word timing file beside each WAV. Real speech rather than synthesis, so the VAD gate and
// the engine see what a speaker produces.
//
// Word timings: the manifest has each clip's reference text but no times, so each clip's words are
// spread over its speech (Silero VAD segments), each word taking a share of the speech time in
// proportion to its letters. Exact to the clip and the pause, approximate (a few hundred ms) within a
// clip; the benchmark uses them to know when each word was spoken.
//
//   node bin/run-ts.mjs scripts/makeLongFixtures.ts [--out dir] [--force] [--only long-30min]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { float32ToPcm16, secToSamples } from '../src/core/audio/pcm';
import { SAMPLE_RATE_HZ } from '../src/shared/audioFormat';
import { readWav16kMono } from '../src/core/audio/readWav';
import { wavHeader } from '../src/core/audio/wavWriter';
import type { Word } from '../src/shared/domain';
import { loadSileroModel } from '../src/core/vad/sileroModel';
import { SileroVad } from '../src/core/vad/sileroVad';
import { detectSpeechSegments, type SpeechSegment } from '../src/core/vad/speechSegments';
import { SHARED_AUDIO_DIR, SILERO_MODEL_PATH } from './sharedAssets';

export { SHARED_AUDIO_DIR, SILERO_MODEL_PATH };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_LONG_FIXTURE_DIR = path.join(ROOT, '.cache', 'fixtures', 'long');
/** Bump when the layout changes, so cached fixtures are rebuilt. */
const GENERATOR_VERSION = 1;

/** Pauses between clips, cycled: short ones a speaker makes mid-answer, and long ones to think. */
const PAUSES_SEC = [0.8, 1.5, 3, 0.6, 2.2] as const;
/** Silence before the first clip, as before a speaker starts. */
const LEAD_IN_SEC = 0.5;

export const LONG_FIXTURES = [
  { name: 'long-60s', durationSec: 60 },
  { name: 'long-10min', durationSec: 600 },
] as const;
export type LongFixtureName = (typeof LONG_FIXTURES)[number]['name'];
/**
 * The soak benchmark's stream (bench/soak.ts): the same clips and pauses for 30 minutes. Not in
 * LONG_FIXTURES, so the streaming benchmark does not run it; bench/soak.ts builds it in a child
 * process (`--only long-30min`) to keep the 115 MB of samples out of the memory it measures.
 */
export const SOAK_FIXTURE = { name: 'long-30min', durationSec: 1800 } as const;
export type FixtureSpec = { name: string; durationSec: number };

export type ManifestEntry = { file: string; duration_s: number; reference: string };

export type WordTimingFile = {
  version: number;
  durationSec: number;
  /** How the times were obtained. */
  timing: string;
  clips: { file: string; startSec: number }[];
  words: Word[];
};

export function readManifest(dir = SHARED_AUDIO_DIR): ManifestEntry[] {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/**
 * Spreads `text`'s words over the speech segments: each word gets a share of the total speech time
 * proportional to its letters plus one (a word's onset and offset take time whatever its length).
 * A word that would run past its segment's end is cut there, so no word spans a pause.
 */
export function spreadWordsOverSpeech(text: string, segments: SpeechSegment[], durationSec: number): Word[] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const spans = segments.length > 0 ? segments : [{ startSec: 0, endSec: durationSec }];
  const speechSec = spans.reduce((sum, s) => sum + (s.endSec - s.startSec), 0);
  const weights = tokens.map((t) => t.length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  // Position along the concatenated speech → time in the recording, and the segment it falls in.
  const locate = (speechPos: number): { sec: number; seg: number } => {
    let left = speechPos;
    for (let i = 0; i < spans.length; i++) {
      const len = spans[i]!.endSec - spans[i]!.startSec;
      if (left <= len || i === spans.length - 1)
        return { sec: spans[i]!.startSec + Math.min(left, len), seg: i };
      left -= len;
    }
    return { sec: durationSec, seg: spans.length - 1 };
  };
  let acc = 0;
  return tokens.map((text, i) => {
    const from = locate((acc / total) * speechSec + 1e-6);
    acc += weights[i]!;
    const to = locate((acc / total) * speechSec);
    const endSec = to.seg === from.seg ? to.sec : spans[from.seg]!.endSec;
    return { text, startSec: from.sec, endSec };
  });
}

/** Estimated word timings of one shared recording (see the file comment). */
export function estimateClipWords(samples: Float32Array, reference: string, vad: SileroVad): Word[] {
  vad.reset();
  const { segments } = detectSpeechSegments(samples, vad);
  return spreadWordsOverSpeech(reference, segments, samples.length / SAMPLE_RATE_HZ);
}

export const fixturePaths = (dir: string, name: string) => ({
  wav: path.join(dir, `${name}.wav`),
  words: path.join(dir, `${name}.words.json`),
});

function buildFixture(durationSec: number, manifest: ManifestEntry[], vad: SileroVad) {
  const total = secToSamples(durationSec);
  const audio = new Float32Array(total);
  const words: Word[] = [];
  const clips: { file: string; startSec: number }[] = [];
  const clipCache = new Map<string, { samples: Float32Array; words: Word[] }>();
  let at = secToSamples(LEAD_IN_SEC);
  for (let i = 0; ; i++) {
    const entry = manifest[i % manifest.length]!;
    let clip = clipCache.get(entry.file);
    if (!clip) {
      const { samples } = readWav16kMono(path.join(SHARED_AUDIO_DIR, entry.file));
      clip = { samples, words: estimateClipWords(samples, entry.reference, vad) };
      clipCache.set(entry.file, clip);
    }
    if (at + clip.samples.length > total) break;
    const startSec = at / SAMPLE_RATE_HZ;
    audio.set(clip.samples, at);
    clips.push({ file: entry.file, startSec });
    for (const w of clip.words)
      words.push({ ...w, startSec: w.startSec + startSec, endSec: w.endSec + startSec });
    at += clip.samples.length + secToSamples(PAUSES_SEC[i % PAUSES_SEC.length]!);
  }
  return { audio, words, clips };
}

/** Builds the long fixtures that are missing (or all with `force`); returns their paths by name. */
export function ensureLongFixtures(
  options: { dir?: string; force?: boolean; log?: (msg: string) => void } = {},
): Record<LongFixtureName, { wav: string; words: string }> {
  const out = {} as Record<LongFixtureName, { wav: string; words: string }>;
  for (const f of LONG_FIXTURES) out[f.name] = ensureLongFixture(f, options);
  return out;
}

/** Builds one long fixture if it is missing or stale (or always with `force`); returns its paths. */
export function ensureLongFixture(
  f: FixtureSpec,
  options: { dir?: string; force?: boolean; log?: (msg: string) => void } = {},
): { wav: string; words: string } {
  const dir = options.dir ?? DEFAULT_LONG_FIXTURE_DIR;
  mkdirSync(dir, { recursive: true });
  const paths = fixturePaths(dir, f.name);
  if (!options.force && existsSync(paths.wav) && isCurrent(paths.words)) return paths;
  const vad = new SileroVad(loadSileroModel(SILERO_MODEL_PATH));
  const { audio, words, clips } = buildFixture(f.durationSec, readManifest(), vad);
  const pcm = float32ToPcm16(audio);
  writeFileSync(paths.wav, Buffer.concat([wavHeader(pcm.byteLength), Buffer.from(pcm.buffer)]));
  const timing: WordTimingFile = {
    version: GENERATOR_VERSION,
    durationSec: f.durationSec,
    timing: 'clip offsets exact; words spread over each clip’s Silero speech segments by letter count',
    clips,
    words,
  };
  writeFileSync(paths.words, JSON.stringify(timing));
  options.log?.(`wrote ${path.relative(ROOT, paths.wav)} (${clips.length} clips, ${words.length} words)`);
  return paths;
}

/** True when the fixture exists and was written by this generator version. */
export function longFixtureIsCurrent(name: string, dir = DEFAULT_LONG_FIXTURE_DIR): boolean {
  const paths = fixturePaths(dir, name);
  return existsSync(paths.wav) && isCurrent(paths.words);
}

function isCurrent(wordsPath: string): boolean {
  if (!existsSync(wordsPath)) return false;
  try {
    return (JSON.parse(readFileSync(wordsPath, 'utf8')) as WordTimingFile).version === GENERATOR_VERSION;
  } catch {
    return false; // unreadable: rebuild it
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const onlyAt = args.indexOf('--only');
  const options = {
    dir: outAt >= 0 ? path.resolve(args[outAt + 1] ?? DEFAULT_LONG_FIXTURE_DIR) : undefined,
    force: args.includes('--force'),
    log: (msg: string) => console.log(msg),
  };
  if (onlyAt >= 0) {
    const name = args[onlyAt + 1];
    const spec = [...LONG_FIXTURES, SOAK_FIXTURE].find((f) => f.name === name);
    if (!spec)
      throw new Error(
        `--only takes one of: ${[...LONG_FIXTURES, SOAK_FIXTURE].map((f) => f.name).join(', ')}`,
      );
    ensureLongFixture(spec, options);
  } else {
    ensureLongFixtures(options);
  }
}
