// Finds the Whisper model to use: COACH_WHISPER_MODEL if set, else the best model in the data folder.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Preferred models, best trade-off for live use on a laptop first. */
export const PREFERRED_MODELS = [
  'ggml-base.en.bin',
  'ggml-base.en-q8_0.bin',
  'ggml-base.en-q5_1.bin',
  'ggml-small.en-q5_1.bin',
  'ggml-tiny.en.bin',
  'ggml-tiny.en-q8_0.bin',
  'ggml-small.en.bin',
  'ggml-base.bin',
  'ggml-tiny.bin',
  'ggml-small.bin',
];
export const RECOMMENDED_MODEL = 'ggml-base.en.bin';
export const RECOMMENDED_MODEL_URL = `https://huggingface.co/ggerganov/whisper.cpp/resolve/main/${RECOMMENDED_MODEL}`;

export class ModelNotFoundError extends Error {}

export function modelHelpText(modelsDir: string): string {
  return [
    'No Whisper model found.',
    `Download ${RECOMMENDED_MODEL} (142 MB) from ${RECOMMENDED_MODEL_URL}`,
    `and save it in ${modelsDir}`,
    'or set COACH_WHISPER_MODEL=/path/to/ggml-model.bin, then restart Interview Coach.',
    'In the app, Settings → Models downloads and checks one for you.',
  ].join('\n');
}

/** Whisper speech models only: the VAD model sits in the same folder but is not one. */
const isSpeechModel = (name: string): boolean => /^ggml-.*\.bin$/.test(name) && !/silero|vad/i.test(name);

export function locateModel(opts: {
  modelsDir: string;
  envPath?: string | undefined;
  /** The model chosen in Settings → Models (a file name in modelsDir); used when it is present. */
  preferred?: string | null | undefined;
}): string {
  if (opts.envPath) {
    const p = path.resolve(opts.envPath);
    if (!existsSync(p) || !statSync(p).isFile()) {
      throw new ModelNotFoundError(
        `COACH_WHISPER_MODEL points to ${p}, which does not exist. Fix the path or unset it to use ${opts.modelsDir}.`,
      );
    }
    return p;
  }
  const present = existsSync(opts.modelsDir) ? readdirSync(opts.modelsDir).filter(isSpeechModel) : [];
  if (opts.preferred && isSpeechModel(opts.preferred) && present.includes(opts.preferred)) {
    return path.join(opts.modelsDir, opts.preferred);
  }
  const preferred = PREFERRED_MODELS.find((m) => present.includes(m));
  const chosen = preferred ?? present.sort()[0];
  if (!chosen) throw new ModelNotFoundError(modelHelpText(opts.modelsDir));
  return path.join(opts.modelsDir, chosen);
}
