// Feeds one recording to one live-caption policy at real-time pace: 100 ms frames arrive on a clock,
// the policy steps when its schedule says so and the engine is free, and audio that arrives while a
// step runs waits for the next one (coalescing). The same loop runs on the wall clock with the real
// engine, and on a virtual clock with the replay transcriber, whose simulated compute time advances it.
import type { Word } from '../src/shared/domain';
import { SAMPLE_RATE_HZ } from '../src/shared/audioFormat';
import type { AsrResult, TranscribeOptions, Transcriber } from '../src/core/asr/transcriber';
import type { StreamingPolicy } from './baselines/streamingPolicy';

export const BENCH_FRAME_SEC = 0.1;
export const BENCH_FRAME_SAMPLES = Math.round(BENCH_FRAME_SEC * SAMPLE_RATE_HZ);

/** Seconds since the stream started. Frame k arrives at (k + 1) × BENCH_FRAME_SEC, when its last sample exists. */
export interface StreamClock {
  now(): number;
  waitUntil(sec: number): Promise<void>;
}

export class WallClock implements StreamClock {
  private readonly startedMs = performance.now();
  now(): number {
    return (performance.now() - this.startedMs) / 1000;
  }
  waitUntil(sec: number): Promise<void> {
    const ms = (sec - this.now()) * 1000;
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

/** Time moves only when the stream waits for audio or an engine pass "computes". */
export class VirtualClock implements StreamClock {
  private t = 0;
  now(): number {
    return this.t;
  }
  advance(sec: number): void {
    this.t += sec;
  }
  async waitUntil(sec: number): Promise<void> {
    this.t = Math.max(this.t, sec);
  }
}

/** A transcriber whose passes take their reported compute time on a virtual clock. */
export class SimulatedCostTranscriber implements Transcriber {
  constructor(
    private readonly inner: Transcriber,
    private readonly clock: VirtualClock,
  ) {}
  async transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<AsrResult> {
    const result = await this.inner.transcribe(audio, options);
    this.clock.advance(result.computeMs / 1000);
    return result;
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

export type StepRecord = {
  /** Stream time the step started and the time its captions were out. */
  startedSec: number;
  doneSec: number;
  /** Audio received when the step started. */
  receivedSec: number;
  computeMs: number;
  windowSec: number;
  skipped: boolean;
  finalises: boolean;
  committed: Word[];
  tentative: Word[];
};

export type StreamRun = {
  /** Every step in order, the last being the end of the stream (policy.finish()). */
  steps: StepRecord[];
  audioSec: number;
};

/** Runs `policy` over `audio` on `clock` and records every step with its times. */
export async function runStream(
  policy: StreamingPolicy,
  audio: Float32Array,
  clock: StreamClock,
): Promise<StreamRun> {
  const frames = Math.ceil(audio.length / BENCH_FRAME_SAMPLES);
  const arrivalSec = (k: number): number => (k + 1) * BENCH_FRAME_SEC;
  const steps: StepRecord[] = [];
  let k = 0;
  for (;;) {
    const now = clock.now();
    while (k < frames && arrivalSec(k) <= now) {
      policy.pushAudio(
        audio.subarray(k * BENCH_FRAME_SAMPLES, Math.min(audio.length, (k + 1) * BENCH_FRAME_SAMPLES)),
      );
      k++;
    }
    if (policy.stepDue()) {
      const startedSec = clock.now();
      const receivedSec = Math.min(k * BENCH_FRAME_SAMPLES, audio.length) / SAMPLE_RATE_HZ;
      const r = await policy.step();
      steps.push({ startedSec, doneSec: clock.now(), receivedSec, ...r });
      continue;
    }
    if (k >= frames) break;
    await clock.waitUntil(arrivalSec(k));
  }
  // The end of the stream is one more step: its last pass counts like any other, and all is final.
  const startedSec = clock.now();
  const last = await policy.finish();
  steps.push({ startedSec, doneSec: clock.now(), receivedSec: audio.length / SAMPLE_RATE_HZ, ...last });
  return { steps, audioSec: audio.length / SAMPLE_RATE_HZ };
}
