// Candidate filled pauses and what they sound like. Word timings from a recogniser are only good to about
// a tenth of a second, so a short "uh" squeezed between two words can hide under their edges: each gap is
// searched widened by TIMING_SLACK_SEC into its neighbours, and how much of a sound lies outside the words
// becomes one of its features rather than a hard rule.
import type { Word } from '../../shared/domain';
import type { AudioSamples } from '../audio/pcm';
import { framesBetween, hzToSemitones, type PitchFrame, type PitchTrack } from './pitchTracker';
import { meanSpectralChange } from './spectralChange';
import { median } from '../median';
import { standardDeviation } from './paceTimeline';

/** How far word edges may be off (Whisper's are about ±0.1 s). */
export const TIMING_SLACK_SEC = 0.1;
/** Voiced runs shorter than this are a stray syllable, not a held "uh". */
export const MIN_RUN_SEC = 0.1;
/**
 * A frame the pitch tracker found too aperiodic to call voiced still belongs to a candidate when it is
 * this periodic and this far above the background: reverb, a laptop microphone and some synthetic voices
 * leave a held "uh" just above YIN's voicing threshold, and such runs were never even scored.
 */
const CANDIDATE_MAX_APERIODICITY = 0.5;
const CANDIDATE_ABOVE_FLOOR_DB = 12;
/** A candidate needs this many frames with a pitch to say anything about its note. */
const MIN_PITCHED_FRAMES = 2;
/** Unvoiced but loud frames a run may skip over (tracker dropouts inside one "um"). */
const MAX_DROPOUT_FRAMES = 3;
/** A pitch jump this large between neighbouring pitched frames starts a new run. */
const SPLIT_JUMP_SEMITONES = 3;
/** Run-edge frames further than this from the run's median pitch belong to a neighbouring word. */
const EDGE_TRIM_SEMITONES = 2;
/** The background level is this percentile of all frames' levels: the room between the words. */
const FLOOR_PERCENTILE = 0.1;
/**
 * A gap at least this long that is voiced for more than UNTRANSCRIBED_VOICED_SHARE of its frames is speech
 * the engine failed to transcribe, not a pause: its words would all look like filled pauses.
 */
export const UNTRANSCRIBED_MIN_GAP_SEC = 1.5;
export const UNTRANSCRIBED_VOICED_SHARE = 0.35;
/** Words sampled for the speaker's typical spectral movement (enough for a stable median, cheap). */
const SPECTRAL_REFERENCE_WORDS = 40;
/** Longest stretch of one word measured for that reference. */
const MAX_REFERENCE_WORD_SEC = 1;

/** What one voiced run in a gap sounds like; the classifier in filledPauseModel.ts reads these. */
export type RunFeatures = {
  startSec: number;
  endSec: number;
  durationSec: number;
  pitchHz: number;
  /** Standard deviation of pitch over the run, in semitones: a held filler keeps one note. */
  pitchSpreadSemitones: number;
  /** |least-squares slope| of pitch, semitones per second: words glide. */
  pitchSlopeSemitonesPerSec: number;
  /** Envelope movement relative to the speaker's own words (1 = as much as a word; a held vowel is lower). */
  spectralChangeRatio: number;
  /** Median level against the speaker's voiced speech (dB, 0 = as loud as the words). */
  levelVsSpeechDb: number;
  /** Median level above the recording's background (dB). */
  aboveFloorDb: number;
  /** Standard deviation of the level over the run (dB): a held sound keeps its loudness. */
  levelSpreadDb: number;
  /** Median YIN aperiodicity: near 0 for a clean vowel. */
  aperiodicity: number;
  /** Share of the run outside every word's given span. */
  outsideWordsShare: number;
  /** Share of the run's frames with a pitch (the rest are periodic enough, loud, but not clearly voiced). */
  voicedShare: number;
  /** The transcript's gap the run was found in (s): a filler left out of the text leaves a hole there. */
  gapSec: number;
  /**
   * Least-squares slope of the level over the run (dB per second). The tail a room's reverb leaves after
   * a word holds the word's last note too, but it only fades; a filler swells and fades.
   */
  levelSlopeDbPerSec: number;
  /**
   * How far the level drops just outside the run, on its shallower side (dB). A filler stands on its own,
   * with a dip on both sides; the held end of a word runs straight on from the rest of the word.
   */
  edgeDipDb: number;
  /**
   * The dip before the run alone (dB). A reverb tail or a word's held end runs on from a louder word, so
   * nothing dips before it; a filler merged with the word after it still dips before.
   */
  dipBeforeDb: number;
  /**
   * 1 when the voice just before the run (within CONTINUITY_WINDOW_SEC) holds the run's opening note: the
   * run carries on a word (its held end, or the room's reverb of it) rather than starting a new sound.
   */
  continuesPitchBefore: number;
};

