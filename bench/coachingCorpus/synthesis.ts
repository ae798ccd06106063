// The speech synthesisers Debian packages, behind one call: a word (or a filler) in, 16 kHz mono samples
// out with the silence around it trimmed. Every word is rendered on its own, so where each word starts and
// ends in the assembled answer is known exactly (the engines' command lines print no word timings).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import wavefile from 'wavefile';
import { SAMPLE_RATE_HZ } from '../../src/shared/audioFormat';
import { trackPitch } from '../../src/core/coaching/pitchTracker';

const { WaveFile } = wavefile;

export type Engine = 'espeak-ng' | 'flite' | 'festival';

export type Voice = {
  /** Unique, used in file names: "espeak-en-us+m3". */
  id: string;
  /** Voices sharing an engine technique or a speaker: left out together. */
  family: VoiceFamily;
  engine: Engine;
  /** espeak-ng voice, flite voice name, or festival voice procedure. */
  name: string;
};

export const VOICE_FAMILIES = ['espeak-formant', 'flite-clustergen', 'cmu-slt', 'diphone'] as const;
export type VoiceFamily = (typeof VOICE_FAMILIES)[number];

/**
 * mbrola voices are not in Debian's main archive (only contrib/non-free), so they are not installable
 * here; espeak-ng's own variants, flite's four English voices and festival's three stand in.
 */
export const VOICES: readonly Voice[] = [
  { id: 'espeak-us-m3', family: 'espeak-formant', engine: 'espeak-ng', name: 'en-us+m3' },
  { id: 'espeak-gb-f2', family: 'espeak-formant', engine: 'espeak-ng', name: 'en-gb+f2' },
  { id: 'espeak-scot-m7', family: 'espeak-formant', engine: 'espeak-ng', name: 'en-gb-scotland+m7' },
  { id: 'espeak-rp-klatt4', family: 'espeak-formant', engine: 'espeak-ng', name: 'en-gb-x-rp+klatt4' },
  { id: 'espeak-029-f4', family: 'espeak-formant', engine: 'espeak-ng', name: 'en-029+f4' },
  { id: 'flite-awb', family: 'flite-clustergen', engine: 'flite', name: 'awb' },
  { id: 'flite-rms', family: 'flite-clustergen', engine: 'flite', name: 'rms' },
  { id: 'flite-slt', family: 'cmu-slt', engine: 'flite', name: 'slt' },
  { id: 'festival-slt-hts', family: 'cmu-slt', engine: 'festival', name: 'voice_cmu_us_slt_arctic_hts' },
  { id: 'flite-kal16', family: 'diphone', engine: 'flite', name: 'kal16' },
  { id: 'festival-kal', family: 'diphone', engine: 'festival', name: 'voice_kal_diphone' },
  { id: 'festival-ked', family: 'diphone', engine: 'festival', name: 'voice_ked_diphone' },
];

/**
 * What each engine is asked to say for a hesitation. espeak-ng takes phonemes. flite's and festival's
 * lexicons read some spellings as letter names ("uh" → "you aitch" in one voice), which is no filled
 * pause at all; so each voice uses, of a few spellings, the one it renders most voiced: a filled pause is
 * a voiced vowel by definition.
 */
const ESPEAK_FILLERS: Record<'um' | 'uh' | 'er', string> = { um: '[[V:m]]', uh: '[[V:]]', er: '[[3:]]' };
const FILLER_SPELLINGS: Record<'um' | 'uh' | 'er', readonly string[]> = {
  um: ['um', 'umm', 'erm', 'hmm'],
  uh: ['uh', 'uhh', 'ah', 'a'],
  er: ['er', 'erm', 'uh', 'ah'],
};

/** Trimming keeps everything within this many dB of the loudest 10 ms. */
const TRIM_BELOW_PEAK_DB = 40;

export class Synthesiser {
  private readonly cache = new Map<string, Float32Array>();

  constructor(private readonly tmpDir = mkdtempSync(path.join(os.tmpdir(), 'coach-corpus-'))) {}

