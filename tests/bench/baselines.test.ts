import { describe, expect, it } from 'vitest';
import type { Word } from '../../src/shared/domain';
import { FixedChunkPolicy } from '../../bench/baselines/fixedChunkPolicy';
import { OursPolicy } from '../../bench/baselines/oursPolicy';
import { SlidingStepPolicy, stepsPerLine } from '../../bench/baselines/slidingStepPolicy';
import type { PolicyStep, StreamingPolicy } from '../../bench/baselines/streamingPolicy';
import { DEFAULT_STREAM_PARAMS } from '../../src/core/streaming/streamParams';
import { clockAudio, ReplayTranscriber, referenceWords } from '../helpers/replayTranscriber';

const SR = 16_000;
const FRAME = 1_600;

/** Feeds `sec` of clock audio in 100 ms frames, stepping whenever the policy says a step is due. */
async function drive(policy: StreamingPolicy, sec: number): Promise<{ steps: PolicyStep[]; final: Word[] }> {
  const steps: PolicyStep[] = [];
  for (let at = 0; at < sec * SR; at += FRAME) {
    policy.pushAudio(clockAudio(at, Math.min(FRAME, sec * SR - at)));
    while (policy.stepDue()) steps.push(await policy.step());
  }
  return { steps, final: (await policy.finish()).committed };
}

const allCommitted = (r: { steps: PolicyStep[]; final: Word[] }): string[] =>
  [...r.steps.flatMap((s) => s.committed), ...r.final].map((w) => w.text);

describe('FixedChunkPolicy', () => {
  it('transcribes each 2 s chunk once, 1.5 s apart, and emits every word exactly once as final', async () => {
    const ref = referenceWords(40);
    const replay = new ReplayTranscriber(ref, { reviseProbability: 0 });
    const r = await drive(new FixedChunkPolicy(replay), 17);
    expect(replay.calls.slice(0, 3).map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 2],
      [1.5, 3.5],
      [3, 5],
    ]);
    expect(r.steps.every((s) => s.tentative.length === 0)).toBe(true);
    expect(allCommitted(r)).toEqual(ref.map((w) => w.text));
  });

  it('catches up chunk by chunk when several piled up', async () => {
    const replay = new ReplayTranscriber(referenceWords(10), { reviseProbability: 0 });
    const policy = new FixedChunkPolicy(replay);
    policy.pushAudio(clockAudio(0, 5 * SR));
    let steps = 0;
    while (policy.stepDue()) {
      await policy.step();
      steps++;
    }
    expect(steps).toBe(3);
  });
});

describe('SlidingStepPolicy', () => {
  it("derives whisper.cpp stream's line length from step and window", () => {
    expect(stepsPerLine({ stepSec: 3, windowSec: 10, keepSec: 0.2 })).toBe(2);
    expect(stepsPerLine({ stepSec: 5, windowSec: 5, keepSec: 0.2 })).toBe(1);
  });

  it('shows each step tentatively, finalises every second step and keeps 0.2 s of audio', async () => {
    // No word straddles a line's end: stream.cpp loses those unless they fit in the 0.2 s kept.
    const ref = referenceWords(34, 0.3, 0.2, 0.1);
    const replay = new ReplayTranscriber(ref, { reviseProbability: 0 });
    const r = await drive(new SlidingStepPolicy(replay), 17);
    expect(r.steps.map((s) => s.committed.length > 0)).toEqual([false, true, false, true, false]);
    expect(r.steps[0]!.tentative.length).toBeGreaterThan(0);
    expect(replay.calls.slice(0, 3).map((c) => [c.startSec, +c.endSec.toFixed(2)])).toEqual([
      [0, 3],
      [0, 6],
      [5.8, 9],
    ]);
    // No word repeated by the kept audio, none lost.
    expect(allCommitted(r)).toEqual(ref.map((w) => w.text));
  });

  it('ends a stream that stopped on a step by taking its tentative line as final, with no extra pass', async () => {
    const ref = referenceWords(17, 0.3, 0.2, 0.1);
    const replay = new ReplayTranscriber(ref, { reviseProbability: 0 });
    const r = await drive(new SlidingStepPolicy(replay), 9);
    expect(replay.calls).toHaveLength(3);
    expect(allCommitted(r)).toEqual(ref.map((w) => w.text));
  });

  it('takes all the audio that arrived while the engine was busy in one step', async () => {
    const replay = new ReplayTranscriber(referenceWords(10), { reviseProbability: 0 });
    const policy = new SlidingStepPolicy(replay);
    policy.pushAudio(clockAudio(0, 7 * SR));
    await policy.step();
    expect(replay.calls[0]).toMatchObject({ startSec: 0, endSec: 7 });
    expect(policy.stepDue()).toBe(false);
  });
});

describe('OursPolicy', () => {
  it('steps once minStepMs of audio is pending and commits every word by the end', async () => {
    const ref = referenceWords(30);
    const replay = new ReplayTranscriber(ref, { reviseProbability: 0.3 });
    const r = await drive(new OursPolicy(replay), 13);
    const gaps = replay.calls.slice(1).map((c, i) => c.endSec - replay.calls[i]!.endSec);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DEFAULT_STREAM_PARAMS.minStepMs / 1000);
    expect(r.steps.some((s) => s.tentative.length > 0)).toBe(true);
    // The stream's last words are final as heard, so a mis-hearing (the replay's "x") may stay.
    expect(allCommitted(r).map((t) => t.replace(/x$/, ''))).toEqual(ref.map((w) => w.text));
  });

  it("reports each step's tentative words as a snapshot that later steps do not change", async () => {
    // The hypothesis buffer shifts its tentative array in place when the next pass agrees.
    const policy = new OursPolicy(new ReplayTranscriber(referenceWords(20), { reviseProbability: 0 }));
    const seen: { step: PolicyStep; asReported: string }[] = [];
    for (let at = 0; at < 8 * SR; at += FRAME) {
      policy.pushAudio(clockAudio(at, FRAME));
      while (policy.stepDue()) {
        const step = await policy.step();
        seen.push({ step, asReported: JSON.stringify(step.tentative) });
      }
    }
    expect(seen.some((s) => s.step.tentative.length > 0)).toBe(true);
    for (const s of seen) expect(JSON.stringify(s.step.tentative)).toBe(s.asReported);
  });
});
