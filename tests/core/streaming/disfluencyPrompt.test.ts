import { describe, expect, it } from 'vitest';
import { OnlineTranscriber } from '../../../src/core/streaming/onlineTranscriber';
import { DEFAULT_STREAM_PARAMS, DISFLUENCY_PROMPT } from '../../../src/core/streaming/streamParams';
import { clockAudio, ReplayTranscriber, referenceWords } from '../../helpers/replayTranscriber';

const SR = 16_000;

async function feed(online: OnlineTranscriber, seconds: number): Promise<void> {
  for (let t = 0; t < seconds; t += 1) {
    online.pushAudio(clockAudio(t * SR, SR));
    await online.step();
  }
}

describe('the disfluency prompt in live steps', () => {
  it('starts every prompt, followed by the scrolled-out text, all within promptChars', async () => {
    const replay = new ReplayTranscriber(referenceWords(150), { reviseProbability: 0.2 });
    await feed(new OnlineTranscriber(replay), 62);
    const prompts = replay.calls.map((c) => c.options.prompt ?? '');
    expect(prompts.every((p) => p.startsWith(DISFLUENCY_PROMPT))).toBe(true);
    expect(prompts.every((p) => p.length <= DEFAULT_STREAM_PARAMS.promptChars)).toBe(true);
    expect(prompts[0]).toBe(DISFLUENCY_PROMPT);
    expect(prompts.at(-1)!.length).toBeGreaterThan(DISFLUENCY_PROMPT.length + 20);
    expect(prompts.at(-1)).toMatch(/ w\d+$/);
  });

  it('can be turned off', async () => {
    const replay = new ReplayTranscriber(referenceWords(40));
    await feed(new OnlineTranscriber(replay, { ...DEFAULT_STREAM_PARAMS, disfluencyPrompt: '' }), 5);
    expect(replay.calls.map((c) => c.options.prompt)).toEqual(['', '', '', '', '']);
  });
});
