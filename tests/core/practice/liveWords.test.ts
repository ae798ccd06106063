// LiveAnswer's `words` event (what the streaming server turns into transcript segments): each step's
// newly committed words with timings, the tentative tail, and one final flush, consistent with captions.
import { describe, expect, it } from 'vitest';
import type { AsrResult, Transcriber } from '../../../src/core/asr/transcriber';
import { float32ToPcm16 } from '../../../src/core/audio/pcm';
import type { CaptionUpdate, Word } from '../../../src/shared/domain';
import { LiveAnswer } from '../../../src/core/practice/liveAnswer';
import type { LiveWordsUpdate } from '../../../src/core/practice/liveAnswerEvents';

/** Hears one word per half second of the audio it is given, so consecutive passes agree on a prefix. */
class MetronomeTranscriber implements Transcriber {
  async transcribe(audio: Float32Array): Promise<AsrResult> {
    const sec = audio.length / 16_000;
    const words: Word[] = [];
    for (let k = 0; (k + 1) * 0.5 <= sec; k++)
      words.push({ text: `w${k}`, startSec: k * 0.5, endSec: k * 0.5 + 0.3 });
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

describe('LiveAnswer words events', () => {
  it('report committed words once each, in order, with the tentative tail the captions show', async () => {
    const updates: LiveWordsUpdate[] = [];
    const captions: CaptionUpdate[] = [];
    const answer = new LiveAnswer({
      answerId: 'a1',
      transcriber: new MetronomeTranscriber(),
      wavPath: 'unused.wav',
      openWav: () => ({ append: () => undefined, close: () => undefined }),
      events: {
        caption: (c) => captions.push(c),
        stats: () => undefined,
        nudge: () => undefined,
        error: (m) => {
          throw new Error(m);
        },
        words: (u) => updates.push(u),
      },
    });
    const frame = float32ToPcm16(new Float32Array(3200).fill(0.1)).buffer as ArrayBuffer;
    for (let i = 0; i < 25; i++) {
      answer.pushPcm16(frame.slice(0));
      await answer.drain();
    }
    await answer.stop();

    expect(updates.length).toBeGreaterThan(3);
    expect(updates.every((u) => u.answerId === 'a1')).toBe(true);
    expect(updates.filter((u) => u.final)).toEqual([updates.at(-1)]);
    expect(updates.at(-1)!.tentative).toEqual([]);

    const committed = updates.flatMap((u) => u.committed);
    // The captions show the live words; the final event may add the final pass's words after them.
    expect(committed.map((w) => w.text).join(' ')).toMatch(
      new RegExp(`^${captions.at(-1)!.committedText}( w\\d+)*$`),
    );
    expect(committed.map((w) => w.text)).toEqual(committed.map((_, k) => `w${k}`));
    committed.forEach((w, i) => i > 0 && expect(w.startSec).toBeGreaterThanOrEqual(committed[i - 1]!.endSec));

    // Each live step's words event matches the caption emitted by the same step.
    const live = updates.filter((u) => !u.final);
    const stepCaptions = captions.slice(0, live.length);
    live.forEach((u, i) =>
      expect(u.tentative.map((w) => w.text).join(' ')).toBe(stepCaptions[i]!.tentativeText),
    );
    expect(live.some((u) => u.tentative.length > 0)).toBe(true);
  });
});
