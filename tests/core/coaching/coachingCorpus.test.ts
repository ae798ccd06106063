// The detectors on a slice of the generalisation corpus (bench/coachingCorpus): one held-out answer per
// voice family, rendered here with espeak-ng, flite, festival and sox (installed by .ci/run; a missing tool
// fails the test). The full figures come from `npm run bench:coaching`; these floors make a regression
// fail the suite. The text detector has its own floors, without audio, in textFillerCorpus.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePace } from '../../../src/core/coaching/answerReport';
import { detectFilledPauses } from '../../../src/core/coaching/filledPauseDetector';
import {
  answerAudio,
  scoreAnswerCandidates,
  transcriptWords,
} from '../../../bench/coachingCorpus/acousticEvaluation';
import { ensureCorpus } from '../../../bench/coachingCorpus/corpus';
import type { AnswerTruth } from '../../../bench/coachingCorpus/renderAnswer';
import { isTuningScriptSet } from '../../../bench/coachingCorpus/scripts';
import { VOICE_FAMILIES } from '../../../bench/coachingCorpus/synthesis';
import { addCounts, jitterWords, rates, ZERO_COUNTS } from '../../../bench/coachingEvaluation';

/** One voice per family, its two answers from the held-out "chat" scripts. */
const VOICE_PER_FAMILY = ['espeak-us-m3', 'flite-awb', 'festival-slt-hts', 'flite-kal16'];
const inSlice = (id: string): boolean => VOICE_PER_FAMILY.some((voice) => id.startsWith(`${voice}-chat-`));

describe('coaching detectors on unseen voices and scripts', () => {
  let answers: AnswerTruth[];

  beforeAll(async () => {
    answers = await ensureCorpus({ filter: (r) => inSlice(r.id) });
  }, 600_000);

  it('covers every voice family with held-out scripts', () => {
    expect(answers).toHaveLength(8);
    expect(new Set(answers.map((a) => a.family))).toEqual(new Set(VOICE_FAMILIES));
    expect(answers.every((a) => !isTuningScriptSet(a.scriptSet))).toBe(true);
  });

  it('acoustic detector: finds most "um/uh" the transcript lacks, with timings jittered ±0.1 s, and few false ones', () => {
    let counts = ZERO_COUNTS;
    let fillers = 0;
    for (const [i, truth] of answers.entries()) {
      const audio = answerAudio(truth);
      const words = transcriptWords(truth, 0.1, 7 + i);
      const found = detectFilledPauses(audio.track, words, truth.durationSec, { samples: audio.samples });
      counts = addCounts(counts, scoreAnswerCandidates(found, truth));
      fillers += truth.vocalFillers.length;
    }
    const r = rates(counts);
    expect(fillers).toBeGreaterThanOrEqual(8);
    // The benchmark measures 98% / 81% on voice families the classifier never heard; these voices were
    // heard (not these scripts), so one miss more than today passes and two fail.
    expect(r.precision).toBeGreaterThanOrEqual(0.85);
    expect((fillers - counts.falseNegatives) / fillers).toBeGreaterThanOrEqual(0.75);
  });

  it('pace: within 5% of the true rate on every answer, fillers in the transcript or not', () => {
    for (const [i, truth] of answers.entries()) {
      const withVocal = [...truth.words, ...truth.vocalFillers].sort((a, b) => a.startSec - b.startSec);
      for (const spoken of [truth.words, withVocal]) {
        const measured = analyzePace(jitterWords(spoken, 0.1, 101 + i)).wordsPerMinute;
        expect(
          Math.abs(measured - truth.wordsPerMinute) / truth.wordsPerMinute,
          truth.id,
        ).toBeLessThanOrEqual(0.05);
      }
    }
  });
});
