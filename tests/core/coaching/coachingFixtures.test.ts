// The detectors on speech synthesised by espeak-ng with known timings (scripts/makeCoachingFixtures.ts):
// the fixtures are generated on first run into .cache/fixtures/coaching. The thresholds here sit a little
// below what bench/coachingAccuracy.ts measures, so a real regression fails while noise does not.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureAudio,
  meanAbsolute,
  rates,
  scoreAcousticDetector,
  scorePace,
  scoreTextDetector,
  transcriptFor,
} from '../../../bench/coachingEvaluation';
import { ensureCoachingFixtures, type FixtureTruth } from '../../../scripts/makeCoachingFixtures';
import { computeAnswerReport } from '../../../src/core/coaching/answerReport';
import { analyzeVoice } from '../../../src/core/coaching/voiceMetrics';
import { FILLER_TRANSCRIPTS } from '../../fixtures/coaching/fillerTranscripts';

/** Whisper's word timestamps are rarely better than this. */
const REALISTIC_JITTER_SEC = 0.1;

describe('coaching detectors on synthesised answers with known timings', () => {
  let fixtures: FixtureTruth[];
  const named = (name: string) => fixtures.find((f) => f.name === name)!;

  beforeAll(async () => {
    fixtures = await ensureCoachingFixtures();
  });

  it('the text detector finds scripted fillers and leaves the context traps alone', () => {
    const r = rates(scoreTextDetector(FILLER_TRANSCRIPTS));
    expect(r.precision).toBeGreaterThanOrEqual(0.97);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('the acoustic detector finds filled pauses in the gaps between words (exact and jittered timings)', () => {
    const withFillers = fixtures.filter((f) => f.fillers.length > 0);
    expect(withFillers.length).toBeGreaterThanOrEqual(5);
    const exact = rates(scoreAcousticDetector(withFillers, 0));
    const jittered = rates(scoreAcousticDetector(withFillers, REALISTIC_JITTER_SEC));
    // These espeak-only fixtures tuned the old hand thresholds; the classifier is fitted on the corpus of
    // bench/coachingCorpus (tests/core/coaching/coachingCorpus.test.ts guards it on unseen voices).
    // Their gaps also hold words the transcript dropped, which the classifier can take for an "uh" (the
    // benchmark's stress row measures the same weakness): precision is lower here than on the corpus.
    expect(exact.recall).toBeGreaterThanOrEqual(0.85);
    expect(exact.precision).toBeGreaterThanOrEqual(0.75);
    expect(jittered.recall).toBeGreaterThanOrEqual(0.85);
    expect(jittered.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('flags at most one sound in the six answers without fillers', () => {
    const clean = fixtures.filter((f) => f.fillers.length === 0);
    const counts = scoreAcousticDetector(clean, REALISTIC_JITTER_SEC);
    expect(counts.falsePositives).toBeLessThanOrEqual(1);
  });

  it('measures pace within a few words per minute, fillers in the transcript or not', () => {
    const pace = fixtures.filter((f) => f.name.startsWith('pace-'));
    expect(meanAbsolute(scorePace(pace, false, 0).map((c) => c.errorWpm))).toBeLessThan(0.5);
    expect(meanAbsolute(scorePace(fixtures, true, REALISTIC_JITTER_SEC).map((c) => c.errorWpm))).toBeLessThan(
      4,
    );
    const [slow, medium, fast] = ['pace-slow', 'pace-medium', 'pace-fast'].map((n) =>
      computeAnswerReport({ words: transcriptFor(named(n), false, 0), durationSec: named(n).durationSec }),
    );
    expect([slow!.pace.verdict, medium!.pace.verdict, fast!.pace.verdict]).toEqual([
      'slow',
      'comfortable',
      'fast',
    ]);
  });

  it('tells a monotone voice from a lively one', () => {
    const flat = analyzeVoice(fixtureAudio(named('voice-monotone')).track, named('voice-monotone').words);
    const lively = analyzeVoice(fixtureAudio(named('voice-varied')).track, named('voice-varied').words);
    expect(flat.monotone).toBe(true);
    expect(lively.monotone).toBe(false);
    expect(lively.pitchVariationSemitones).toBeGreaterThan(flat.pitchVariationSemitones * 3);
  });

  it('finds the sentence ends that trail off, at the quiet words', () => {
    const truth = named('voice-trailing');
    const voice = analyzeVoice(fixtureAudio(truth).track, truth.words);
    expect(voice.trailingOffs.map((t) => t.wordIndex)).toEqual(truth.quietWordIndexes);
    expect(voice.sentenceEndCount).toBe(6);
  });

  it('produces a full, scored analysis with suggestions from audio and timings', () => {
    const truth = named('fillers-us-male');
    const analysis = computeAnswerReport({
      words: transcriptFor(truth, false, REALISTIC_JITTER_SEC),
      durationSec: truth.durationSec,
      audio: fixtureAudio(truth),
      question: { kind: 'behavioural' },
    }).coaching!;
    expect(analysis.filledPauseCandidates.length).toBeGreaterThanOrEqual(6);
    expect(analysis.fillersPerMinute).toBeGreaterThan(6);
    expect(analysis.structure?.kind).toBe('star');
    expect(analysis.voice).not.toBeNull();
    expect(analysis.score.total).toBeGreaterThan(0);
    expect(analysis.score.total).toBeLessThan(100);
    expect(analysis.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(analysis.suggestions.length).toBeLessThanOrEqual(4);
    expect(analysis.suggestions.map((s) => s.id)).toContain('fillers');
  });
});
