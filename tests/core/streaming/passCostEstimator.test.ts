// Stop's time estimate, on a virtual clock: passes whose cost is a fixed part plus a part per second
// (a full 30 s encoder run, whatever the utterance's length) must be predicted from the passes this
// answer ran, not from a real-time factor that promises a short tail in a fraction of its time.
import { describe, expect, it } from 'vitest';
import type { Transcriber } from '../../../src/core/asr/transcriber';
import { finalPassCosts, PassCostEstimator } from '../../../src/core/streaming/passCostEstimator';
import { audioCtxFor, DEFAULT_STREAM_PARAMS, FULL_AUDIO_CTX } from '../../../src/core/streaming/streamParams';
import { UtteranceFinalizer, type FinishProgress } from '../../../src/core/streaming/utteranceFinalizer';

const SR = 16_000;

class VirtualClock {
  nowMs = 0;
  readonly now = () => this.nowMs;
}

/** This machine's shape, roughly: 7 s of encoder and fallback per pass, plus 0.1 s per second of audio. */
/** A pass with the full encoder context; the encoder, most of it, costs in proportion to its context. */
const cost = (sec: number, audioCtx = FULL_AUDIO_CTX) => (7000 + 100 * sec) * (audioCtx / FULL_AUDIO_CTX);
/** What Stop's pass over `sec` costs: its context fitted to its audio. */
const costAtStop = (sec: number) => cost(sec, audioCtxFor(sec, DEFAULT_STREAM_PARAMS));

/** An engine whose passes take `cost` on the virtual clock. */
function timedEngine(clock: VirtualClock): Transcriber {
  return {
    transcribe: async (audio, options = {}) => {
      const ms = cost(audio.length / SR, options.audioCtx);
      clock.nowMs += ms;
      return { words: [{ text: 'w', startSec: 0.1, endSec: 0.4 }], text: 'w', computeMs: ms };
    },
    dispose: async () => undefined,
  };
}

describe('PassCostEstimator', () => {
  it('times passes on its clock and fits the fixed and per-second parts', () => {
    const clock = new VirtualClock();
    const estimator = new PassCostEstimator(clock.now);
    for (const sec of [20, 8, 14]) {
      const done = estimator.start(sec);
      clock.nowMs += cost(sec);
      done();
    }
    const { fixedMs, msPerSec } = estimator.model();
    expect(fixedMs).toBeCloseTo(7000, 0);
    expect(msPerSec).toBeCloseTo(100, 3);
    expect(estimator.estimateMs([3, 5])).toBeCloseTo(cost(3) + cost(5), 0);
  });

  it('from passes of one length, keeps a fixed part: a short tail is not promised in a fraction of the time', () => {
    const clock = new VirtualClock();
    const estimator = new PassCostEstimator(clock.now);
    const done = estimator.start(20);
    clock.nowMs += cost(20);
    done();
    const tailMs = estimator.estimateMs([3]);
    // A real-time factor alone (9 s for 20 s) says 1.35 s; the pass takes 7.3 s.
    expect(tailMs).toBeGreaterThan(0.5 * cost(3));
    expect(tailMs).toBeLessThan(1.5 * cost(3));
  });

  it('ignores a failed pass (never timed) and keeps to the latest passes', () => {
    const clock = new VirtualClock();
    const estimator = new PassCostEstimator(clock.now, { maxPasses: 2 });
    estimator.start(10); // failed: its done() is never called
    for (const [sec, ms] of [
      [10, 100_000],
      [10, 2000],
      [20, 3000],
    ] as const) {
      const done = estimator.start(sec);
      clock.nowMs += ms;
      done();
    }
    expect(estimator.timedPasses.map((p) => p.wallMs)).toEqual([2000, 3000]);
    expect(estimator.estimateMs([30])).toBeCloseTo(4000, 0);
  });
});

describe('PassCostEstimator against runaway passes', () => {
  it('one runaway decode among ordinary passes does not set the estimate', () => {
    const clock = new VirtualClock();
    const estimator = new PassCostEstimator(clock.now);
    for (const [sec, ms] of [
      [5, cost(5)],
      [12, 110_000], // the synthetic model's garbage decoded to the token limit six times
      [8, cost(8)],
      [20, cost(20)],
      [10, cost(10)],
    ] as const) {
      const done = estimator.start(sec);
      clock.nowMs += ms;
      done();
    }
    // Least squares put the 3 s tail at 30 s here; the pass takes 7.3 s.
    expect(Math.abs(estimator.estimateMs([3]) - cost(3)) / cost(3)).toBeLessThan(0.1);
  });

  it('passes of one length with one runaway: the typical one sets the speed', () => {
    const clock = new VirtualClock();
    const estimator = new PassCostEstimator(clock.now);
    for (const ms of [cost(10), cost(10), 90_000]) {
      const done = estimator.start(10);
      clock.nowMs += ms;
      done();
    }
    expect(Math.abs(estimator.estimateMs([10]) - cost(10)) / cost(10)).toBeLessThan(0.1);
  });
});

describe("Stop's estimate in the UtteranceFinalizer", () => {
  it('predicts the tail from the passes this answer ran, within 10 % on a virtual clock', async () => {
    const clock = new VirtualClock();
    const finalizer = new UtteranceFinalizer({
      transcriber: timedEngine(clock),
      params: DEFAULT_STREAM_PARAMS,
      audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)),
      clock: clock.now,
    });
    // Two utterances of 20 s and 8 s get their final passes during the answer.
    finalizer.observe({ committed: [], utteranceEndSec: 20, receivedSec: 21 });
    await finalizer.idle();
    finalizer.observe({ committed: [], utteranceEndSec: 28, receivedSec: 29 });
    await finalizer.idle();
    const progress: (FinishProgress & { atMs: number })[] = [];
    const stoppedAtMs = clock.nowMs;
    await finalizer.finish(31, null, (p) => progress.push({ ...p, atMs: clock.nowMs }));
    const tookMs = clock.nowMs - stoppedAtMs;
    expect(tookMs).toBeCloseTo(costAtStop(progress[0]!.remainingSec), 6);
    expect(Math.abs(progress[0]!.estimateMs - tookMs) / tookMs).toBeLessThan(0.1);
    expect(progress.at(-1)).toMatchObject({ remainingSec: 0, estimateMs: 0 });
  });

  it("a run's first Stop, with no utterance of its own closed yet, starts from the earlier answers' passes", async () => {
    const clock = new VirtualClock();
    const shared = finalPassCosts(clock.now);
    const answer = () =>
      new UtteranceFinalizer({
        transcriber: timedEngine(clock),
        params: DEFAULT_STREAM_PARAMS,
        audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)),
        clock: clock.now,
        costs: shared,
      });
    // An earlier answer of the run, discarded before Stop: one background pass timed, no Stop pass.
    const first = answer();
    first.observe({ committed: [], utteranceEndSec: 20, receivedSec: 21 });
    await first.idle();
    // The second answer is one utterance so far: nothing of its own has been timed at Stop.
    const second = answer();
    const progress: FinishProgress[] = [];
    const stoppedAtMs = clock.nowMs;
    await second.finish(15, null, (p) => progress.push(p));
    const tookMs = clock.nowMs - stoppedAtMs;
    // Without the run's timings the prior says 36 s for this pass over 8.5 s (full context).
    expect(Math.abs(progress[0]!.estimateMs - tookMs) / tookMs).toBeLessThan(0.1);
  });
});
