import { describe, expect, it } from 'vitest';
import { float32ToPcm16, pcm16ToFloat32 } from '../../../src/core/audio/pcm';
import { detectFilledPauses } from '../../../src/core/coaching/filledPauseDetector';
import { trackPitch } from '../../../src/core/coaching/pitchTracker';
import { meanSpectralChange } from '../../../src/core/coaching/spectralChange';
import type { Word } from '../../../src/shared/domain';
import { concat, noise, silence, swinging, voiced } from './signals';

/** "word word <gap> word word": speech with moving pitch around a 1 s gap holding `gap`. */
function withGap(gap: Float32Array): { samples: Float32Array; words: Word[]; gapSec: [number, number] } {
  const speech = voiced(1, swinging(130, 4, 2));
  const samples = concat(speech, gap, speech);
  const gapEnd = 1 + gap.length / 16_000;
  const words: Word[] = [
    { text: 'we', startSec: 0, endSec: 0.45 },
    { text: 'shipped', startSec: 0.5, endSec: 1 },
    { text: 'it', startSec: gapEnd, endSec: gapEnd + 0.45 },
    { text: 'today', startSec: gapEnd + 0.5, endSec: gapEnd + 1 },
  ];
  return { samples, words, gapSec: [1, gapEnd] };
}

const detect = ({ samples, words }: ReturnType<typeof withGap>) =>
  detectFilledPauses(trackPitch(samples), words, samples.length / 16_000, { samples });

