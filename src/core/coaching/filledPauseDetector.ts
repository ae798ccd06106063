// Whisper tends to leave "um" and "uh" out of its text, so the gaps between transcribed words are checked
// for them acoustically: a filled pause is voiced (the vocal folds vibrate) and holds one pitch and one
// vowel for a while, whereas silence, breath and noise are unvoiced, and words move their pitch.
import type { FilledPauseCandidate, Word } from '../../shared/domain';
import { hzToSemitones, type PitchFrame, type PitchTrack } from './pitchTracker';
import { median } from './voiceMetrics';
import { standardDeviation } from './paceTimeline';
import { meanSpectralChange } from './spectralChange';

export type FilledPauseParams = {
  /** Gaps shorter than this can't hold a filled pause worth mentioning. */
  minGapSec: number;
  /** Word timestamps are approximate: this much of each gap's edges is ignored, so word sounds don't leak in. */
  edgeGuardSec: number;
  /** Voiced runs shorter than this are a stray syllable, not a held "uh". */
  minDurationSec: number;
  /** A held filler's pitch stays within this spread (standard deviation in semitones). */
  maxPitchSpreadSemitones: number;
  /** …and drifts no faster than this (semitones per second); a word's pitch glides faster. */
  maxPitchSlopeSemitonesPerSec: number;
  /** Unvoiced frames a run may skip over (tracker dropouts inside one "um"). */
  maxDropoutFrames: number;
  /** Runs much quieter than the speech (by this many dB) are background, not the speaker. */
  maxBelowSpeechDb: number;
  /** A filled pause stands this far (dB) above the recording's background level (hum, fans, hiss). */
  minAboveFloorDb: number;
  /** A held vowel's envelope barely changes; a word's moves more than this (see spectralChange.ts). */
  maxSpectralChange: number;
};

export const DEFAULT_FILLED_PAUSE_PARAMS: Readonly<FilledPauseParams> = {
  minGapSec: 0.25,
  edgeGuardSec: 0.04,
  minDurationSec: 0.15,
  maxPitchSpreadSemitones: 1.5,
  maxPitchSlopeSemitonesPerSec: 6,
  maxDropoutFrames: 4,
  maxBelowSpeechDb: 20,
  minAboveFloorDb: 12,
  maxSpectralChange: 0.3,
};

/**
 * A gap at least this long that is voiced for more than UNTRANSCRIBED_VOICED_SHARE of its frames is speech
 * the engine failed to transcribe, not a pause: its words would all look like filled pauses, so it is
 * left alone.
 */
export const UNTRANSCRIBED_MIN_GAP_SEC = 1.5;
export const UNTRANSCRIBED_VOICED_SHARE = 0.35;

/** Run-edge frames further than this from the run's median pitch belong to a neighbouring word. */
const EDGE_TRIM_SEMITONES = 2;
/** The background level is this percentile of all frames' levels: the room between the words. */
const FLOOR_PERCENTILE = 0.1;

/** Runs this long or longer get full marks for duration in the confidence. */
const CONFIDENT_DURATION_SEC = 0.45;

type VoicedRun = PitchFrame[];

/**
 * Candidates in the gaps between `words` (and before the first and after the last, up to `durationSec`).
 * Fillers the transcript already has are words, so they are never reported twice. With `samples` (the
 * 16 kHz audio the track came from) runs whose spectrum moves like a word's are also rejected.
 */
export function detectFilledPauses(
  track: PitchTrack,
  words: readonly Word[],
  durationSec: number,
  options: { samples?: Float32Array; params?: Partial<FilledPauseParams> } = {},
): FilledPauseCandidate[] {
  const p = { ...DEFAULT_FILLED_PAUSE_PARAMS, ...options.params };
  const speechDb = speechLevelDb(track, words);
  const floorDb = percentile(
    track.frames.map((f) => f.rmsDb),
    FLOOR_PERCENTILE,
  );
  const candidates: FilledPauseCandidate[] = [];
  for (const gap of gapsBetween(words, durationSec)) {
    if (gap.endSec - gap.startSec < p.minGapSec) continue;
    const from = gap.startSec + p.edgeGuardSec;
    const to = gap.endSec - p.edgeGuardSec;
    const frames = track.frames.filter((f) => f.timeSec >= from && f.timeSec <= to);
    if (looksUntranscribed(frames, to - from)) continue;
    for (const run of voicedRuns(frames, p.maxDropoutFrames)) {
      const core = trimToSteadyCore(run, EDGE_TRIM_SEMITONES);
      const candidate = judgeRun(core, track.hopSec, speechDb, floorDb, p);
      if (!candidate) continue;
      if (
        options.samples &&
        meanSpectralChange(options.samples, candidate.startSec, candidate.endSec) > p.maxSpectralChange
      ) {
        continue;
      }
      candidates.push(candidate);
    }
  }
  return candidates;
}

