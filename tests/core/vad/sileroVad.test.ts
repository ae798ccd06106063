import { describe, expect, it } from 'vitest';
import { rms } from '../../../src/core/audio/pcm';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { loadSileroModel } from '../../../src/core/vad/sileroModel';
import { SileroVad, VAD_WINDOW_SAMPLES, VAD_WINDOW_SEC } from '../../../src/core/vad/sileroVad';
import { sharedAudio } from '../../helpers/fixtures';
import { VAD_MODEL_PATH, whiteNoise } from './vadTestKit';

const model = loadSileroModel(VAD_MODEL_PATH);
const vad = new SileroVad(model);
const jfk = readWav16kMono(sharedAudio('jfk.wav')).samples;

/** Every 8th window of jfk.wav, i.e. windows 0, 8, 16, … 336. */
const EVERY = 8;
// Reference probabilities, computed outside this repository on this model file:
// - REFLECT: whisper.cpp's own VAD (whisper_vad_detect_speech, the ggml graph of the version bundled with
//   nodejs-whisper 0.3.1), which reflect-pads each window instead of carrying context. Over all 344 jfk
//   windows our 'reflect' mode differed by at most 0.0015 (mean 0.0001); on the two sonnet clips, the AMI
//   clip and a LibriSpeech clip by at most 0.0071 (mean ≤ 0.00005). ggml rounds activations to f16 before
//   each conv; we keep f32.
// - CONTEXT: Silero's own ONNX export of v6.2 (silero_vad_16k_op15.onnx, whose LSTM weights are byte-equal
//   to this file's) run the way Silero's OnnxWrapper runs it: 64 samples of context, state carried. Our
//   default mode differed by at most 0.0028 on jfk (mean 0.0001) and 0.0029 on the other clips; the ggml
//   file stores the conv weights as f16, the ONNX file as f32.
const REFLECT_REFERENCE = [
  0.0017, 0.0363, 0.963, 0.9728, 0.9878, 0.9882, 0.9809, 0.9994, 0.9976, 0.0713, 0.0641, 0.0167, 0.0173,
  0.9939, 0.9934, 0.1592, 0.999, 0.6007, 0.029, 0.02, 0.0387, 0.037, 0.9999, 0.9994, 0.9989, 0.9999, 0.9991,
  0.9992, 1.0, 0.9988, 0.0865, 0.0243, 0.9959, 0.9995, 0.9999, 0.9999, 0.9983, 0.9999, 0.9988, 0.9961, 0.9982,
  0.7341, 0.0817,
];
const CONTEXT_REFERENCE = [
  0.0017, 0.0313, 0.9902, 0.9909, 0.9984, 0.9977, 0.9952, 0.9994, 0.9985, 0.0607, 0.0553, 0.0124, 0.0106,
  0.9939, 0.9953, 0.2066, 0.9992, 0.7672, 0.0284, 0.0198, 0.0365, 0.0374, 0.9997, 0.9991, 0.9988, 0.9999,
  0.9991, 0.9989, 1.0, 0.9998, 0.0742, 0.0213, 0.9956, 0.9989, 0.9999, 0.9999, 0.9988, 0.9999, 0.9992, 0.999,
  0.9974, 0.5569, 0.0747,
];
/** Observed ≤ 0.0029 (see above), plus the references' 4-decimal rounding. */
const REFERENCE_TOLERANCE = 0.005;

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};
const every = (p: Float32Array): number[] => Array.from(p).filter((_, i) => i % EVERY === 0);
const levelDb = (s: Float32Array): number => 20 * Math.log10(rms(s) + 1e-12);

