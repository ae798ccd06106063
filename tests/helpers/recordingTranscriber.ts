// Wraps a real Transcriber and records each call: observation, not a stand-in for the engine.
// `reportedComputeMs` is a virtual clock for the live step schedule: the real engine still runs, but
// the throttle sees a fixed cost, so how many passes run does not depend on how loaded the machine is.
import type { AsrResult, TranscribeOptions, Transcriber } from '../../src/core/asr/transcriber';

export class RecordingTranscriber implements Transcriber {
  readonly calls: { audioSec: number; options: TranscribeOptions; result: AsrResult }[] = [];
  constructor(
    private readonly inner: Transcriber,
    private readonly reportedComputeMs?: number,
  ) {}

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const real = await this.inner.transcribe(audio, options);
    const result =
      this.reportedComputeMs === undefined ? real : { ...real, computeMs: this.reportedComputeMs };
    this.calls.push({ audioSec: audio.length / 16_000, options, result });
    return result;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}