/** How far before a run the voice it may carry on is looked for, and how close its note must be. */
const CONTINUITY_WINDOW_SEC = 0.05;
const CONTINUITY_SEMITONES = 1;

/** How far outside a run its edge dip is looked for. */
const EDGE_DIP_WINDOW_SEC = 0.06;

/**
 * Every voiced run in the (widened) gaps between `words`, with its features. With `samples` the spectral
 * movement is measured; without, spectralChangeRatio is 1 (no evidence either way).
 */
export function filledPauseRuns(
  track: PitchTrack,
  words: readonly Word[],
  durationSec: number,
  samples?: AudioSamples,
  /**
   * Runs to keep, judged on every feature but the spectral one, which is then measured only for them:
   * it is most of the analysis's time, and a long answer has many runs no filler could be.
   */
  keep: (run: RunFeatures) => boolean = () => true,
): RunFeatures[] {
  const speechDb = speechLevelDb(track, words);
  const floorDb = percentile(
    track.frames.map((f) => f.rmsDb),
    FLOOR_PERCENTILE,
  );
  // Measured once a run needs it: most answers' runs are all turned away first.
  let spectralReference: number | null | undefined;
  const reference = () => (spectralReference ??= samples ? wordSpectralChange(samples, words) : null);
  const runs: RunFeatures[] = [];
  let lastEndSec = Number.NEGATIVE_INFINITY;
  for (const region of searchRegions(words, durationSec)) {
    const frames = framesBetween(track.frames, region.startSec, region.endSec);
    if (looksUntranscribed(frames, region.gapSec)) continue;
    for (const run of candidateRuns(frames, floorDb)) {
      const core = trimToSteadyCore(run);
      const first = core[0];
      const last = core.at(-1);
      if (!first || !last || core.filter((f) => f.f0Hz !== null).length < MIN_PITCHED_FRAMES) continue;
      const startSec = Math.max(first.timeSec - track.hopSec / 2, lastEndSec);
      const endSec = last.timeSec + track.hopSec / 2;
      if (endSec - startSec < MIN_RUN_SEC) continue;
      lastEndSec = endSec;
      const features = describeRun(core, { startSec, endSec }, words, speechDb, floorDb);
      const dips = edgeDips(track, startSec, endSec, median(core.map((f) => f.rmsDb)));
      const continues = continuesPitch(track, first.timeSec, core);
      const described: RunFeatures = {
        ...features,
        gapSec: Math.max(0, region.gapSec),
        edgeDipDb: Math.min(dips.beforeDb, dips.afterDb),
        dipBeforeDb: dips.beforeDb,
        continuesPitchBefore: continues ? 1 : 0,
      };
      if (!keep(described)) continue;
      const yardstick = reference();
      if (samples && yardstick && yardstick > 0)
        described.spectralChangeRatio = meanSpectralChange(samples, startSec, endSec) / yardstick;
      runs.push(described);
    }
  }
  return runs;
}

type Region = { startSec: number; endSec: number; gapSec: number };

/** Gaps between words, each widened by TIMING_SLACK_SEC but never past a neighbouring word's middle. */
function searchRegions(words: readonly Word[], durationSec: number): Region[] {
  const regions: Region[] = [];
  let previous: Word | null = null;
  for (const word of [...words, null]) {
    const gapStart = previous ? previous.endSec : 0;
    const gapEnd = word ? word.startSec : durationSec;
    const from = previous
      ? Math.max(gapStart - TIMING_SLACK_SEC, (previous.startSec + previous.endSec) / 2)
      : 0;
    const to = word ? Math.min(gapEnd + TIMING_SLACK_SEC, (word.startSec + word.endSec) / 2) : durationSec;
    if (to - from >= MIN_RUN_SEC) regions.push({ startSec: from, endSec: to, gapSec: gapEnd - gapStart });
    if (word && (!previous || word.endSec > previous.endSec)) previous = word;
  }
  return regions;
}