describe('SileroVad', () => {
  it('matches Silero’s own runtime on jfk.wav (64-sample context carried between windows)', () => {
    const p = vad.probabilities(jfk);
    expect(p.length).toBe(Math.ceil(jfk.length / VAD_WINDOW_SAMPLES));
    expect(maxAbsDiff(every(p), CONTEXT_REFERENCE)).toBeLessThan(REFERENCE_TOLERANCE);
  });

  it('matches whisper.cpp’s VAD on jfk.wav in reflect mode', () => {
    const reflect = new SileroVad(model, { contextMode: 'reflect' });
    expect(maxAbsDiff(every(reflect.probabilities(jfk)), REFLECT_REFERENCE)).toBeLessThan(
      REFERENCE_TOLERANCE,
    );
  });

  it.each([
    'jfk.wav',
    'librivox_shakespeare_sonnet_001.wav',
    'librivox_shakespeare_sonnets_002_003_concat.wav',
  ])('is confident during clearly voiced speech in %s', (file) => {
    const samples = file === 'jfk.wav' ? jfk : readWav16kMono(sharedAudio(file)).samples;
    const p = vad.probabilities(samples);
    // Windows louder than −20 dBFS are voiced speech in these recordings (their pauses sit near −40).
    const loud: number[] = [];
    for (let i = 0; i < p.length; i++) {
      if (levelDb(samples.subarray(i * VAD_WINDOW_SAMPLES, (i + 1) * VAD_WINDOW_SAMPLES)) > -20)
        loud.push(p[i]!);
    }
    expect(loud.length).toBeGreaterThan(50);
    expect(Math.min(...loud)).toBeGreaterThan(0.8);
    loud.sort((a, b) => a - b);
    expect(loud[Math.floor(loud.length / 2)]).toBeGreaterThan(0.99);
  });

  it('is low through jfk’s pauses', () => {
    const p = vad.probabilities(jfk);
    // Stretches where the recording sits at its noise floor (about −41 dBFS), measured on the waveform;
    // each starts 0.15 s late to let the model's hangover after the last word decay.
    for (const [from, to] of [
      [2.3, 3.2],
      [4.5, 5.35],
      [7.75, 8.1],
    ] as const) {
      const window = p.subarray(Math.ceil(from / VAD_WINDOW_SEC), Math.floor(to / VAD_WINDOW_SEC));
      expect(Math.max(...window), `${from}–${to} s`).toBeLessThan(0.2);
    }
  });

  it('is low on digital silence', () => {
    const p = vad.probabilities(new Float32Array(16_000 * 3));
    expect(Math.max(...p)).toBeLessThan(0.05);
  });

  it.each([
    [0.001, -65],
    [0.003, -55],
    [0.01, -45],
    [0.03, -35],
  ])('is low on white noise of peak %f (about %i dBFS RMS)', (peak) => {
    const p = vad.probabilities(whiteNoise(5, peak));
    expect(Math.max(...p)).toBeLessThan(0.25);
    expect(p.reduce((a, b) => a + b, 0) / p.length).toBeLessThan(0.05);
  });

  it('carries state between windows, and reset() starts over exactly', () => {
    const first = vad.probabilities(jfk.subarray(0, 16_000 * 3));
    vad.reset();
    const byHand: number[] = [];
    for (let i = 0; i + VAD_WINDOW_SAMPLES <= 16_000 * 3; i += VAD_WINDOW_SAMPLES) {
      byHand.push(vad.process(jfk.subarray(i, i + VAD_WINDOW_SAMPLES)));
    }
    expect(byHand.map(Math.fround)).toEqual(Array.from(first.subarray(0, byHand.length)));
    // The same window judged after other audio gives another answer: the LSTM remembers.
    const speechWindow = jfk.subarray(16_000, 16_000 + VAD_WINDOW_SAMPLES);
    vad.reset();
    const fresh = vad.process(speechWindow);
    expect(vad.process(speechWindow)).not.toBe(fresh);
  });

  it('refuses a window of the wrong size', () => {
    expect(() => vad.process(new Float32Array(480))).toThrow(/needs 512 samples, got 480/);
  });

  it('runs far faster than real time', () => {
    const samples = readWav16kMono(sharedAudio('librispeech_1221-135766-0001.wav')).samples;
    vad.probabilities(samples); // warm up the JIT
    const start = process.hrtime.bigint();
    const p = vad.probabilities(samples);
    const usPerWindow = Number(process.hrtime.bigint() - start) / 1e3 / p.length;
    console.info(`SileroVad: ${usPerWindow.toFixed(0)} µs per 32 ms window`);
    // About 350–450 µs on one core of the development machine; the bound leaves room for a busy CI box.
    expect(usPerWindow).toBeLessThan(4000);
  });
});