  dispose(): void {
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  /** Renders `texts` for one voice at `rate` (1 = the engine's default speed, 1.2 = 20 % faster). */
  async renderWords(voice: Voice, rate: number, texts: readonly string[]): Promise<Float32Array[]> {
    const key = (text: string) => `${voice.id}|${rate}|${text}`;
    const missing = [...new Set(texts.filter((t) => !this.cache.has(key(t))))];
    if (voice.engine === 'festival') {
      const rendered = await this.festival(voice, rate, missing);
      missing.forEach((text, i) => this.cache.set(key(text), rendered[i]!));
    } else {
      for (const text of missing) this.cache.set(key(text), await this.single(voice, rate, text));
    }
    return texts.map((text) => this.cache.get(key(text))!);
  }

  async renderFiller(voice: Voice, rate: number, filler: 'um' | 'uh' | 'er'): Promise<Float32Array> {
    if (voice.engine === 'espeak-ng') return this.single(voice, rate, ESPEAK_FILLERS[filler]);
    const options = await this.renderWords(voice, rate, FILLER_SPELLINGS[filler]);
    const voicedShare = (samples: Float32Array) => {
      const frames = trackPitch(samples).frames;
      return frames.length ? frames.filter((f) => f.f0Hz !== null).length / frames.length : 0;
    };
    return options.reduce((best, option) => (voicedShare(option) > voicedShare(best) ? option : best));
  }

  private async single(voice: Voice, rate: number, text: string): Promise<Float32Array> {
    if (voice.engine === 'espeak-ng') {
      const wav = await run('espeak-ng', [
        '-v',
        voice.name,
        '-s',
        String(Math.round(165 * rate)),
        '--stdout',
        text,
      ]);
      return toTrimmed16k(wav);
    }
    const out = path.join(this.tmpDir, 'flite.wav');
    await run('flite', [
      '-voice',
      voice.name,
      '--setf',
      `duration_stretch=${(1 / rate).toFixed(3)}`,
      '-t',
      text,
      '-o',
      out,
    ]);
    return toTrimmed16k(readFileSync(out));
  }

  /** festival takes seconds to start, so every text of a call is rendered in one batch. */
  private async festival(voice: Voice, rate: number, texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const files = texts.map((_, i) => path.join(this.tmpDir, `festival-${i}.wav`));
    const scheme = [
      `(${voice.name})`,
      `(Parameter.set 'Duration_Stretch ${(1 / rate).toFixed(3)})`,
      ...texts.map(
        (text, i) =>
          `(utt.save.wave (utt.wave.resample (utt.synth (Utterance Text ${JSON.stringify(text)})) ${SAMPLE_RATE_HZ}) ${JSON.stringify(files[i])} 'riff)`,
      ),
    ].join('\n');
    const script = path.join(this.tmpDir, 'batch.scm');
    writeFileSync(script, scheme);
    await run('festival', ['--batch', script]);
    return files.map((file) => toTrimmed16k(readFileSync(file)));
  }
}

/** Decodes any PCM WAV, resamples to 16 kHz and trims leading and trailing silence. */
export function toTrimmed16k(buffer: Buffer, options: { trim?: boolean } = {}): Float32Array {
  const wav = new WaveFile(buffer);
  const fmt = wav.fmt as { sampleRate: number };
  if (fmt.sampleRate !== SAMPLE_RATE_HZ) wav.toSampleRate(SAMPLE_RATE_HZ);
  wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array;
  const samples = Float32Array.from(raw);
  return options.trim === false ? samples : trimSilence(samples);
}

function trimSilence(samples: Float32Array): Float32Array {
  const frame = Math.round(SAMPLE_RATE_HZ * 0.01);
  const levels: number[] = [];
  for (let i = 0; i + frame <= samples.length; i += frame) {
    let sum = 0;
    for (let k = i; k < i + frame; k += 1) sum += samples[k]! ** 2;
    levels.push(Math.sqrt(sum / frame));
  }
  const peak = Math.max(...levels, 1e-9);
  const floor = peak * 10 ** (-TRIM_BELOW_PEAK_DB / 20);
  const first = levels.findIndex((l) => l > floor);
  const last = levels.length - 1 - [...levels].reverse().findIndex((l) => l > floor);
  if (first < 0) return new Float32Array(0);
  return samples.slice(first * frame, (last + 1) * frame);
}

export function run(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new Error(
            missing
              ? `${cmd} is needed for the coaching corpus (apt-get install -y espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox)`
              : `${cmd} failed: ${err.message} ${stderr.toString().slice(0, 500)}`,
          ),
        );
      } else resolve(stdout);
    });
  });
}
