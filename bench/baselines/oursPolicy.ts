// Our live policy (sliding window + LocalAgreement-2 + VAD gate) behind the benchmark's policy
// interface. The schedule is the app's own (src/core/practice/liveAnswer.ts): step when
// OnlineTranscriber.stepDue() says so and the engine is free.
import type { Transcriber } from '../../src/core/asr/transcriber';
import { OnlineTranscriber } from '../../src/core/streaming/onlineTranscriber';
import type { SpeechGate } from '../../src/core/streaming/speechGate';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from '../../src/core/streaming/streamParams';
import { finalWithoutPass, mergeSteps, type PolicyStep, type StreamingPolicy } from './streamingPolicy';

export class OursPolicy implements StreamingPolicy {
  readonly name = 'ours';
  private readonly online: OnlineTranscriber;

  constructor(
    transcriber: Transcriber,
    readonly params: StreamParams = DEFAULT_STREAM_PARAMS,
    gate: SpeechGate | null = null,
  ) {
    this.online = new OnlineTranscriber(transcriber, params, gate);
  }

  pushAudio(samples: Float32Array): void {
    this.online.pushAudio(samples);
  }

  stepDue(): boolean {
    return this.online.stepDue();
  }

  async step(): Promise<PolicyStep> {
    const r = await this.online.step();
    return {
      committed: r.committed,
      // A copy: the hypothesis buffer shifts its tentative array in place when the next pass agrees.
      tentative: [...r.tentative],
      computeMs: r.computeMs,
      windowSec: r.windowSec,
      skipped: r.skipped,
      finalises: r.committed.length > 0,
    };
  }

  async finish(): Promise<PolicyStep> {
    // Whatever arrived after the last step has not been heard yet: one last step, then take the tail.
    const last = this.online.pendingSec > 0 ? [await this.step()] : [];
    return mergeSteps([...last, finalWithoutPass(this.online.finish())]);
  }
}
