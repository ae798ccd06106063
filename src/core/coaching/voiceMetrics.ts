// Voice from the audio itself: how much the pitch moves (a monotone delivery sounds disengaged), how much
// the loudness varies, and whether sentences fade out at the end. Everything is reported with where it
// happened, so the speaker can listen back to that moment.
import type { TimeSpan, TrailingOff, VoiceAnalysis, Word } from '../../shared/domain';
import { endsSentence } from './phraseMatch';
import { framesBetween, hzToSemitones, type PitchFrame, type PitchTrack } from './pitchTracker';
import { standardDeviation } from './paceTimeline';
import { median } from '../median';

/** Lively speech moves its pitch by 2–4 semitones (standard deviation); below this it sounds flat. */
export const MONOTONE_BELOW_SEMITONES = 1.5;
/** Pitch readings further than this from the median are octave errors of the tracker, not intonation. */
const PITCH_OUTLIER_SEMITONES = 10;
/** Monotone stretches are looked for in windows this long… */
export const MONOTONE_WINDOW_SEC = 6;
const MONOTONE_STEP_SEC = 1;
/** …that hold at least this much voiced sound (so a mostly silent window isn't called flat). */
const MONOTONE_MIN_VOICED_SEC = 1.2;
/** A gap this long after a word ends a sentence when the transcript has no punctuation. */
export const SENTENCE_GAP_SEC = 0.6;
/** The last word this much quieter than the rest of its sentence has trailed off. */
export const TRAILING_OFF_DB = 6;
/** The sentence's level is the median of up to this many words before its last. */
const TRAILING_REFERENCE_WORDS = 6;
const TRAILING_MIN_REFERENCE_WORDS = 2;
/** A word's level is this percentile of its frames: its vowels, not its consonants or edges. */
const WORD_LEVEL_PERCENTILE = 0.8;

export function analyzeVoice(track: PitchTrack, words: readonly Word[]): VoiceAnalysis {
  const first = words[0];
  const last = words.at(-1);
  const spanStart = first?.startSec ?? 0;
  const spanEnd = last?.endSec ?? track.frames.at(-1)?.timeSec ?? 0;
  const inSpan = framesBetween(track.frames, spanStart, spanEnd);
  const voiced = cleanVoiced(inSpan);
  const semitones = voiced.map((f) => hzToSemitones(f.f0Hz));
  const pitchVariationSemitones = standardDeviation(semitones);
  const wordLevels = words.map((word) => wordLevelDb(track, word));
  const { sentenceEndCount, trailingOffs } = findTrailingOffs(words, wordLevels);
  return {
    voicedShare: inSpan.length > 0 ? voiced.length / inSpan.length : 0,
    medianPitchHz: voiced.length > 0 ? median(voiced.map((f) => f.f0Hz)) : null,
    pitchVariationSemitones,
    monotone:
      voiced.length * track.hopSec >= MONOTONE_MIN_VOICED_SEC &&
      pitchVariationSemitones < MONOTONE_BELOW_SEMITONES,
    monotoneSpans: findMonotoneSpans(voiced, track.hopSec, spanStart, spanEnd),
    loudnessVariationDb: standardDeviation(wordLevels.filter((db): db is number => db !== null)),
    sentenceEndCount,
    trailingOffs,
  };
}

type VoicedFrame = PitchFrame & { f0Hz: number };

function cleanVoiced(frames: readonly PitchFrame[]): VoicedFrame[] {
  const voiced = frames.filter((f): f is VoicedFrame => f.f0Hz !== null);
  if (voiced.length === 0) return [];
  const centre = hzToSemitones(median(voiced.map((f) => f.f0Hz)));
  return voiced.filter((f) => Math.abs(hzToSemitones(f.f0Hz) - centre) <= PITCH_OUTLIER_SEMITONES);
}

function findMonotoneSpans(
  voiced: readonly VoicedFrame[],
  hopSec: number,
  from: number,
  to: number,
): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (let start = from; start + MONOTONE_WINDOW_SEC <= to + 1e-9; start += MONOTONE_STEP_SEC) {
    const end = start + MONOTONE_WINDOW_SEC;
    const inWindow = framesBetween(voiced, start, end, 'exclusive');
    if (inWindow.length * hopSec < MONOTONE_MIN_VOICED_SEC) continue;
    if (standardDeviation(inWindow.map((f) => hzToSemitones(f.f0Hz))) >= MONOTONE_BELOW_SEMITONES) continue;
    const previous = spans.at(-1);
    if (previous && start <= previous.endSec) previous.endSec = end;
    else spans.push({ startSec: start, endSec: end });
  }
  return spans;
}

function wordLevelDb(track: PitchTrack, word: Word): number | null {
  const levels = framesBetween(track.frames, word.startSec, word.endSec)
    .map((f) => f.rmsDb)
    .sort((a, b) => a - b);
  if (levels.length === 0) return null;
  return levels[Math.min(levels.length - 1, Math.floor(levels.length * WORD_LEVEL_PERCENTILE))]!;
}

function findTrailingOffs(
  words: readonly Word[],
  levels: readonly (number | null)[],
): { sentenceEndCount: number; trailingOffs: TrailingOff[] } {
  const trailingOffs: TrailingOff[] = [];
  let sentenceEndCount = 0;
  let sentenceStart = 0;
  words.forEach((word, index) => {
    const next = words[index + 1];
    const isEnd = next === undefined || endsSentence(word) || next.startSec - word.endSec >= SENTENCE_GAP_SEC;
    if (!isEnd) return;
    const reference = levels
      .slice(Math.max(sentenceStart, index - TRAILING_REFERENCE_WORDS), index)
      .filter((db): db is number => db !== null);
    const finalDb = levels[index];
    sentenceStart = index + 1;
    if (reference.length < TRAILING_MIN_REFERENCE_WORDS || finalDb === null || finalDb === undefined) return;
    sentenceEndCount += 1;
    const dropDb = median(reference) - finalDb;
    if (dropDb >= TRAILING_OFF_DB) trailingOffs.push({ wordIndex: index, atSec: word.startSec, dropDb });
  });
  return { sentenceEndCount, trailingOffs };
}
