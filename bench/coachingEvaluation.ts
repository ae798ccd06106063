// Scoring the coaching detectors against ground truth: shared by bench/coachingAccuracy.ts and the tests,
// so the numbers in docs/benchmarks.md and the thresholds the tests enforce come from one definition.
import { readWav16kMono } from '../src/core/audio/readWav';
import { analyzePace } from '../src/core/coaching/answerReport';
import { countFillers } from '../src/core/coaching/fillerWords';
import { detectFilledPauses } from '../src/core/coaching/filledPauseDetector';
import { trackPitch, type PitchTrack } from '../src/core/coaching/pitchTracker';
import type { FilledPauseCandidate, Word } from '../src/shared/domain';
import type { FixtureTruth, TimedText } from '../scripts/makeCoachingFixtures';

export type Counts = { truePositives: number; falsePositives: number; falseNegatives: number };
export type Rates = Counts & { precision: number; recall: number };

export function rates(c: Counts): Rates {
  const found = c.truePositives + c.falsePositives;
  const real = c.truePositives + c.falseNegatives;
  return {
    ...c,
    precision: found > 0 ? c.truePositives / found : 1,
    recall: real > 0 ? c.truePositives / real : 1,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
  };
}

export const ZERO_COUNTS: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };

// ---------- text-based filler detector on labelled transcripts ----------

/** A transcript with its fillers in [brackets]: "[So,] [um,] I like Python, [you know]?" */
export type LabelledTranscript = { text: string; note?: string };

/** Splits a labelled transcript into evenly timed words and the word indexes where fillers start. */
export function parseLabelled(labelled: string): { words: Word[]; fillerStarts: Set<number> } {
  const words: Word[] = [];
  const fillerStarts = new Set<number>();
  for (const match of labelled.matchAll(/\[([^\]]+)\]([^\s[]*)|(\S+)/g)) {
    const parts = (match[1] !== undefined ? `${match[1]}${match[2] ?? ''}` : match[3]!).split(/\s+/);
    if (match[1] !== undefined) fillerStarts.add(words.length);
    for (const part of parts) {
      const startSec = words.length * 0.4;
      words.push({ text: part, startSec, endSec: startSec + 0.3 });
    }
  }
  return { words, fillerStarts };
}

export function scoreTextDetector(
  transcripts: readonly LabelledTranscript[],
): Counts & { mistakes: string[] } {
  let counts = ZERO_COUNTS;
  const mistakes: string[] = [];
  for (const { text } of transcripts) {
    const { words, fillerStarts } = parseLabelled(text);
    const found = new Set(countFillers(words).map((hit) => hit.wordIndex));
    const tp = [...found].filter((i) => fillerStarts.has(i)).length;
    const c = { truePositives: tp, falsePositives: found.size - tp, falseNegatives: fillerStarts.size - tp };
    if (c.falsePositives || c.falseNegatives) {
      const marked = words.map((w, i) => (found.has(i) ? `{${w.text}}` : w.text)).join(' ');
      mistakes.push(`${text}  →  ${marked}`);
    }
    counts = addCounts(counts, c);
  }
  return { ...counts, mistakes };
}

// ---------- acoustic filled-pause detector on synthesised fixtures ----------

/** Word timings as an engine would give them: each edge moved by up to ±jitterSec, order kept. */
export function jitterWords(words: readonly TimedText[], jitterSec: number, seed = 1): Word[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
  const out: Word[] = [];
  for (const word of words) {
    const previousEnd = out.at(-1)?.endSec ?? 0;
    const startSec = Math.max(previousEnd, word.startSec + random() * jitterSec);
    const endSec = Math.max(startSec + 0.05, word.endSec + random() * jitterSec);
    out.push({ text: word.text, startSec, endSec });
  }
  return out;
}

const overlaps = (a: { startSec: number; endSec: number }, b: { startSec: number; endSec: number }) =>
  a.startSec < b.endSec && a.endSec > b.startSec;

export function scoreCandidates(
  candidates: readonly FilledPauseCandidate[],
  fillers: readonly TimedText[],
): Counts {
  const tp = candidates.filter((c) => fillers.some((f) => overlaps(c, f))).length;
  const found = fillers.filter((f) => candidates.some((c) => overlaps(c, f))).length;
  return {
    truePositives: tp,
    falsePositives: candidates.length - tp,
    falseNegatives: fillers.length - found,
  };
}

const audioCache = new Map<string, { track: PitchTrack; samples: Float32Array }>();

export function fixtureAudio(truth: FixtureTruth): { track: PitchTrack; samples: Float32Array } {
  const cached = audioCache.get(truth.wavPath);
  if (cached) return cached;
  const samples = readWav16kMono(truth.wavPath).samples;
  const entry = { track: trackPitch(samples), samples };
  audioCache.set(truth.wavPath, entry);
  return entry;
}

export function scoreAcousticDetector(
  truths: readonly FixtureTruth[],
  jitterSec: number,
  useSpectrum = true,
): Counts {
  let counts = ZERO_COUNTS;
  for (const [index, truth] of truths.entries()) {
    const words = jitterSec > 0 ? jitterWords(truth.words, jitterSec, index + 1) : truth.words;
    const { track, samples } = fixtureAudio(truth);
    const candidates = detectFilledPauses(track, words, truth.durationSec, useSpectrum ? { samples } : {});
    counts = addCounts(counts, scoreCandidates(candidates, truth.fillers));
  }
  return counts;
}

// ---------- pace ----------

export type PaceCase = { name: string; trueWpm: number; measuredWpm: number; errorWpm: number };

/**
 * The transcript the analysis sees: the fixture's words, plus its fillers as words when `withFillers`
 * (Whisper prompted to write disfluencies does that), with timings jittered like an engine's.
 */
export function transcriptFor(truth: FixtureTruth, withFillers: boolean, jitterSec: number): Word[] {
  const items = withFillers ? [...truth.words, ...truth.fillers] : [...truth.words];
  items.sort((a, b) => a.startSec - b.startSec);
  return jitterSec > 0 ? jitterWords(items, jitterSec, 7) : items.map((w) => ({ ...w }));
}

export function scorePace(
  truths: readonly FixtureTruth[],
  withFillers: boolean,
  jitterSec: number,
): PaceCase[] {
  return truths.map((truth) => {
    const measuredWpm = analyzePace(transcriptFor(truth, withFillers, jitterSec)).wordsPerMinute;
    return {
      name: truth.name,
      trueWpm: truth.wordsPerMinute,
      measuredWpm,
      errorWpm: measuredWpm - truth.wordsPerMinute,
    };
  });
}

export function meanAbsolute(values: readonly number[]): number {
  return values.length ? values.reduce((sum, v) => sum + Math.abs(v), 0) / values.length : 0;
}
