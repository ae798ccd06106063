// The full coaching analysis of one answer, from its timed words and (when there is one) its audio. Every
// detector lives in its own module; this one only wires them together in a fixed, explainable order.
import type { AnswerAnalysis, PaceAnalysis, Question, TargetLength, Word } from '../../shared/domain';
import { DEFAULT_TARGET, judgeLength } from './answerLength';
import { scoreAnswer } from './answerScore';
import { countFillers } from './fillerWords';
import { findFillerBursts } from './fillerBursts';
import { detectFilledPauses } from './filledPauseDetector';
import { findHedges, hedgesPerMinute } from './hedges';
import { SECONDS_PER_MINUTE, spokenWords, wordsPerMinute } from './pace';
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
  /** The pitch track of the answer's audio; without it there is no voice or filled-pause analysis. */
  pitchTrack?: PitchTrack | null;
};

export function computeAnswerAnalysis(input: AnswerAnalysisInput): AnswerAnalysis {
  const { words, durationSec, pitchTrack } = input;
  const question = input.question ?? null;
  const target = input.target ?? DEFAULT_TARGET;
  const fillers = countFillers(words);
  const filledPauseCandidates = pitchTrack ? detectFilledPauses(pitchTrack, words, durationSec) : [];
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
  const pace = analyzePace(words);
  const voice = pitchTrack && words.length > 0 ? analyzeVoice(pitchTrack, words) : null;
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

/** The same, computing the pitch track from 16 kHz samples in slices so the event loop keeps running. */
export async function analyzeAnswerWithAudio(
  samples: Float32Array,
  input: Omit<AnswerAnalysisInput, 'pitchTrack'>,
): Promise<AnswerAnalysis> {
  const pitchTrack = samples.length > 0 ? await trackPitchAsync(samples) : null;
  return computeAnswerAnalysis({ ...input, pitchTrack });
}

export function analyzePace(words: readonly Word[]): PaceAnalysis {
  const spoken = spokenWords(words);
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
