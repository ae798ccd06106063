// The acoustic filled-pause detector on the corpus: the transcript is the answer's words without its vocal
// fillers (as Whisper leaves them out), timed with each edge jittered like an engine's, and the detector
// gets the same inputs as in the app: the pitch track, the samples and the words.
import { readWav16kMono } from '../../src/core/audio/readWav';
import { detectFilledPauses } from '../../src/core/coaching/filledPauseDetector';
import { trackPitch, type PitchTrack } from '../../src/core/coaching/pitchTracker';
import type { FilledPauseCandidate, Word } from '../../src/shared/domain';
import { addCounts, jitterWords, ZERO_COUNTS, type Counts } from '../coachingEvaluation';
import type { AnswerTruth } from './renderAnswer';

export const EVAL_JITTER_SEC = 0.1;

export type AnswerAudio = { track: PitchTrack; samples: Float32Array };

const audioCache = new Map<string, AnswerAudio>();

export function answerAudio(truth: AnswerTruth): AnswerAudio {
  const cached = audioCache.get(truth.wavPath);
  if (cached) return cached;
  const samples = readWav16kMono(truth.wavPath).samples;
  const entry = { samples, track: trackPitch(samples) };
  audioCache.set(truth.wavPath, entry);
  return entry;
}

/**
 * Recognisers drop some words as well as fillers (Whisper deletes 1–3 % of words on clean speech). The
 * stress condition leaves this share of the words out of the transcript, so a voiced sound between
 * transcript words is not always a filler.
 */
export const STRESS_DROPPED_WORD_SHARE = 0.02;

/**
 * The transcript the detector sees for one answer: its words less the dropped ones, each edge jittered by
 * up to ±jitterSec, all seeded so every run of the benchmark sees the same transcript.
 */
export function transcriptWords(
  truth: AnswerTruth,
  jitterSec: number,
  seed: number,
  droppedShare = 0,
): Word[] {
  let state = (seed * 2654435761) >>> 0 || 1;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const kept = truth.words.filter(() => random() >= droppedShare);
  return jitterSec > 0 ? jitterWords(kept, jitterSec, seed) : kept;
}

const overlaps = (a: { startSec: number; endSec: number }, b: { startSec: number; endSec: number }) =>
  a.startSec < b.endSec && a.endSec > b.startSec;

export function scoreAnswerCandidates(
  candidates: readonly FilledPauseCandidate[],
  truth: AnswerTruth,
): Counts & { shortFound: number; shortTotal: number } {
  const fillers = truth.vocalFillers;
  const tp = candidates.filter((c) => fillers.some((f) => overlaps(c, f))).length;
  const foundFillers = fillers.filter((f) => candidates.some((c) => overlaps(c, f)));
  const short = fillers.filter((f) => !f.drawnOut);
  return {
    // Recall counts fillers found; precision counts candidates that are real (one filler split in two
    // is not a false alarm).
    truePositives: tp,
    falsePositives: candidates.length - tp,
    falseNegatives: fillers.length - foundFillers.length,
    shortFound: foundFillers.filter((f) => !f.drawnOut).length,
    shortTotal: short.length,
  };
}

export type AcousticScore = Counts & {
  foundFillers: number;
  totalFillers: number;
  shortFound: number;
  shortTotal: number;
};

export function scoreAcoustic(
  truths: readonly AnswerTruth[],
  detect: (audio: AnswerAudio, words: Word[], truth: AnswerTruth) => FilledPauseCandidate[],
  jitterSec = EVAL_JITTER_SEC,
): AcousticScore {
  let counts: Counts = ZERO_COUNTS;
  let shortFound = 0;
  let shortTotal = 0;
  let foundFillers = 0;
  let totalFillers = 0;
  for (const [i, truth] of truths.entries()) {
    const words = transcriptWords(truth, jitterSec, 7 + i);
    const result = scoreAnswerCandidates(detect(answerAudio(truth), words, truth), truth);
    counts = addCounts(counts, result);
    shortFound += result.shortFound;
    shortTotal += result.shortTotal;
    totalFillers += truth.vocalFillers.length;
    foundFillers += truth.vocalFillers.length - result.falseNegatives;
  }
  return { ...counts, shortFound, shortTotal, foundFillers, totalFillers };
}

/** The product detector, as the app calls it. */
export function productDetector() {
  return (audio: AnswerAudio, words: Word[], truth: AnswerTruth) =>
    detectFilledPauses(audio.track, words, truth.durationSec, { samples: audio.samples });
}
