// The full coaching analysis of one answer, from its timed words and (when there is one) its audio. Every
// detector lives in its own module; this one only wires them together in a fixed, explainable order.
import type {
  AnswerAnalysis,
  FillerHit,
  PaceAnalysis,
  Question,
  TargetLength,
  Word,
} from '../../shared/domain';
import { DEFAULT_TARGET, judgeLength } from './answerLength';
import { scoreAnswer } from './answerScore';
import { countFillers } from './fillerWords';
import { findFillerBursts } from './fillerBursts';
import { detectFilledPauses } from './filledPauseDetector';
import { findHedges, hedgesPerMinute } from './hedges';
import { SECONDS_PER_MINUTE, wordsPerMinute, wordsWithoutFillers } from './pace';
import { paceTimeline, standardDeviation } from './paceTimeline';
import { findLongPauses } from './pauses';
import { trackPitchAsync, type PitchTrack } from './pitchTracker';
import { findRepetition } from './repetition';
import { checkStarStructure } from './starStructure';
import { writeSuggestions } from './suggestions';
import { checkTalkingPoints, talkingPointsFor } from './talkingPoints';
import { measureVocabulary } from './vocabulary';
import { analyzeVoice } from './voiceMetrics';
import { COMFORTABLE_WPM } from './answerScore';

export type AnswerAnalysisInput = {
  words: readonly Word[];
  /** Length of the recording (or of the transcript when there is no recording). */
  durationSec: number;
  /** The question answered, when known: its kind picks the structure check. */
  question?: Pick<Question, 'kind' | 'talkingPoints'> | null;
  target?: TargetLength;
  /**
   * The answer's audio and its pitch track; without it there is no voice or filled-pause analysis. The
   * samples let the filled-pause detector check that a held sound keeps one vowel (see spectralChange.ts),
   * as the accuracy benchmark measures it.
   */
  audio?: AnswerAudio | null;
};

export type AnswerAudio = { track: PitchTrack; samples: Float32Array };

export function computeAnswerAnalysis(input: AnswerAnalysisInput): AnswerAnalysis {
  const { words, durationSec } = input;
  const audio = input.audio ?? null;
  const question = input.question ?? null;
  const target = input.target ?? DEFAULT_TARGET;
  const fillers = countFillers(words);
  const filledPauseCandidates = audio
    ? detectFilledPauses(audio.track, words, durationSec, { samples: audio.samples })
    : [];
  const minutes = durationSec / SECONDS_PER_MINUTE;
  const fillerCount = fillers.length + filledPauseCandidates.length;
  const fillerBursts = findFillerBursts([
    ...fillers.map((f) => ({ text: f.text, startSec: f.startSec })),
    ...filledPauseCandidates.map((c) => ({ text: 'um', startSec: c.startSec })),
  ]);
  const hedges = findHedges(words);
  const language = {
    hedges,
    hedgesPerMinute: hedgesPerMinute(hedges, durationSec),
    ...findRepetition(words),
    vocabulary: measureVocabulary(words),
    length: judgeLength(durationSec, target),
  };
  const structure =
    question === null
      ? null
      : question.kind === 'behavioural'
        ? checkStarStructure(words)
        : checkTalkingPoints(words, talkingPointsFor(question));
  const pace = analyzePace(words, fillers);
  const voice = audio && words.length > 0 ? analyzeVoice(audio.track, words) : null;
  const fillersPerMinute = minutes > 0 ? fillerCount / minutes : 0;
  const score = scoreAnswer({
    fillersPerMinute,
    fillerBursts,
    pace,
    voice,
    language,
    structure,
    wordCount: words.length,
  });
  const partial = {
    questionKind: question?.kind ?? null,
    target,
    pace,
    fillersPerMinute,
    fillerBursts,
    filledPauseCandidates,
    voice,
    language,
    structure,
    score,
  };
  return {
    ...partial,
    suggestions: words.length > 0 ? writeSuggestions({ analysis: partial, fillers }) : [],
  };
}

/**
 * The same, computing the pitch track from 16 kHz samples in slices so the event loop keeps running;
 * a live answer passes the `track` it built while recording, so Stop does not compute it again.
 */
export async function analyzeAnswerWithAudio(
  samples: Float32Array,
  input: Omit<AnswerAnalysisInput, 'audio'>,
  track?: PitchTrack,
): Promise<AnswerAnalysis> {
  const audio = samples.length > 0 ? { track: track ?? (await trackPitchAsync(samples)), samples } : null;
  return computeAnswerAnalysis({ ...input, audio });
}

/**
 * Pace counts words said, not fillers: "um" and a filler "like" or "you know" take time but carry nothing,
 * so they are left out of both the rate and the timeline (fillers found only in the audio are not words
 * in the first place). `fillers` defaults to what countFillers finds.
 */
export function analyzePace(
  words: readonly Word[],
  fillers: readonly FillerHit[] = countFillers(words),
): PaceAnalysis {
  const spoken = wordsWithoutFillers(words, fillers);
  const timeline = paceTimeline(spoken);
  const wpm = wordsPerMinute(spoken);
  const longPauses = findLongPauses(words);
  const longest = longPauses.reduce<(typeof longPauses)[number] | null>(
    (best, pause) => (best === null || pause.durationSec > best.durationSec ? pause : best),
    null,
  );
  return {
    wordsPerMinute: wpm,
    verdict:
      wpm === 0
        ? 'unknown'
        : wpm < COMFORTABLE_WPM.min
          ? 'slow'
          : wpm > COMFORTABLE_WPM.max
            ? 'fast'
            : 'comfortable',
    timeline,
    variationWpm: standardDeviation(timeline.map((p) => p.wordsPerMinute)),
    longPauseCount: longPauses.length,
    longestPauseSec: longest?.durationSec ?? 0,
    longestPauseAtSec: longest?.startSec ?? null,
  };
}
