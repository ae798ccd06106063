// The 0–100 score: one sub-score per aspect, each with the reason in words, combined with fixed weights.
// Aspects that could not be measured (no audio, unknown question) drop out and the rest are re-weighted,
// so a transcript import is not punished for lacking a voice.
import type {
  AnswerScore,
  FillerBurst,
  LanguageAnalysis,
  PaceAnalysis,
  ScoreComponent,
  ScoreComponentId,
  StructureAnalysis,
  VoiceAnalysis,
} from '../../shared/domain';

export const SCORE_WEIGHTS: Record<ScoreComponentId, number> = {
  fluency: 0.25,
  structure: 0.2,
  pace: 0.15,
  delivery: 0.15,
  language: 0.15,
  length: 0.1,
};

export const SCORE_LABELS: Record<ScoreComponentId, string> = {
  fluency: 'Fluency',
  structure: 'Structure',
  pace: 'Pace & pauses',
  delivery: 'Voice',
  language: 'Language',
  length: 'Length',
};

/** The pace band that scores full marks, in words per minute. */
export const COMFORTABLE_WPM = { min: 120, max: 160 } as const;
/** Up to this many fillers a minute is normal in fluent conversation. */
const FREE_FILLERS_PER_MIN = 1;
const POINTS_PER_EXTRA_FILLER_PER_MIN = 9;
const POINTS_PER_BURST = 8;
const MAX_BURST_PENALTY = 24;
const POINTS_PER_WPM_OUTSIDE_BAND = 1.2;
/** Long pauses beyond this many cost points; one or two are natural. */
const FREE_LONG_PAUSES = 2;
const POINTS_PER_EXTRA_PAUSE = 5;
const UNEVEN_PACE_WPM = 35;
const UNEVEN_PACE_PENALTY = 10;
/** Pitch movement (semitones) at which the voice score is full, and where it bottoms out. */
const LIVELY_SEMITONES = 2.5;
const FLAT_SEMITONES = 0.5;
const FLAT_VOICE_SCORE = 30;
const TRAILING_OFF_PENALTY = 40;
/** Too little voiced sound to judge the voice: the component is left out. */
const MIN_VOICED_SHARE = 0.1;
const FREE_HEDGES_PER_MIN = 1;
const POINTS_PER_EXTRA_HEDGE_PER_MIN = 10;
const POINTS_PER_STUMBLE = 3;
const POINTS_PER_PET_PHRASE = 5;
const MAX_REPEAT_PENALTY = 15;
/** A moving type-token ratio under this reads as a narrow vocabulary. */
const NARROW_VOCABULARY_MATTR = 0.6;
const NARROW_VOCABULARY_PENALTY = 10;
/** Each second outside the target costs this share of the target's bound. */
const LENGTH_OVERRUN_SLOPE = 1.5;

export type ScoreInputs = {
  fillersPerMinute: number;
  fillerBursts: readonly FillerBurst[];
  pace: PaceAnalysis;
  voice: VoiceAnalysis | null;
  language: LanguageAnalysis;
  structure: StructureAnalysis | null;
  wordCount: number;
};

export function scoreAnswer(inputs: ScoreInputs): AnswerScore {
  if (inputs.wordCount === 0) {
    return { total: 0, breakdown: [component('length', 0, 'No speech was recognised.')] };
  }
  const parts = [
    fluencyScore(inputs),
    paceScore(inputs.pace),
    inputs.voice && inputs.voice.voicedShare >= MIN_VOICED_SHARE ? voiceScore(inputs.voice) : null,
    languageScore(inputs.language),
    inputs.structure ? structureScore(inputs.structure) : null,
    lengthScore(inputs.language.length),
  ].filter((part): part is ScoreComponent => part !== null);
  const weightSum = parts.reduce((sum, part) => sum + SCORE_WEIGHTS[part.id], 0);
  const breakdown = parts.map((part) => ({ ...part, weight: SCORE_WEIGHTS[part.id] / weightSum }));
  const total = Math.round(breakdown.reduce((sum, part) => sum + part.score * part.weight, 0));
  return { total, breakdown };
}

function component(id: ScoreComponentId, score: number, detail: string): ScoreComponent {
  return { id, label: SCORE_LABELS[id], score: Math.round(clamp(score, 0, 100)), weight: 1, detail };
}