function describeRun(
  run: readonly PitchFrame[],
  span: { startSec: number; endSec: number },
  words: readonly Word[],
  speechDb: number | null,
  floorDb: number,
): Omit<RunFeatures, 'edgeDipDb' | 'dipBeforeDb' | 'continuesPitchBefore' | 'gapSec'> {
  const points = run.flatMap((f) => (f.f0Hz === null ? [] : [{ t: f.timeSec, st: hzToSemitones(f.f0Hz) }]));
  const levels = run.map((f) => f.rmsDb);
  const levelDb = median(levels);
  return {
    ...span,
    durationSec: span.endSec - span.startSec,
    pitchHz: median(run.flatMap((f) => (f.f0Hz === null ? [] : [f.f0Hz]))),
    pitchSpreadSemitones: standardDeviation(points.map((p) => p.st)),
    pitchSlopeSemitonesPerSec: Math.abs(slope(points)),
    // No evidence either way until measured (filledPauseRuns, with the samples).
    spectralChangeRatio: 1,
    levelVsSpeechDb: speechDb === null ? 0 : levelDb - speechDb,
    aboveFloorDb: levelDb - floorDb,
    levelSpreadDb: standardDeviation(levels),
    aperiodicity: median(run.map((f) => f.aperiodicity)),
    outsideWordsShare: outsideShare(span, words),
    voicedShare: run.filter((f) => f.f0Hz !== null).length / run.length,
    levelSlopeDbPerSec: slope(run.map((f) => ({ t: f.timeSec, st: f.rmsDb }))),
  };
}

/** How far the level drops just before and just after the run, below the run's own level (dB). */
function edgeDips(
  track: PitchTrack,
  startSec: number,
  endSec: number,
  levelDb: number,
): { beforeDb: number; afterDb: number } {
  const minLevel = (from: number, to: number) => {
    let min = Number.POSITIVE_INFINITY;
    for (const f of framesBetween(track.frames, from, to, 'exclusive')) min = Math.min(min, f.rmsDb);
    return Number.isFinite(min) ? min : levelDb - 60;
  };
  return {
    beforeDb: levelDb - minLevel(startSec - EDGE_DIP_WINDOW_SEC, startSec),
    afterDb: levelDb - minLevel(endSec, endSec + EDGE_DIP_WINDOW_SEC),
  };
}

function continuesPitch(track: PitchTrack, startSec: number, run: readonly PitchFrame[]): boolean {
  const opening = run.find((f) => f.f0Hz !== null)?.f0Hz;
  if (opening == null) return false;
  let previous: number | null = null;
  for (const f of track.frames) {
    if (f.timeSec >= startSec) break;
    if (f.timeSec >= startSec - CONTINUITY_WINDOW_SEC && f.f0Hz !== null) previous = f.f0Hz;
  }
  return (
    previous !== null && Math.abs(hzToSemitones(previous) - hzToSemitones(opening)) <= CONTINUITY_SEMITONES
  );
}

function outsideShare(span: { startSec: number; endSec: number }, words: readonly Word[]): number {
  const length = span.endSec - span.startSec;
  if (length <= 0) return 0;
  let inside = 0;
  for (const word of words) {
    if (word.endSec <= span.startSec) continue;
    if (word.startSec >= span.endSec) break;
    inside += Math.min(word.endSec, span.endSec) - Math.max(word.startSec, span.startSec);
  }
  return Math.max(0, 1 - inside / length);
}

/** The speaker's typical envelope movement inside words: the yardstick for "steady". */
function wordSpectralChange(samples: AudioSamples, words: readonly Word[]): number | null {
  const step = Math.max(1, Math.floor(words.length / SPECTRAL_REFERENCE_WORDS));
  const values: number[] = [];
  for (let i = 0; i < words.length; i += step) {
    const word = words[i]!;
    // A "word" of seconds is a timestamp gone astray (a meaningless model, a hallucination), not speech
    // to learn the speaker's movement from; measured whole it cost seconds at Stop.
    const value = meanSpectralChange(
      samples,
      word.startSec,
      Math.min(word.endSec, word.startSec + MAX_REFERENCE_WORD_SEC),
    );
    if (value > 0) values.push(value);
  }
  return values.length > 0 ? median(values) : null;
}

