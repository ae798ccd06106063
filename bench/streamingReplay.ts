// Word latency needs to know when each word was spoken, which the synthetic model cannot tell us. So
// each policy is run a second time against the replay transcriber (tests/helpers), fed the recording's
// reference word timings, on a virtual clock where every pass costs what the real engine measured for
// a window of that length in the real run. The VAD gate still hears the real audio.
import type { Word } from '../src/shared/domain';
import { SpeechGate } from '../src/core/streaming/speechGate';
import type { SpeechProbabilityModel } from '../src/core/vad/sileroVad';
import { clockAudio, ReplayTranscriber } from '../tests/helpers/replayTranscriber';
import type { StreamingPolicy } from './baselines/streamingPolicy';
import type { Transcriber } from '../src/core/asr/transcriber';
import {
  runStream,
  SimulatedCostTranscriber,
  VirtualClock,
  type StepRecord,
  type StreamRun,
} from './streamingRunner';

/** Measured passes with the closest window lengths, one of which is drawn for each simulated pass. */
const NEAREST_PASSES = 5;
const REPLAY_SEED = 7;

/**
 * A gate for clock audio: the transcriber gets sample indices, the VAD the real samples at those
 * indices, so the policy skips silence exactly as it did on the real engine.
 */
export class ClockAudioGate extends SpeechGate {
  constructor(
    model: SpeechProbabilityModel,
    private readonly realAudio: Float32Array,
  ) {
    super(model);
  }

  override push(samples: Float32Array): void {
    const start = samples[0] ?? 0;
    super.push(this.realAudio.subarray(start, start + samples.length));
  }
}

/** Compute time for a window of `windowSec`: drawn from the measured passes on the closest windows. */
export function measuredCostModel(steps: StepRecord[], seed = REPLAY_SEED): (windowSec: number) => number {
  const passes = steps.filter((s) => !s.skipped).map((s) => ({ windowSec: s.windowSec, ms: s.computeMs }));
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
  return (windowSec) => {
    if (passes.length === 0) return 0;
    const nearest = [...passes]
      .sort((a, b) => Math.abs(a.windowSec - windowSec) - Math.abs(b.windowSec - windowSec))
      .slice(0, NEAREST_PASSES);
    return nearest[Math.floor(random() * nearest.length)]!.ms;
  };
}

export async function replayRun(
  makePolicy: (transcriber: Transcriber, audio: Float32Array) => StreamingPolicy,
  audio: Float32Array,
  reference: Word[],
  measured: StepRecord[],
): Promise<StreamRun> {
  const clock = new VirtualClock();
  const replay = new ReplayTranscriber(reference, {
    computeMs: measuredCostModel(measured),
    seed: REPLAY_SEED,
  });
  const policy = makePolicy(new SimulatedCostTranscriber(replay, clock), audio);
  return runStream(policy, clockAudio(0, audio.length), clock);
}