function fluencyScore({ fillersPerMinute, fillerBursts }: ScoreInputs): ScoreComponent {
  const extra = Math.max(0, fillersPerMinute - FREE_FILLERS_PER_MIN);
  const burstPenalty = Math.min(MAX_BURST_PENALTY, fillerBursts.length * POINTS_PER_BURST);
  const bursts = fillerBursts.length
    ? `, ${fillerBursts.length} burst${fillerBursts.length > 1 ? 's' : ''}`
    : '';
  return component(
    'fluency',
    100 - extra * POINTS_PER_EXTRA_FILLER_PER_MIN - burstPenalty,
    `${fillersPerMinute.toFixed(1)} fillers a minute${bursts}`,
  );
}

function paceScore(pace: PaceAnalysis): ScoreComponent {
  const wpm = pace.wordsPerMinute;
  const outside =
    wpm < COMFORTABLE_WPM.min ? COMFORTABLE_WPM.min - wpm : Math.max(0, wpm - COMFORTABLE_WPM.max);
  const pausePenalty = Math.max(0, pace.longPauseCount - FREE_LONG_PAUSES) * POINTS_PER_EXTRA_PAUSE;
  const unevenPenalty = pace.variationWpm > UNEVEN_PACE_WPM ? UNEVEN_PACE_PENALTY : 0;
  const pauses = pace.longPauseCount
    ? `, ${pace.longPauseCount} long pause${pace.longPauseCount > 1 ? 's' : ''}`
    : '';
  return component(
    'pace',
    100 - outside * POINTS_PER_WPM_OUTSIDE_BAND - pausePenalty - unevenPenalty,
    `${Math.round(wpm)} words a minute${pauses}`,
  );
}

function voiceScore(voice: VoiceAnalysis): ScoreComponent {
  const liveliness = clamp(
    (voice.pitchVariationSemitones - FLAT_SEMITONES) / (LIVELY_SEMITONES - FLAT_SEMITONES),
    0,
    1,
  );
  const pitchScore = FLAT_VOICE_SCORE + (100 - FLAT_VOICE_SCORE) * liveliness;
  const trailingShare = voice.sentenceEndCount > 0 ? voice.trailingOffs.length / voice.sentenceEndCount : 0;
  const faded = voice.trailingOffs.length
    ? `, faded at ${voice.trailingOffs.length} sentence end${voice.trailingOffs.length > 1 ? 's' : ''}`
    : '';
  return component(
    'delivery',
    pitchScore - trailingShare * TRAILING_OFF_PENALTY,
    `${voice.monotone ? 'flat' : 'varied'} pitch (${voice.pitchVariationSemitones.toFixed(1)} semitones)${faded}`,
  );
}

function languageScore(language: LanguageAnalysis): ScoreComponent {
  const hedgePenalty =
    Math.max(0, language.hedgesPerMinute - FREE_HEDGES_PER_MIN) * POINTS_PER_EXTRA_HEDGE_PER_MIN;
  const repeatPenalty = Math.min(
    MAX_REPEAT_PENALTY,
    language.immediateRepeats.length * POINTS_PER_STUMBLE +
      language.repeatedPhrases.length * POINTS_PER_PET_PHRASE,
  );
  const narrow =
    language.vocabulary.words >= 20 && language.vocabulary.movingTypeTokenRatio < NARROW_VOCABULARY_MATTR;
  return component(
    'language',
    100 - hedgePenalty - repeatPenalty - (narrow ? NARROW_VOCABULARY_PENALTY : 0),
    `${language.hedges.length} hedge${language.hedges.length === 1 ? '' : 's'}, ${language.immediateRepeats.length + language.repeatedPhrases.length} repetition${language.immediateRepeats.length + language.repeatedPhrases.length === 1 ? '' : 's'}`,
  );
}

function structureScore(structure: StructureAnalysis): ScoreComponent {
  if (structure.kind === 'star') {
    const present = structure.parts.filter((p) => p.present).length;
    const detail = structure.missing.length
      ? `missing ${structure.missing.join(', ')}`
      : 'all four STAR parts';
    return component('structure', (present / structure.parts.length) * 100, detail);
  }
  const total = structure.points.length;
  return component(
    'structure',
    total > 0 ? (structure.coveredCount / total) * 100 : 100,
    `${structure.coveredCount} of ${total} talking points`,
  );
}

function lengthScore(length: LanguageAnalysis['length']): ScoreComponent {
  const { durationSec, target } = length;
  let score = 100;
  if (durationSec < target.minSec) score = (durationSec / target.minSec) * 100;
  else if (durationSec > target.maxSec)
    score = 100 - ((durationSec - target.maxSec) / target.maxSec) * 100 * LENGTH_OVERRUN_SLOPE;
  return component(
    'length',
    score,
    // Whole seconds counted as the app's clock counts them (52.7 s is 00:52 on screen and here 52 s).
    `${Math.floor(durationSec)} s against ${target.minSec}–${target.maxSec} s`,
  );
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));
