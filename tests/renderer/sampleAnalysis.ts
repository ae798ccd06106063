// A coaching analysis for the renderer tests, matching fakeApi's sampleResult ("So um I think [2.4 s] you
// know it works."): a hedge at word 2, one filled pause heard in the long pause, and a missing STAR result.
import type {
  AnswerReport,
  AnswerResult,
  CoachingAnalysis,
  PaceAnalysis,
  SessionDetail,
} from '../../src/shared/domain';
import { sampleDetail, sampleResult } from './fakeApi';

/** The filler-free pace the coached sample reports (the plain sample's report says 76.2). */
export const SAMPLE_PACE: PaceAnalysis = {
  wordsPerMinute: 131.4,
  verdict: 'comfortable',
  timeline: [
    { atSec: 5, wordsPerMinute: 120 },
    { atSec: 7, wordsPerMinute: 142 },
    { atSec: 9, wordsPerMinute: 135 },
  ],
  variationWpm: 9,
  longPauseCount: 1,
  longestPauseSec: 2.4,
  longestPauseAtSec: 1.9,
};

export function sampleAnalysis(overrides: Partial<CoachingAnalysis> = {}): CoachingAnalysis {
  return {
    questionKind: 'behavioural',
    target: { minSec: 60, maxSec: 120 },
    fillersPerMinute: 2.8,
    fillerBursts: [],
    filledPauseCandidates: [{ startSec: 3, endSec: 3.4, durationSec: 0.4, pitchHz: 118, confidence: 0.8 }],
    voice: {
      voicedShare: 0.6,
      medianPitchHz: 118,
      pitchVariationSemitones: 1.1,
      monotone: true,
      monotoneSpans: [{ startSec: 0, endSec: 6 }],
      loudnessVariationDb: 2.3,
      sentenceEndCount: 1,
      trailingOffs: [{ wordIndex: 7, atSec: 6.4, dropDb: 8 }],
    },
    language: {
      hedges: [{ text: 'i think', wordIndex: 2, startSec: 1, endSec: 1.9 }],
      hedgesPerMinute: 0.9,
      immediateRepeats: [],
      repeatedPhrases: [],
      overusedWords: [],
      vocabulary: { words: 7, uniqueWords: 7, typeTokenRatio: 1, movingTypeTokenRatio: 1 },
      length: { durationSec: 65, target: { minSec: 60, maxSec: 120 }, verdict: 'on-target' },
    },
    structure: {
      kind: 'star',
      parts: [
        { part: 'situation', present: true, cue: 'we were', atSec: 0.5 },
        { part: 'task', present: true, cue: 'i had to', atSec: 1 },
        { part: 'action', present: true, cue: 'i decided', atSec: 4.4 },
        { part: 'result', present: false, cue: null, atSec: null },
      ],
      missing: ['result'],
    },
    score: {
      total: 71,
      breakdown: [
        { id: 'fluency', label: 'Fluency', score: 84, weight: 0.25, detail: '2.8 fillers a minute' },
        {
          id: 'pace',
          label: 'Pace & pauses',
          score: 100,
          weight: 0.15,
          detail: '131 words a minute, 1 long pause',
        },
        { id: 'delivery', label: 'Voice', score: 40, weight: 0.15, detail: 'flat pitch (1.1 semitones)' },
        { id: 'language', label: 'Language', score: 100, weight: 0.15, detail: '1 hedge, 0 repetitions' },
        { id: 'structure', label: 'Structure', score: 75, weight: 0.2, detail: 'missing result' },
        { id: 'length', label: 'Length', score: 100, weight: 0.1, detail: '65 s against 60–120 s' },
      ],
    },
    suggestions: [
      {
        id: 'monotone',
        text: 'Your pitch stayed flat from 0:00 to 0:06; lift your voice on the words that matter.',
      },
      { id: 'star-result', text: 'Your answer had no clear result; end with what happened because of it.' },
    ],
    ...overrides,
  };
}

/** A report with this coaching, and the pace that goes with it. */
export function coachedReport(
  base: AnswerReport,
  coaching: CoachingAnalysis = sampleAnalysis(),
): AnswerReport {
  return { ...base, pace: SAMPLE_PACE, coaching };
}

export function analysedResult(overrides: Partial<AnswerResult> = {}): AnswerResult {
  const base = sampleResult();
  return sampleResult({ report: coachedReport(base.report), ...overrides });
}

export function analysedDetail(): SessionDetail {
  const detail = sampleDetail();
  const answers = detail.answers.map((a, i) =>
    i === 0
      ? { ...a, report: coachedReport(a.report) }
      : {
          ...a,
          report: coachedReport(
            a.report,
            sampleAnalysis({
              score: { total: 81, breakdown: sampleAnalysis().score.breakdown },
              suggestions: [
                { id: 'keep-fluency', text: 'You used hardly any fillers: keep pausing silently.' },
                { id: 'hedges', text: "You hedged 4 times ('i think' ×4); say what you did plainly." },
              ],
            }),
          ),
        },
  );
  return {
    ...detail,
    answers,
    score: 76,
    sessionScore: {
      total: 76,
      answerCount: 2,
      breakdown: sampleAnalysis().score.breakdown.map((p) => ({ ...p, detail: 'mean of 2 answers' })),
    },
  };
}
