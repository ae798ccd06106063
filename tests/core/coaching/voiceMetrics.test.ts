import { describe, expect, it } from 'vitest';
import { trackPitch } from '../../../src/core/coaching/pitchTracker';
import { analyzeVoice, MONOTONE_BELOW_SEMITONES } from '../../../src/core/coaching/voiceMetrics';
import type { Word } from '../../../src/shared/domain';
import { concat, silence, swinging, voiced } from './signals';

/** Words every 0.5 s over [fromSec, toSec), with a full stop every `sentenceWords` words. */
function wordsOver(fromSec: number, toSec: number, sentenceWords = 6): Word[] {
  const out: Word[] = [];
  for (let t = fromSec, i = 1; t + 0.45 <= toSec; t += 0.5, i += 1) {
    out.push({ text: i % sentenceWords === 0 ? 'end.' : 'word', startSec: t, endSec: t + 0.45 });
  }
  return out;
}

describe('analyzeVoice', () => {
  it('flags a monotone and not a voice that moves', () => {
    const flat = analyzeVoice(trackPitch(voiced(12, swinging(120, 0.5))), wordsOver(0, 12));
    const lively = analyzeVoice(trackPitch(voiced(12, swinging(120, 5))), wordsOver(0, 12));
    expect(flat.monotone).toBe(true);
    expect(flat.pitchVariationSemitones).toBeLessThan(MONOTONE_BELOW_SEMITONES);
    expect(flat.monotoneSpans).toEqual([{ startSec: 0, endSec: 11 }]);
    expect(lively.monotone).toBe(false);
    expect(lively.pitchVariationSemitones).toBeGreaterThan(3);
    expect(lively.medianPitchHz).toBeCloseTo(120, -1);
  });

  it('reports where the voice went flat in an otherwise lively answer', () => {
    const samples = concat(
      voiced(10, swinging(130, 5)),
      voiced(10, () => 130),
      voiced(10, swinging(130, 5)),
    );
    const v = analyzeVoice(trackPitch(samples), wordsOver(0, 30));
    expect(v.monotone).toBe(false);
    expect(v.monotoneSpans).toHaveLength(1);
    expect(v.monotoneSpans[0]!.startSec).toBeGreaterThanOrEqual(9);
    expect(v.monotoneSpans[0]!.endSec).toBeLessThanOrEqual(21);
  });

  it('finds sentences whose last word fades, and where', () => {
    // Each 3 s sentence: six words; in the second sentence the last word is 14 dB quieter.
    const loud = voiced(2.5, () => 140, 0.3);
    const quiet = voiced(0.5, () => 140, 0.06);
    const normalEnd = voiced(0.5, () => 140, 0.3);
    const samples = concat(loud, normalEnd, loud, quiet, loud, normalEnd);
    const words = wordsOver(0, 9);
    const v = analyzeVoice(trackPitch(samples), words);
    expect(v.sentenceEndCount).toBe(3);
    expect(v.trailingOffs).toHaveLength(1);
    expect(v.trailingOffs[0]).toMatchObject({ wordIndex: 11, atSec: 5.5 });
    expect(v.trailingOffs[0]!.dropDb).toBeGreaterThan(10);
  });

  it('treats a long gap as a sentence end when there is no punctuation', () => {
    const samples = concat(
      voiced(2, () => 140),
      silence(1),
      voiced(2, () => 140),
    );
    const words: Word[] = [0, 0.5, 1, 1.5, 3, 3.5, 4, 4.5].map((s) => ({
      text: 'w',
      startSec: s,
      endSec: s + 0.45,
    }));
    expect(analyzeVoice(trackPitch(samples), words).sentenceEndCount).toBe(2);
  });

  it('copes with silence', () => {
    const v = analyzeVoice(trackPitch(silence(3)), wordsOver(0, 3));
    expect(v).toMatchObject({ voicedShare: 0, medianPitchHz: null, monotone: false, trailingOffs: [] });
  });
});
