// A long thinking pause closes as quiet utterances with no words every few seconds; a streaming
// client hears of one only when it replaces text it was sent, and the revisions it receives still
// tile the answer.
import { describe, expect, it } from 'vitest';
import type { FinalUtterance } from '../../src/core/streaming/utteranceFinalizer';
import { FinalRevisions } from '../../src/server/finalRevisions';

const word = (text: string, startSec: number, endSec: number) => ({ text, startSec, endSec });
const utterance = (
  index: number,
  startSec: number,
  endSec: number,
  words = [] as FinalUtterance['words'],
) => ({
  index,
  startSec,
  endSec,
  words,
});

describe('final revisions sent to a streaming client', () => {
  it('leaves out quiet stretches that replace nothing, and the next revision covers them', () => {
    const revisions = new FinalRevisions();
    revisions.committedSent([word('so', 0.5, 0.9), word('well', 1, 1.4)]);
    const first = revisions.revise(utterance(0, 0, 2, [word('so', 0.5, 0.9), word('well', 1, 1.5)]));
    expect(first).toEqual({ utterance: expect.objectContaining({ startSec: 0, endSec: 2 }), revision: 1 });
    // Eighty seconds of thinking: quiet stretches, no live words in them.
    for (let at = 2; at < 82; at += 4) expect(revisions.revise(utterance(at, at, at + 4))).toBeNull();
    revisions.committedSent([word('then', 82.5, 83)]);
    const next = revisions.revise(utterance(30, 82, 84, [word('then', 82.5, 83)]));
    expect(next).toEqual({
      utterance: { index: 30, startSec: 2, endSec: 84, words: [word('then', 82.5, 83)] },
      revision: 2,
    });
  });

  it('sends a quiet stretch that replaces committed live words, so the client drops them', () => {
    const revisions = new FinalRevisions();
    expect(revisions.revise(utterance(0, 0, 3, [word('hi', 1, 1.3)]))).not.toBeNull();
    // A live pass committed a word Whisper invented in the silence.
    revisions.committedSent([word('Thank', 4, 4.4)]);
    const quiet = revisions.revise(utterance(1, 3, 7));
    expect(quiet).toEqual({ utterance: utterance(1, 3, 7), revision: 2 });
    expect(revisions.revise(utterance(2, 7, 11))).toBeNull();
  });
});
