import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateModel, ModelNotFoundError } from '../../../src/core/asr/modelLocator';
import { tempDir } from '../../helpers/fixtures';

function modelsDirWith(...names: string[]): string {
  const dir = path.join(tempDir(), 'models');
  mkdirSync(dir, { recursive: true });
  for (const n of names) writeFileSync(path.join(dir, n), 'x');
  return dir;
}

describe('locateModel', () => {
  it('explains exactly what to do when no model is present', () => {
    const dir = modelsDirWith('ggml-silero-v6.2.0.bin');
    expect(() => locateModel({ modelsDir: dir })).toThrow(ModelNotFoundError);
    expect(() => locateModel({ modelsDir: dir })).toThrow(
      new RegExp(
        `No Whisper model found[\\s\\S]*ggml-base\\.en\\.bin[\\s\\S]*${dir.replace(/[/.]/g, '\\$&')}[\\s\\S]*COACH_WHISPER_MODEL`,
      ),
    );
  });

  it('prefers base.en over other models in the data folder', () => {
    const dir = modelsDirWith('ggml-tiny.en.bin', 'ggml-base.en.bin', 'ggml-small.bin');
    expect(locateModel({ modelsDir: dir })).toBe(path.join(dir, 'ggml-base.en.bin'));
  });

  it('falls back to any ggml model, never the VAD model', () => {
    const dir = modelsDirWith('ggml-silero-v6.2.0.bin', 'ggml-tiny.en-synthetic.bin');
    expect(locateModel({ modelsDir: dir })).toBe(path.join(dir, 'ggml-tiny.en-synthetic.bin'));
  });

  it('uses COACH_WHISPER_MODEL when set, and says when it points nowhere', () => {
    const dir = modelsDirWith('ggml-base.en.bin');
    const explicit = path.join(dir, 'ggml-base.en.bin');
    expect(locateModel({ modelsDir: '/nowhere', envPath: explicit })).toBe(explicit);
    expect(() => locateModel({ modelsDir: dir, envPath: '/no/such/model.bin' })).toThrow(
      /COACH_WHISPER_MODEL points to/,
    );
  });
});
