// Wraps a real Transcriber and records each call: observation, not a stand-in for the engine.
import type { AsrResult, TranscribeOptions, Transcriber } from '../../src/core/asr/transcriber';

export class RecordingTranscriber implements Transcriber {
  readonly calls: { audioSec: number; options: TranscribeOptions; result: AsrResult }[] = [];
  constructor(private readonly inner: Transcriber) {}

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const result = await this.inner.transcribe(audio, options);
    this.calls.push({ audioSec: audio.length / 16_000, options, result });
    return result;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
