// The disfluency prompt must reach whisper.cpp itself as `initial_prompt`. The addon is replaced by a
// recorder here (the synthetic model's random weights can't show the prompt's effect on the words).
import { describe, expect, inject, it, vi } from 'vitest';

const runs = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock('smart-whisper', () => ({
  WhisperModel: { load: async () => ({ freed: false, free: async () => undefined }) },
  TranscribeTask: {
    run: async (_model: unknown, _audio: Float32Array, params: Record<string, unknown>) => {
      runs.push(params);
      return { result: Promise.resolve([]) };
    },
  },
}));

const { WhisperTranscriber } = await import('../../../src/core/asr/whisperTranscriber');
const { DISFLUENCY_PROMPT } = await import('../../../src/core/streaming/streamParams');

describe('WhisperTranscriber prompt', () => {
  it('hands the prompt to whisper.cpp as initial_prompt, and sends none when there is none', async () => {
    const engine = await WhisperTranscriber.load(inject('syntheticModelPath'));
    await engine.transcribe(new Float32Array(16_000), { prompt: DISFLUENCY_PROMPT, thorough: true });
    await engine.transcribe(new Float32Array(16_000), {});
    expect(runs[0]).toMatchObject({ initial_prompt: DISFLUENCY_PROMPT });
    expect(runs[1]).not.toHaveProperty('initial_prompt');
  });
});
