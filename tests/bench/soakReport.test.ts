// The soak benchmark's arithmetic on hand-made samples: buckets by stream time, memory growth after
// warm-up, latency drift, queue maxima and the checks; and the answer plan.
import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  queueMaxima,
  summariseBuckets,
  summariseSoak,
  warmupSec,
  type SoakRun,
  type SoakSample,
} from '../../bench/soakReport';
import { answerPlan } from '../../bench/soakRun';

function sample(audioSec: number, over: Partial<SoakSample> = {}): SoakSample {
  return {
    wallSec: audioSec,
    audioSec,
    answerIndex: 0,
    phase: 'recording',
    rssMb: 500,
    heapUsedMb: 30,
    externalMb: 10,
    arrayBuffersMb: 5,
    pendingSec: 0.5,
    windowSec: 5,
    bufferedAudioSec: audioSec,
    bufferedCapacitySec: 30,
    committedWords: 10,
    tentativeWords: 2,
    liveAnswers: 1,
    eventQueue: 0,
    walBytes: 1000,
    liveWordRows: 10,
    openFds: 30,
    loopLagMs: 5,
    ...over,
  };
}

/** Two 5-minute buckets, one sample every 10 s of stream time. */
function run(over: Partial<SoakRun> = {}, rss: (sec: number) => number = () => 500): SoakRun {
  const samples: SoakSample[] = [];
  for (let sec = 0; sec <= 600; sec += 10) samples.push(sample(sec, { rssMb: rss(sec) }));
  return {
    bucketSec: 300,
    audioSec: 600,
    samples,
    passes: [
      { kind: 'live', audioSec: 10, computeMs: 600, windowSec: 5 },
      { kind: 'live', audioSec: 20, computeMs: 900, windowSec: 10 },
      { kind: 'final', audioSec: 300, computeMs: 15_000, windowSec: 300 },
      { kind: 'live', audioSec: 400, computeMs: 1500, windowSec: 12 },
    ],
    captions: [
      { audioSec: 11, latencyMs: 200, chars: 10 },
      { audioSec: 21, latencyMs: 300, chars: 20 },
      { audioSec: 22, latencyMs: 400, chars: 30 },
      { audioSec: 401, latencyMs: 450, chars: 12 },
      { audioSec: 402, latencyMs: 350, chars: 14 },
      { audioSec: 403, latencyMs: 400, chars: 16 },
    ],
    stats: [
      { audioSec: 11, behind: false },
      { audioSec: 401, behind: false },
    ],
    answers: [
      { index: 0, audioSec: 300, words: 40, stopMs: 16_000, finalPassMs: 15_000, rssAfterStopMb: 480 },
      { index: 1, audioSec: 300, words: 42, stopMs: 16_500, finalPassMs: 15_200, rssAfterStopMb: 481 },
    ],
    othersCpuShare: 0.01,
    ...over,
  };
}

describe('soak report', () => {
  it('puts a sample taken at an answer’s end in that answer’s bucket', () => {
    expect(bucketOf(0, 300, 6)).toBe(0);
    expect(bucketOf(299.9, 300, 6)).toBe(0);
    expect(bucketOf(300, 300, 6)).toBe(0);
    expect(bucketOf(300.1, 300, 6)).toBe(1);
    expect(bucketOf(1800, 300, 6)).toBe(5);
    expect(bucketOf(5000, 300, 6)).toBe(5);
  });

  it('summarises each bucket: peaks, latency percentiles, live RTF (final passes apart)', () => {
    const buckets = summariseBuckets(run({}, (sec) => (sec === 120 ? 520 : 500)));
    expect(buckets).toHaveLength(2);
    expect(buckets[0]).toMatchObject({
      fromMin: 0,
      toMin: 5,
      rssPeakMb: 520,
      livePasses: 2,
      rtf: Number((1.5 / 300).toFixed(3)),
      latencyMs: { p50: 300, n: 3 },
      maxCaptionChars: 30,
      behindEvents: 0,
    });
    expect(buckets[1]).toMatchObject({ fromMin: 5, toMin: 10, livePasses: 1, latencyMs: { p50: 400, n: 3 } });
  });

  it('measures RSS growth from the first bucket’s peak after warm-up to the last bucket’s peak', () => {
    // A warm-up spike in the first minute is ignored; 500 → 520 MB is 4% growth.
    const flat = summariseSoak(run({}, (sec) => (sec < 60 ? 900 : sec > 300 ? 520 : 500)));
    expect(warmupSec(300)).toBe(60);
    expect(flat.rss).toEqual({ baselineMb: 500, lastBucketPeakMb: 520, growth: 0.04 });
    expect(flat.checks.find((c) => c.name === 'memory flat')?.pass).toBe(true);

    const leaking = summariseSoak(run({}, (sec) => 500 + sec / 5));
    expect(leaking.rss.growth).toBeGreaterThan(0.05);
    expect(leaking.checks.find((c) => c.name === 'memory flat')?.pass).toBe(false);
  });

  it('reports latency drift as the last bucket’s p50 over the first’s', () => {
    const s = summariseSoak(run());
    expect(s.latency).toMatchObject({ firstP50Ms: 300, lastP50Ms: 400, drift: 0.333 });
    // +33% but only +100 ms: within the slack.
    expect(s.checks.find((c) => c.name === 'latency steady')?.pass).toBe(true);
    const slower = summariseSoak(
      run({
        captions: [
          { audioSec: 11, latencyMs: 200, chars: 1 },
          { audioSec: 401, latencyMs: 600, chars: 1 },
        ],
      }),
    );
    expect(slower.latency.drift).toBe(2);
    expect(slower.checks.find((c) => c.name === 'latency steady')?.pass).toBe(false);
  });

  it('takes queue maxima and flags a queue past its bound', () => {
    const samples = [sample(1), sample(2, { pendingSec: 5.2, eventQueue: 3, openFds: 31 }), sample(3)];
    expect(queueMaxima(samples)).toMatchObject({ pendingSec: 5.2, eventQueue: 3, openFds: 31 });
    const behind = summariseSoak(run({ samples: [...run().samples, sample(450, { pendingSec: 5 })] }));
    expect(behind.checks.find((c) => c.name === 'never behind')?.pass).toBe(false);
    const leak = summariseSoak(run({ samples: [...run().samples, sample(590, { openFds: 40 })] }));
    expect(leak.fdGrowth).toBe(10);
    expect(leak.checks.find((c) => c.name === 'no descriptor leak')?.pass).toBe(false);
  });

  it('cannot judge growth or drift from a single bucket', () => {
    const s = summariseSoak(run({ audioSec: 200, bucketSec: 300 }));
    expect(s.buckets).toHaveLength(1);
    expect(s.rss.growth).toBeNull();
    expect(s.latency.drift).toBeNull();
    expect(s.checks.find((c) => c.name === 'memory flat')?.pass).toBeNull();
  });

  it('plans equal answers and folds a last sliver under 5 s into the one before', () => {
    expect(answerPlan(18_000, 3000)).toEqual([3000, 3000, 3000, 3000, 3000, 3000]);
    expect(answerPlan(3020, 1500)).toEqual([1500, 1520]);
    expect(answerPlan(3100, 1500)).toEqual([1500, 1500, 100]);
    expect(answerPlan(10, 1500)).toEqual([10]);
  });
});