/**
 * Runs of candidate frames. A run bridges a few unvoiced frames (tracker dropouts inside one "um") but
 * not a quiet one, and it splits where the pitch jumps: a filler spoken 30 ms from a word is two runs.
 */
function candidateRuns(frames: readonly PitchFrame[], floorDb: number): PitchFrame[][] {
  const loud = (f: PitchFrame) => f.rmsDb >= floorDb + CANDIDATE_ABOVE_FLOOR_DB;
  const isCandidate = (f: PitchFrame) =>
    f.f0Hz !== null || (f.aperiodicity <= CANDIDATE_MAX_APERIODICITY && loud(f));
  const runs: PitchFrame[][] = [];
  let current: PitchFrame[] = [];
  let lastPitched: PitchFrame | null = null;
  let dropout = 0;
  const close = () => {
    if (current.length > 0) runs.push(current);
    current = [];
    lastPitched = null;
    dropout = 0;
  };
  for (const frame of frames) {
    if (isCandidate(frame)) {
      if (
        frame.f0Hz !== null &&
        lastPitched?.f0Hz != null &&
        Math.abs(hzToSemitones(frame.f0Hz) - hzToSemitones(lastPitched.f0Hz)) > SPLIT_JUMP_SEMITONES
      ) {
        close();
      }
      current.push(frame);
      if (frame.f0Hz !== null) lastPitched = frame;
      dropout = 0;
    } else if (current.length > 0 && (!loud(frame) || ++dropout > MAX_DROPOUT_FRAMES)) {
      close();
    }
  }
  close();
  return runs;
}

/**
 * Frames at a run's ends that sit at another pitch belong to a neighbouring word and are trimmed; frames
 * without a pitch stay (they passed the candidate test).
 */
function trimToSteadyCore(run: readonly PitchFrame[]): PitchFrame[] {
  const pitches = run.flatMap((f) => (f.f0Hz === null ? [] : [hzToSemitones(f.f0Hz)]));
  if (pitches.length === 0) return [];
  const centre = median(pitches);
  const steady = (f: PitchFrame) =>
    f.f0Hz === null || Math.abs(hzToSemitones(f.f0Hz) - centre) <= EDGE_TRIM_SEMITONES;
  let start = 0;
  let end = run.length - 1;
  while (start <= end && !steady(run[start]!)) start += 1;
  while (end >= start && !steady(run[end]!)) end -= 1;
  return run.slice(start, end + 1);
}

/** The typical level of voiced frames inside words: the reference for "as loud as the speaker". */
function speechLevelDb(track: PitchTrack, words: readonly Word[]): number | null {
  const levels: number[] = [];
  let wordIndex = 0;
  for (const frame of track.frames) {
    while (wordIndex < words.length && words[wordIndex]!.endSec < frame.timeSec) wordIndex += 1;
    const word = words[wordIndex];
    if (word && frame.f0Hz !== null && frame.timeSec >= word.startSec) levels.push(frame.rmsDb);
  }
  return levels.length > 0 ? median(levels) : null;
}

function looksUntranscribed(frames: readonly PitchFrame[], gapSec: number): boolean {
  if (gapSec < UNTRANSCRIBED_MIN_GAP_SEC || frames.length === 0) return false;
  return frames.filter((f) => f.f0Hz !== null).length / frames.length > UNTRANSCRIBED_VOICED_SHARE;
}

/** Least-squares slope over time (of semitones, or of any other value in `st`). */
function slope(points: readonly { t: number; st: number }[]): number {
  if (points.length < 2) return 0;
  const meanT = points.reduce((s, p) => s + p.t, 0) / points.length;
  const meanSt = points.reduce((s, p) => s + p.st, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - meanT) * (p.st - meanSt);
    den += (p.t - meanT) ** 2;
  }
  return den > 0 ? num / den : 0;
}

function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return Number.NEGATIVE_INFINITY;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}
