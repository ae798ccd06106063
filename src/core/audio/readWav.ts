import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';

// wavefile ships CommonJS for Node; its named export only exists through the default object.
const { WaveFile } = wavefile;

export type WavInfo = { sampleRateHz: number; channels: number; bitsPerSample: number; durationSec: number };

/** Reads a 16 kHz mono 16-bit WAV (our own recordings and test fixtures) into Float32 samples. */
export function readWav16kMono(path: string): { samples: Float32Array; info: WavInfo } {
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(readFileSync(path));
  } catch (err) {
    throw new Error(`${path} is not a readable WAV file: ${(err as Error).message}`);
  }
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
  // Checked before decoding: wavefile throws a bare RangeError on a header with an odd bit depth.
  if (fmt.sampleRate !== SAMPLE_RATE_HZ || fmt.numChannels !== 1 || fmt.bitsPerSample !== 16) {
    throw new Error(
      `${path} is ${fmt.sampleRate} Hz, ${fmt.numChannels} channel(s), ${fmt.bitsPerSample}-bit; ` +
        `expected 16000 Hz mono 16-bit (use decodeAudioFile() for other formats)`,
    );
  }
  let samples: Float64Array;
  try {
    samples = wav.getSamples(false, Float64Array) as unknown as Float64Array;
  } catch (err) {
    throw new Error(`${path} is not a readable WAV file: ${(err as Error).message}`);
  }
  const info: WavInfo = {
    sampleRateHz: fmt.sampleRate,
    channels: fmt.numChannels,
    bitsPerSample: fmt.bitsPerSample,
    durationSec: samples.length / fmt.numChannels / fmt.sampleRate,
  };
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return { samples: out, info };
}