describe('detectFilledPauses', () => {
  it('flags a held, steady-pitched sound between words, with its time and pitch', () => {
    const fixture = withGap(
      concat(
        silence(0.2),
        voiced(0.5, () => 120),
        silence(0.3),
      ),
    );
    const [candidate, ...rest] = detect(fixture);
    expect(rest).toEqual([]);
    expect(candidate!.startSec).toBeCloseTo(1.2, 1);
    expect(candidate!.durationSec).toBeCloseTo(0.5, 1);
    expect(candidate!.pitchHz).toBeCloseTo(120, 0);
    expect(candidate!.confidence).toBeGreaterThan(0.7);
  });

  it('flags a short "uh" (0.2 s) squeezed between two words of a phrase', () => {
    const fixture = withGap(
      concat(
        silence(0.05),
        voiced(0.2, () => 115),
        silence(0.05),
      ),
    );
    const [candidate, ...rest] = detect(fixture);
    expect(rest).toEqual([]);
    expect(candidate!.startSec).toBeCloseTo(1.05, 1);
    expect(candidate!.pitchHz).toBeCloseTo(115, 0);
  });

  it("ignores the tail a room leaves after a word: it carries on the word's last note", () => {
    const word = voiced(0.6, () => 140);
    const tail = voiced(0.35, () => 140).map((x, i) => x * 0.3 * Math.exp(-i / 16_000 / 0.08));
    const samples = concat(
      voiced(0.5, swinging(130, 4, 2)),
      word,
      tail,
      silence(0.5),
      voiced(0.5, swinging(130, 4, 2)),
    );
    const words: Word[] = [
      { text: 'we', startSec: 0, endSec: 0.5 },
      { text: 'shipped', startSec: 0.5, endSec: 1.1 },
      { text: 'it', startSec: 1.95, endSec: 2.45 },
    ];
    expect(detectFilledPauses(trackPitch(samples), words, samples.length / 16_000, { samples })).toEqual([]);
  });

  it('ignores a steady hum as loud as the room between the words', () => {
    const hum = (sec: number) => voiced(sec, () => 100, 0.02);
    const underSpeech = hum(1);
    const speech = voiced(1, swinging(130, 4, 2)).map((x, i) => x + underSpeech[i]!);
    const samples = concat(hum(0.3), speech, hum(1), speech, hum(0.3));
    const words: Word[] = [
      { text: 'we', startSec: 0.3, endSec: 1.3 },
      { text: 'shipped', startSec: 2.3, endSec: 3.3 },
    ];
    expect(detectFilledPauses(trackPitch(samples), words, samples.length / 16_000, { samples })).toEqual([]);
  });

  it('ignores silence, breath-like noise and a quiet hum', () => {
    expect(detect(withGap(silence(1)))).toEqual([]);
    expect(detect(withGap(concat(silence(0.2), noise(0.5, 0.08), silence(0.3))))).toEqual([]);
    expect(detect(withGap(voiced(1, () => 60, 0.001)))).toEqual([]);
  });

  it('ignores a voiced sound whose pitch moves like a word', () => {
    expect(
      detect(
        withGap(
          concat(
            silence(0.2),
            // An octave in half a second (24 semitones/s): intonation, not a held "uh".
            voiced(0.5, (t) => 110 * 2 ** (2 * t)),
            silence(0.3),
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('ignores sounds too short to be a held filler, and gaps too short to hold one', () => {
    expect(
      detect(
        withGap(
          concat(
            silence(0.4),
            voiced(0.08, () => 120),
            silence(0.4),
          ),
        ),
      ),
    ).toEqual([]);
    const tight = withGap(voiced(0.2, () => 120));
    expect(detect(tight)).toEqual([]);
  });

  it('never reports a filler the transcript already has as a word', () => {
    const fixture = withGap(
      concat(
        silence(0.2),
        voiced(0.5, () => 120),
        silence(0.3),
      ),
    );
    const words = [
      ...fixture.words.slice(0, 2),
      { text: 'um', startSec: 1.2, endSec: 1.7 },
      ...fixture.words.slice(2),
    ];
    expect(detectFilledPauses(trackPitch(fixture.samples), words, 3, { samples: fixture.samples })).toEqual(
      [],
    );
  });

  it('leaves alone a long stretch of speech the engine failed to transcribe', () => {
    // Held, steady syllables (each would pass on its own) filling most of a 4 s gap.
    const syllables = Array.from({ length: 8 }, (_, i) =>
      concat(
        voiced(0.35, () => 100 + i * 15),
        silence(0.15),
      ),
    );
    const fixture = withGap(concat(...syllables));
    expect(detect(fixture)).toEqual([]);
    // The same audio with nothing transcribed at all.
    expect(detectFilledPauses(trackPitch(fixture.samples), [], fixture.samples.length / 16_000)).toEqual([]);
  });

  it('looks before the first word and after the last one too', () => {
    const samples = concat(
      voiced(0.5, () => 110),
      silence(0.3),
      voiced(1, swinging(130, 4, 2)),
    );
    const words: Word[] = [{ text: 'so', startSec: 0.8, endSec: 1.8 }];
    expect(detectFilledPauses(trackPitch(samples), words, 1.8)).toHaveLength(1);
  });
});

describe('meanSpectralChange', () => {
  it('is small for a held vowel and larger when the timbre moves', () => {
    const held = voiced(0.5, () => 120);
    // The same pitch with the harmonics' balance shifting, as formants move in a word.
    const moving = new Float32Array(held.length);
    for (let i = 0; i < moving.length; i += 1) {
      const t = i / 16_000;
      const bright = 0.5 + 0.5 * Math.sin(2 * Math.PI * 6 * t);
      moving[i] = Math.sin(2 * Math.PI * 120 * t) * (1 - bright) + Math.sin(2 * Math.PI * 960 * t) * bright;
    }
    expect(meanSpectralChange(held, 0, 0.5)).toBeLessThan(0.05);
    expect(meanSpectralChange(moving, 0, 0.5)).toBeGreaterThan(0.3);
    expect(meanSpectralChange(held, 0, 0.02)).toBe(0);
  });

  it('gives the same for 16-bit samples as for their Float32 form (a live answer keeps them 16-bit)', () => {
    const ints = float32ToPcm16(
      concat(
        voiced(0.5, () => 120),
        voiced(0.5, swinging(130, 4, 2)),
      ),
    );
    const floats = pcm16ToFloat32(ints);
    for (const [from, to] of [
      [0, 0.5],
      [0.5, 1],
      [0.2, 0.8],
    ] as const) {
      expect(meanSpectralChange(ints, from, to)).toBe(meanSpectralChange(floats, from, to));
    }
    const fixture = withGap(
      concat(
        silence(0.2),
        voiced(0.5, () => 120),
        silence(0.3),
      ),
    );
    const track = trackPitch(fixture.samples);
    const duration = fixture.samples.length / 16_000;
    const asFloats = detectFilledPauses(track, fixture.words, duration, {
      samples: pcm16ToFloat32(float32ToPcm16(fixture.samples)),
    });
    expect(asFloats).toHaveLength(1);
    expect(
      detectFilledPauses(track, fixture.words, duration, { samples: float32ToPcm16(fixture.samples) }),
    ).toEqual(asFloats);
  });
});
