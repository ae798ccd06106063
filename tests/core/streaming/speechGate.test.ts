// The streaming policy with voice activity: silence is not sent to the engine, and the tail of an
// utterance commits as soon as the speaker pauses. Whisper is replayed; the VAD is scripted from the
// same clock audio, so both agree on when speech happens.
import { describe, expect, it } from 'vitest';
import { OnlineTranscriber } from '../../../src/core/streaming/onlineTranscriber';
import { SpeechGate } from '../../../src/core/streaming/speechGate';
import { DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import type { SpeechProbabilityModel } from '../../../src/core/vad/sileroVad';
import { clockAudio, ReplayTranscriber, referenceWords } from '../../helpers/replayTranscriber';

const SR = 16_000;

/** Speech probability from the clock audio's absolute sample index: 1 inside a speech span. */
function scriptedVad(spans: [number, number][]): SpeechProbabilityModel {
  return {
    windowSamples: 512,
    reset: () => {},
    process: (frame) => {
      const sec = (frame[0] ?? 0) / SR;
      return spans.some(([a, b]) => sec >= a && sec < b) ? 0.95 : 0.02;
    },
  };
}

async function feed(online: OnlineTranscriber, fromSec: number, toSec: number) {
  const steps = [];
  for (let t = fromSec; t < toSec; t += 1) {
    online.pushAudio(clockAudio(Math.round(t * SR), SR));
    steps.push({ atSec: t + 1, ...(await online.step()) });
  }
  return steps;
}

describe('OnlineTranscriber with a speech gate', () => {
  // 10 words between 3.5 s and 7.5 s; silence before and after.
  const reference = referenceWords(10, 0.3, 0.1, 3.5);
  const speech: [number, number][] = [[3.45, 7.45]];

  it('says where the audio went quiet, a voiced window the VAD does not confirm as speech included', () => {
    // A click of one window at 1.0 s, too short to be speech; speech from 3.45 s to 7.45 s.
    const gate = new SpeechGate(scriptedVad([[1.0, 1.03], ...speech]));
    let heard = 0;
    const quietAfter = (sec: number) => {
      gate.push(clockAudio(Math.round(heard * SR), Math.round((sec - heard) * SR)));
      heard = sec;
      return gate.quietSince;
    };
    expect(quietAfter(0.9)).toBe(0);
    expect(quietAfter(3)).toBeCloseTo(1.05, 1);
    expect(gate.voicedSince(0)).toBe(false);
    expect(quietAfter(6)).toBeGreaterThan(5.9);
    expect(quietAfter(20)).toBeCloseTo(7.45, 1);
  });

  it('does not run the engine on leading or trailing silence', async () => {
    const replay = new ReplayTranscriber(reference, { reviseProbability: 0 });
    const online = new OnlineTranscriber(replay, DEFAULT_STREAM_PARAMS, new SpeechGate(scriptedVad(speech)));
    const steps = await feed(online, 0, 20);
    expect(steps.slice(0, 3).every((s) => s.skipped)).toBe(true);
    expect(steps.slice(12).every((s) => s.skipped)).toBe(true);
    const engineSeconds = replay.calls.map((c) => c.endSec);
    expect(Math.max(...engineSeconds)).toBeLessThanOrEqual(10);
    expect(Math.min(...engineSeconds)).toBeGreaterThanOrEqual(4);
  });

  it('commits the whole utterance at the first step after the pause, a step sooner than agreement would', async () => {
    // Revisions on every pass for words said within the last second, as Whisper does.
    const committedBy9s = async (gate: SpeechGate | null) => {
      const replay = new ReplayTranscriber(reference, { reviseProbability: 1, seed: 3 });
      const online = new OnlineTranscriber(replay, DEFAULT_STREAM_PARAMS, gate);
      await feed(online, 0, 9);
      return online.committedWords().map((w) => w.text);
    };
    expect(await committedBy9s(new SpeechGate(scriptedVad(speech)))).toEqual(reference.map((w) => w.text));
    expect((await committedBy9s(null)).length).toBeLessThan(reference.length);
  });

  it('handles a second utterance after a pause the same way', async () => {
    const second = referenceWords(5, 0.3, 0.1, 12.5);
    const replay = new ReplayTranscriber([...reference, ...second], { reviseProbability: 1, seed: 5 });
    const gate = new SpeechGate(scriptedVad([...speech, [12.45, 14.45]]));
    const online = new OnlineTranscriber(replay, DEFAULT_STREAM_PARAMS, gate);
    await feed(online, 0, 17);
    expect(online.committedWords().map((w) => w.text)).toEqual([...reference, ...second].map((w) => w.text));
    expect(gate.pauses).toHaveLength(1);
    expect(gate.pauses[0]!.startSec).toBeGreaterThan(7);
    expect(gate.pauses[0]!.endSec).toBeLessThan(12.6);
  });

  it('keeps the next utterance when the speaker starts again before the pause is handled', async () => {
    // The pause is detected at ~8.05 s but handled by the step at 9 s; the next words start at 8.35 s.
    const second = referenceWords(5, 0.3, 0.1, 8.35);
    const replay = new ReplayTranscriber([...reference, ...second], { reviseProbability: 0.3, seed: 11 });
    const gate = new SpeechGate(scriptedVad([speech[0]!, [8.3, 10.3]]));
    const online = new OnlineTranscriber(replay, DEFAULT_STREAM_PARAMS, gate);
    await feed(online, 0, 14);
    expect(online.committedWords().map((w) => w.text)).toEqual([...reference, ...second].map((w) => w.text));
  });

  it('ignores a click in the silence: too short to be speech, it neither resumes the utterance nor runs passes', async () => {
    // 60 ms of "voice" at 8.6 s, after the utterance end is detected (~8.05 s) and before it is handled (9 s).
    const replay = new ReplayTranscriber(reference, { reviseProbability: 0 });
    const gate = new SpeechGate(scriptedVad([speech[0]!, [8.6, 8.66]]));
    const online = new OnlineTranscriber(replay, DEFAULT_STREAM_PARAMS, gate);
    const steps = await feed(online, 0, 20);
    expect(online.committedWords().map((w) => w.text)).toEqual(reference.map((w) => w.text));
    expect(steps.filter((s) => s.atSec > 10).every((s) => s.skipped)).toBe(true);
    expect(Math.max(...replay.calls.map((c) => c.endSec))).toBeLessThanOrEqual(10);
  });

  it('counts a window cut at the last voiced sample as silent, whatever the rounding', () => {
    const gate = new SpeechGate(scriptedVad([[1, 2]]));
    for (let t = 0; t < 3; t += 0.1) gate.push(clockAudio(Math.round(t * SR), 0.1 * SR));
    const end = gate.lastVoiced;
    expect(end).toBeGreaterThan(1.9);
    expect(gate.voicedSince(end - 1 / SR)).toBe(true);
    expect(gate.voicedSince(end - 0.4 / SR)).toBe(false);
    expect(gate.voicedSince(end)).toBe(false);
  });
});
