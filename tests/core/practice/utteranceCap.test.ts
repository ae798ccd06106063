// What Stop has left to transcribe is the open utterance, so continuous speech must be cut at the cap
// as the audio arrives, not at the next live step: on a slow machine that can be many seconds later.
import { describe, expect, it } from 'vitest';
import { float32ToPcm16 } from '../../../src/core/audio/pcm';
import { LiveAnswer } from '../../../src/core/practice/liveAnswer';
import { DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import { ReplayTranscriber, referenceWords } from '../../helpers/replayTranscriber';

const SR = 16_000;
const second = () => float32ToPcm16(new Float32Array(SR).fill(0.1)).buffer as ArrayBuffer;

describe('LiveAnswer utterance cap', () => {
  it('closes an utterance at maxUtteranceSec of speech though no live step has run since', async () => {
    // Each live pass "costs" 10 s: at a 50% share the next is due only 20 s of audio later.
    const replay = new ReplayTranscriber(referenceWords(60), { computeMs: () => 10_000 });
    const params = DEFAULT_STREAM_PARAMS;
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: replay,
      wavPath: 'unused.wav',
      streamParams: params,
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, error: () => {} },
      openWav: () => ({ append: () => {}, close: () => {} }),
      restTimer: () => () => {},
    });
    const finalPasses = () => replay.calls.filter((c) => c.options.thorough);
    for (let sec = 1; sec <= params.maxUtteranceSec + 2; sec++) {
      answer.pushPcm16(second());
      await answer.settled();
      if (sec < params.maxUtteranceSec) expect(finalPasses()).toHaveLength(0);
    }
    expect(replay.calls.filter((c) => !c.options.thorough)).toHaveLength(1);
    const [pass] = finalPasses();
    expect(pass?.options.priority).toBe('background');
    expect(pass!.endSec - pass!.startSec).toBeCloseTo(params.maxUtteranceSec, 1);
    await answer.stop();
  });
});