function gapsBetween(words: readonly Word[], durationSec: number): { startSec: number; endSec: number }[] {
  const gaps: { startSec: number; endSec: number }[] = [];
  let cursor = 0;
  for (const word of words) {
    gaps.push({ startSec: cursor, endSec: word.startSec });
    cursor = Math.max(cursor, word.endSec);
  }
  gaps.push({ startSec: cursor, endSec: durationSec });
  return gaps;
}

function voicedRuns(frames: readonly PitchFrame[], maxDropout: number): VoicedRun[] {
  const runs: VoicedRun[] = [];
  let current: PitchFrame[] = [];
  let dropout = 0;
  for (const frame of frames) {
    if (frame.f0Hz !== null) {
      current.push(frame);
      dropout = 0;
    } else if (current.length > 0 && ++dropout > maxDropout) {
      runs.push(current);
      current = [];
      dropout = 0;
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/**
 * A run that swallowed the edge of a neighbouring word (timestamps are approximate) starts or ends at
 * another pitch: those frames are trimmed so the held sound itself is judged.
 */
function trimToSteadyCore(run: VoicedRun, maxOffSemitones: number): VoicedRun {
  const pitches = run.flatMap((f) => (f.f0Hz === null ? [] : [hzToSemitones(f.f0Hz)]));
  if (pitches.length === 0) return [];
  const centre = median(pitches);
  const steady = (f: PitchFrame) =>
    f.f0Hz !== null && Math.abs(hzToSemitones(f.f0Hz) - centre) <= maxOffSemitones;
  let start = 0;
  let end = run.length - 1;
  while (start <= end && !steady(run[start]!)) start += 1;
  while (end >= start && !steady(run[end]!)) end -= 1;
  return run.slice(start, end + 1);
}

function judgeRun(
  run: VoicedRun,
  hopSec: number,
  speechDb: number | null,
  floorDb: number,
  p: FilledPauseParams,
): FilledPauseCandidate | null {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last) return null;
  const durationSec = last.timeSec - first.timeSec + hopSec;
  if (durationSec < p.minDurationSec) return null;
  const pitches = run.map((f) => f.f0Hz).filter((hz): hz is number => hz !== null);
  const semitones = run.flatMap((f) =>
    f.f0Hz === null ? [] : [{ t: f.timeSec, st: hzToSemitones(f.f0Hz) }],
  );
  const spread = standardDeviation(semitones.map((x) => x.st));
  if (spread > p.maxPitchSpreadSemitones) return null;
  if (Math.abs(slope(semitones)) > p.maxPitchSlopeSemitonesPerSec) return null;
  const levelDb = median(run.map((f) => f.rmsDb));
  if (speechDb !== null && levelDb < speechDb - p.maxBelowSpeechDb) return null;
  if (levelDb < floorDb + p.minAboveFloorDb) return null;
  const durationScore = Math.min(1, durationSec / CONFIDENT_DURATION_SEC);
  const steadiness = 1 - spread / p.maxPitchSpreadSemitones;
  const periodicity = 1 - median(run.map((f) => f.aperiodicity));
  return {
    startSec: first.timeSec - hopSec / 2,
    endSec: last.timeSec + hopSec / 2,
    durationSec,
    pitchHz: median(pitches),
    confidence: clamp01(0.4 * durationScore + 0.4 * steadiness + 0.2 * periodicity),
  };
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

/** Least-squares slope of semitones over time. */
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
  if (values.length === 0) return -Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));
