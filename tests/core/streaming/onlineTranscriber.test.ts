import { describe, expect, it } from 'vitest';
import { OnlineTranscriber } from '../../../src/core/streaming/onlineTranscriber';
import { audioCtxFor, DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import type { Word } from '../../../src/shared/domain';
import { clockAudio, ReplayTranscriber, referenceWords } from '../../helpers/replayTranscriber';

const SR = 16_000;

/** Feeds `totalSec` of clock audio in 1 s steps, returning every step's output. */
async function run(online: OnlineTranscriber, totalSec: number, stepSec = 1) {
  const committedEvents: Word[][] = [];
  const tentatives: Word[][] = [];
  for (let t = 0; t < totalSec; t += stepSec) {
    online.pushAudio(clockAudio(Math.round(t * SR), Math.round(stepSec * SR)));
    const r = await online.step();
    committedEvents.push(r.committed);
    tentatives.push(r.tentative);
  }
  const tail = online.finish();
  return { committedEvents, tentatives, tail };
}

describe('OnlineTranscriber with a replayed Whisper', () => {
  it('commits every spoken word exactly once, in order, despite revisions and jitter', async () => {
    const reference = referenceWords(60);
    const replay = new ReplayTranscriber(reference, { reviseProbability: 0.4, seed: 7 });
    const online = new OnlineTranscriber(replay);
    await run(online, 26);
    expect(online.committedWords().map((w) => w.text)).toEqual(reference.map((w) => w.text));
  });

  it('shows tentative words before they commit and never retracts a committed word', async () => {
    const reference = referenceWords(20);
    const online = new OnlineTranscriber(new ReplayTranscriber(reference, { reviseProbability: 0.3 }));
    const { committedEvents, tentatives } = await run(online, 10);
    expect(tentatives.some((t) => t.length > 0)).toBe(true);
    const flat = committedEvents.flat().map((w) => w.text);
    expect(new Set(flat).size).toBe(flat.length);
    const times = committedEvents.flat().map((w) => w.startSec);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('trims the window at a committed word once it exceeds trimAfterSec, and prompts with scrolled-out text', async () => {
    const reference = referenceWords(150);
    const replay = new ReplayTranscriber(reference, { reviseProbability: 0.2 });
    const online = new OnlineTranscriber(replay);
    await run(online, 62);
    const maxWindow = Math.max(...replay.calls.map((c) => c.endSec - c.startSec));
    expect(maxWindow).toBeLessThanOrEqual(DEFAULT_STREAM_PARAMS.trimAfterSec + 1.01);
    const late = replay.calls.at(-1)!;
    expect(late.startSec).toBeGreaterThan(30);
    expect(late.options.prompt?.length).toBeGreaterThan(0);
    expect(late.options.prompt!.length).toBeLessThanOrEqual(DEFAULT_STREAM_PARAMS.promptChars);
    expect(online.committedWords().map((w) => w.text)).toEqual(reference.map((w) => w.text));
  });

  it('bounds the window even when passes never agree, forcing commits past maxWindowSec', async () => {
    const reference = referenceWords(100);
    // Every visible last-two words mis-heard on every pass: agreement only ever lags.
    const replay = new ReplayTranscriber(reference, { reviseProbability: 1 });
    const online = new OnlineTranscriber(replay, { ...DEFAULT_STREAM_PARAMS, trimAfterSec: 1000 });
    await run(online, 45);
    const maxWindow = Math.max(...replay.calls.map((c) => c.endSec - c.startSec));
    expect(maxWindow).toBeLessThanOrEqual(DEFAULT_STREAM_PARAMS.maxWindowSec + 1.01);
  });

  it('coalesces audio that arrived during a slow step into one larger step', async () => {
    const replay = new ReplayTranscriber(referenceWords(30));
    const online = new OnlineTranscriber(replay);
    online.pushAudio(clockAudio(0, SR));
    await online.step();
    online.pushAudio(clockAudio(SR, 3 * SR)); // three seconds arrived while busy
    expect(online.pendingSec).toBeCloseTo(3);
    await online.step();
    expect(replay.calls).toHaveLength(2);
    expect(replay.calls[1]!.endSec).toBeCloseTo(4);
    expect(online.pendingSec).toBe(0);
  });

  it('waits after a slow pass so live passes keep the engine busy at most engineShare of the time', async () => {
    let costMs = 100;
    const replay = new ReplayTranscriber(referenceWords(30), { computeMs: () => costMs });
    const online = new OnlineTranscriber(replay, {
      ...DEFAULT_STREAM_PARAMS,
      minStepMs: 500,
      engineShare: 0.5,
    });
    online.pushAudio(clockAudio(0, SR / 2));
    expect(online.stepDue()).toBe(true);
    await online.step();
    // A fast pass: the next one is due after minStepMs of audio.
    online.pushAudio(clockAudio(SR / 2, 0.4 * SR));
    expect(online.stepDue()).toBe(false);
    online.pushAudio(clockAudio(0.9 * SR, 0.1 * SR));
    expect(online.stepDue()).toBe(true);
    costMs = 1200;
    await online.step();
    // A 1.2 s pass at a 50% share: 2.4 s of audio since it began before the next, not 0.5 s.
    online.pushAudio(clockAudio(SR, 2.3 * SR));
    expect(online.stepDue()).toBe(false);
    online.pushAudio(clockAudio(3.3 * SR, 0.1 * SR));
    expect(online.stepDue()).toBe(true);
  });

  it('under a slow engine on a real-time feed: fewer, bigger steps, bounded windows, every word kept', async () => {
    const reference = referenceWords(150); // ~60 s of speech
    const totalSec = reference.at(-1)!.endSec + 1;
    // 0.4 s + 60 ms per second of window: slower than real time if it ran every 0.5 s on long windows.
    const cost = (windowSec: number) => 400 + 60 * windowSec;
    const replay = new ReplayTranscriber(reference, { computeMs: cost });
    const online = new OnlineTranscriber(replay);
    let now = 0; // virtual seconds: audio arrives in 100 ms frames, a pass advances time by its cost
    let fed = 0;
    let busySec = 0;
    const committed: Word[] = [];
    while (fed < totalSec * SR) {
      const due = Math.min((Math.floor(now * 10) * SR) / 10, totalSec * SR);
      if (due > fed) {
        online.pushAudio(clockAudio(fed, due - fed));
        fed = due;
      }
      if (online.stepDue()) {
        const r = await online.step();
        committed.push(...r.committed);
        now += r.computeMs / 1000;
        busySec += r.computeMs / 1000;
        // Pending audio is coalesced into the next step: it never grows past one step's worth plus a pass.
        expect(online.pendingSec).toBeLessThan(3);
      } else now += 0.1;
    }
    committed.push(...online.finish());
    expect(busySec / totalSec).toBeLessThanOrEqual(0.55);
    expect(Math.max(...replay.calls.map((c) => c.endSec - c.startSec))).toBeLessThanOrEqual(
      DEFAULT_STREAM_PARAMS.maxWindowSec + 2,
    );
    expect(committed.map((w) => w.text.replace(/x$/, ''))).toEqual(reference.map((w) => w.text));
  });

  it('scales the encoder context to the window with a floor', () => {
    expect(audioCtxFor(1, DEFAULT_STREAM_PARAMS)).toBe(DEFAULT_STREAM_PARAMS.minAudioCtx);
    expect(audioCtxFor(10, DEFAULT_STREAM_PARAMS)).toBe(550);
    expect(audioCtxFor(40, DEFAULT_STREAM_PARAMS)).toBe(1500);
  });
});
