// Synthetic audio for the acoustic detectors: voice-like harmonic tones with a chosen pitch contour,
// noise and silence, at 16 kHz. Real recordings are in the espeak fixtures; these pin exact values.
const SR = 16_000;

/** A harmonic tone (8 harmonics, falling 1/k) whose pitch at time t (s) is `pitchHz(t)`. */
export function voiced(
  durationSec: number,
  pitchHz: (tSec: number) => number,
  amplitude = 0.3,
): Float32Array {
  const n = Math.round(durationSec * SR);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i += 1) {
    phase += (2 * Math.PI * pitchHz(i / SR)) / SR;
    let sample = 0;
    for (let k = 1; k <= 8; k += 1) sample += Math.sin(k * phase) / k;
    out[i] = (sample / 2) * amplitude;
  }
  return out;
}

export function noise(durationSec: number, amplitude = 0.05, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(durationSec * SR));
  let s = seed;
  for (let i = 0; i < out.length; i += 1) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 2 * amplitude;
  }
  return out;
}

export const silence = (durationSec: number): Float32Array => new Float32Array(Math.round(durationSec * SR));

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Pitch that moves up and down by `semitones` around `centreHz`, `cyclesPerSec` times a second. */
export const swinging =
  (centreHz: number, semitones: number, cyclesPerSec = 0.7) =>
  (t: number): number =>
    centreHz * 2 ** ((semitones * Math.sin(2 * Math.PI * cyclesPerSec * t)) / 12);
