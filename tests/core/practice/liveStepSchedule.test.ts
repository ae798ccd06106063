// The live step schedule when audio stops arriving: after a slow pass, pending audio alone would wait
// for audio that never comes (a client that waits for each caption before sending more). Fake timers
// stand in for the wall clock, the replay transcriber for the engine's cost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { float32ToPcm16 } from '../../../src/core/audio/pcm';
import type { LiveStats } from '../../../src/shared/domain';
import { LiveAnswer } from '../../../src/core/practice/liveAnswer';
import { DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import { ReplayTranscriber, referenceWords } from '../../helpers/replayTranscriber';

const SR = 16_000;
const second = () => float32ToPcm16(new Float32Array(SR).fill(0.1)).buffer as ArrayBuffer;

describe('LiveAnswer step schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a due step after a slow pass once the engine has rested, even if no more audio arrives', async () => {
    const costMs = 3000;
    const replay = new ReplayTranscriber(referenceWords(20), { computeMs: () => costMs });
    const stats: LiveStats[] = [];
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: replay,
      wavPath: 'unused.wav',
      streamParams: { ...DEFAULT_STREAM_PARAMS, engineShare: 0.5 },
      events: { caption: () => {}, stats: (s) => stats.push(s), nudge: () => {}, error: () => {} },
      openWav: () => ({ append: () => {}, close: () => {} }),
    });
    answer.pushPcm16(second());
    await answer.drain();
    expect(replay.calls).toHaveLength(1);
    expect(stats).toHaveLength(1);

    // One more second, then nothing: by audio alone the next pass needs 6 s (3 s at a 50% share).
    answer.pushPcm16(second());
    await answer.drain();
    expect(replay.calls).toHaveLength(1);
    // Still within the engine's share of real time: not yet.
    await vi.advanceTimersByTimeAsync(costMs - 1);
    expect(replay.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await answer.drain();
    expect(replay.calls).toHaveLength(2);
    expect(stats).toHaveLength(2);
    await answer.stop();
  });

  it('leaves the throttle to the audio while it keeps arriving in real time', async () => {
    const replay = new ReplayTranscriber(referenceWords(20), { computeMs: () => 1000 });
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: replay,
      wavPath: 'unused.wav',
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, error: () => {} },
      openWav: () => ({ append: () => {}, close: () => {} }),
    });
    answer.pushPcm16(second());
    await answer.drain();
    answer.pushPcm16(second());
    await answer.drain();
    expect(replay.calls).toHaveLength(1);
    answer.pushPcm16(second()); // 2 s since the pass began: 1 s of cost at a 50% share
    await answer.drain();
    expect(replay.calls).toHaveLength(2);
    await answer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
