// The one coaching report of an answer, from its timed words and (when there is one) its audio. Every
// detector lives in its own module; this one only wires them together in a fixed, explainable order.
import type {
  AnswerReport,
  CoachingAnalysis,
  FillerHit,
  PaceAnalysis,
  Question,
  TargetLength,
  Word,
} from '../../shared/domain';
import { toFloat32, type AudioSamples } from '../audio/pcm';
import { DEFAULT_TARGET, judgeLength } from './answerLength';
import { scoreAnswer } from './answerScore';
import { countFillers } from './fillerWords';
import { findFillerBursts } from './fillerBursts';
import { detectFilledPauses } from './filledPauseDetector';
import { findHedges, hedgesPerMinute } from './hedges';
import { SECONDS_PER_MINUTE, speakingSpanSec, wordsPerMinute, wordsWithoutFillers } from './pace';
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

export type AnswerReportInput = {
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

export type AnswerAudio = { track: PitchTrack; samples: AudioSamples };

type TranscriptMeasures = Omit<AnswerReport, 'coaching'>;

/**
 * What the words alone measure. `durationSec` is the recording's length. Pace uses the speaking span (so
 * the lead-in before the first word doesn't count against it) while fillers per minute use the whole
 * duration. Trailing silence is not a long pause: it is usually the time taken to press stop.
 */
export function measureTranscript(words: readonly Word[], durationSec: number): TranscriptMeasures {
  const fillers = countFillers(words);
  const minutes = durationSec / SECONDS_PER_MINUTE;
  return {
    durationSec,
    speakingSec: speakingSpanSec(words),
    wordCount: words.length,
    fillers,
    fillerCount: fillers.length,
    transcriptFillersPerMinute: minutes > 0 ? fillers.length / minutes : 0,
    longPauses: findLongPauses(words),
    pace: analyzePace(words, fillers),
  };
}

/** The report with its coaching; without a question there is no structure check, without audio no voice. */
export function computeAnswerReport(input: AnswerReportInput): AnswerReport {
  const measures = measureTranscript(input.words, input.durationSec);
  return { ...measures, coaching: coach(input, measures) };
}

/** The report of an answer whose coaching could not be computed: the transcript's measures only. */
export function transcriptOnlyReport(words: readonly Word[], durationSec: number): AnswerReport {
  return { ...measureTranscript(words, durationSec), coaching: null };
}

function coach(input: AnswerReportInput, measures: TranscriptMeasures): CoachingAnalysis {
  const { words, durationSec } = input;
  const audio = input.audio ?? null;
  const question = input.question ?? null;
  const target = input.target ?? DEFAULT_TARGET;
  const { fillers, pace } = measures;
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
    suggestions: words.length > 0 ? writeSuggestions({ analysis: partial, pace, fillers }) : [],
  };
}

/**
 * The same, computing the pitch track from 16 kHz samples in slices so the event loop keeps running;
 * a live answer passes the `track` it built while recording, so Stop does not compute it again.
 */
export async function computeAnswerReportWithAudio(
  samples: AudioSamples,
  input: Omit<AnswerReportInput, 'audio'>,
  track?: PitchTrack,
): Promise<AnswerReport> {
  const audio =
    samples.length > 0 ? { track: track ?? (await trackPitchAsync(toFloat32(samples))), samples } : null;
  return computeAnswerReport({ ...input, audio });
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
