// Answers saved before the one coaching report (schema 7, bundle version 2) kept two: a "metrics" object
// and an optional "analysis". Both said "fillersPerMinute", meaning transcript fillers in the first and
// transcript fillers plus filled pauses heard in the audio in the second. This reads them into the one
// report, keeping every stored value; only what neither kept (the pace of an answer without an analysis)
// is measured again from its stored words.
import type { AnswerReport, CoachingAnalysis, PaceAnalysis, Word } from '../../shared/domain';
import { measureTranscript } from './answerReport';

type LegacyMetrics = Partial<
  Pick<AnswerReport, 'durationSec' | 'speakingSec' | 'wordCount' | 'fillers' | 'fillerCount' | 'longPauses'>
> & { fillersPerMinute?: number };
type LegacyAnalysis = Omit<CoachingAnalysis, never> & { pace?: PaceAnalysis };

/**
 * `metrics` and `analysis` as stored (either may be null or incomplete: the first schema wrote '{}' for
 * some rows); `durationSec` is the answer's length from its own column, used when the metrics lack it.
 */
export function upgradeLegacyReport(
  metrics: unknown,
  analysis: unknown,
  words: readonly Word[],
  durationSec: number,
): AnswerReport {
  const m = (isObject(metrics) ? metrics : {}) as LegacyMetrics;
  const a = isObject(analysis) ? (analysis as LegacyAnalysis) : null;
  const measured = measureTranscript(words, m.durationSec ?? durationSec);
  const { pace, ...coaching } = a ?? {};
  return {
    durationSec: m.durationSec ?? measured.durationSec,
    speakingSec: m.speakingSec ?? measured.speakingSec,
    wordCount: m.wordCount ?? measured.wordCount,
    fillers: m.fillers ?? measured.fillers,
    fillerCount: m.fillerCount ?? measured.fillerCount,
    transcriptFillersPerMinute: m.fillersPerMinute ?? measured.transcriptFillersPerMinute,
    longPauses: m.longPauses ?? measured.longPauses,
    pace: pace ?? measured.pace,
    coaching: a ? (coaching as CoachingAnalysis) : null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
