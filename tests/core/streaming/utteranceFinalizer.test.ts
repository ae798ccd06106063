// Final text built during the answer, on a replayed Whisper: it must equal one pass over the whole
// answer (where the replay is deterministic), and Stop must only transcribe the last utterance.
import { describe, expect, it } from 'vitest';
import {
  TranscriptionAbortedError,
  type TranscribeOptions,
  type Transcriber,
} from '../../../src/core/asr/transcriber';
import { OnlineTranscriber } from '../../../src/core/streaming/onlineTranscriber';
import { finalPassCosts } from '../../../src/core/streaming/passCostEstimator';
import {
  DEFAULT_STREAM_PARAMS,
  finalPassOptions,
  FULL_AUDIO_CTX,
} from '../../../src/core/streaming/streamParams';
import {
  UtteranceFinalizer,
  QUIET_SPAN_MIN_SEC,
  STOP_PASS_MAX_SEC,
  utteranceEnd,
  type FinalUtterance,
} from '../../../src/core/streaming/utteranceFinalizer';
import type { Word } from '../../../src/shared/domain';
import { clockAudio, ReplayTranscriber } from '../../helpers/replayTranscriber';

const SR = 16_000;
const params = DEFAULT_STREAM_PARAMS;

/** Sentences of `perSentence` words (0.3 s each, 0.1 s apart) separated by `pauseSec` of silence. */
function sentences(count: number, perSentence: number, pauseSec: number): Word[] {
  const words: Word[] = [];
  let t = 0.5;
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < perSentence; i++) {
      words.push({ text: `s${s}w${i}`, startSec: t, endSec: t + 0.3 });
      t += 0.4;
    }
    t += pauseSec;
  }
  return words;
}

/**
 * A live answer in lock-step: live steps every 0.5 s of clock audio, final passes done before more audio.
 * `quietSince` plays the VAD's part in closing quiet stretches.
 */
async function answer(
  reference: Word[],
  totalSec: number,
  quietSince: (receivedSec: number) => number | null = () => null,
) {
  const replay = new ReplayTranscriber(reference, { reviseProbability: 0, jitterSec: 0 });
  const online = new OnlineTranscriber(replay, params);
  const finals: FinalUtterance[] = [];
  const finalizer = new UtteranceFinalizer({
    transcriber: replay,
    params,
    audioOf: (s) => clockAudio(Math.round(s.startSec * SR), Math.round((s.endSec - s.startSec) * SR)),
    onFinal: (u) => finals.push(u),
  });
  const stepSamples = SR / 2;
  for (let at = 0; at < totalSec * SR; at += stepSamples) {
    online.pushAudio(clockAudio(at, stepSamples));
    const r = await online.step();
    finalizer.observe({
      committed: online.committedWords(),
      utteranceEndSec: r.utteranceEndSec,
      receivedSec: online.receivedSec,
      quietSinceSec: quietSince(online.receivedSec),
    });
    await finalizer.idle();
  }
  online.finish();
  const callsBeforeStop = replay.calls.length;
  const words = await finalizer.finish(online.receivedSec, quietSince(online.receivedSec));
  return { replay, words, finals, atStop: replay.calls.slice(callsBeforeStop) };
}

/** The VAD's part: voice through each word as it arrives; quiet from the end of the last one heard. */
const vadQuietSince =
  (reference: readonly Word[]) =>
  (receivedSec: number): number => {
    const heard = reference.filter((w) => w.startSec < receivedSec);
    if (heard.at(-1) && heard.at(-1)!.endSec > receivedSec) return receivedSec;
    return heard.at(-1)?.endSec ?? 0;
  };

const finalCalls = (calls: ReplayTranscriber['calls']) => calls.filter((c) => c.options.thorough);
const rounded = (words: Word[]) =>
  words.map((w) => `${w.text}@${w.startSec.toFixed(3)}-${w.endSec.toFixed(3)}`);

describe('UtteranceFinalizer', () => {
  it('builds the same final text as one pass over the whole answer, utterance by utterance', async () => {
    const reference = sentences(30, 12, 1);
    const totalSec = reference.at(-1)!.endSec + 0.5;
    const { replay, words, finals } = await answer(reference, totalSec);
    // Every final pass hears one utterance, never the whole answer.
    const longest = Math.max(...finalCalls(replay.calls).map((c) => c.endSec - c.startSec));
    expect(longest).toBeLessThanOrEqual(params.maxUtteranceSec);
    const whole = await replay.transcribe(
      clockAudio(0, Math.round(totalSec * SR)),
      finalPassOptions(params, totalSec),
    );
    expect(rounded(words)).toEqual(rounded(whole.words));
    expect(finals.length).toBeGreaterThan(10);
  });

  it('cuts continuous speech at most every maxUtteranceSec, between words, and still loses none', async () => {
    // 200 s of words 0.1 s apart, with a slightly wider gap every 7 words: no pause a speaker would make.
    const reference: Word[] = [];
    for (let i = 0, t = 0.5; t < 200; i++, t += i % 7 === 0 ? 0.55 : 0.4)
      reference.push({ text: `w${i}`, startSec: t, endSec: t + 0.3 });
    const totalSec = reference.at(-1)!.endSec + 0.3;
    const { replay, words } = await answer(reference, totalSec);
    expect(words.map((w) => w.text)).toEqual(reference.map((w) => w.text));
    const spans = finalCalls(replay.calls).map((c) => c.endSec - c.startSec);
    expect(Math.max(...spans)).toBeLessThanOrEqual(params.maxUtteranceSec + 1e-6);
    expect(spans.length).toBeGreaterThanOrEqual(Math.floor(totalSec / params.maxUtteranceSec));
    // Each pass may decode only so many tokens for its length: a runaway decode cannot hold Stop back.
    for (const c of finalCalls(replay.calls)) {
      const sec = c.endSec - c.startSec;
      const cap = Math.max(16, sec * params.finalMaxTokensPerSec);
      expect(Math.abs(c.options.maxTokens! - cap)).toBeLessThanOrEqual(1);
    }
  });

  it('leaves Stop only the last utterance, run on the live lane; the others ran in the background', async () => {
    const reference = sentences(20, 15, 1);
    const totalSec = reference.at(-1)!.endSec + 0.2;
    const { replay, atStop } = await answer(reference, totalSec);
    const before = finalCalls(replay.calls).slice(0, -atStop.length);
    expect(before.every((c) => c.options.priority === 'background')).toBe(true);
    expect(atStop).toHaveLength(1);
    expect(atStop[0]!.options.priority).toBe('live');
    expect(atStop[0]!.endSec - atStop[0]!.startSec).toBeLessThan(8);
    expect(atStop[0]!.endSec).toBeGreaterThanOrEqual(totalSec);
    // What the user waits for hears only its own audio; what ran during the answer had the full context.
    expect(atStop[0]!.options.audioCtx).toBeLessThan(FULL_AUDIO_CTX);
    expect(before.every((c) => c.options.audioCtx === FULL_AUDIO_CTX)).toBe(true);
  });

  it('prompts each final pass with the final text before it', async () => {
    const reference = sentences(4, 12, 1);
    const { replay } = await answer(reference, reference.at(-1)!.endSec + 0.5);
    const prompts = finalCalls(replay.calls).map((c) => (c.options as TranscribeOptions).prompt ?? '');
    expect(prompts[0]).toBe(params.disfluencyPrompt);
    expect(prompts[1]).toContain('s0w11');
    expect(prompts.at(-1)).toContain('s2w11');
  });

  it('transcribes nothing at Stop when the VAD heard nothing since the last utterance closed', async () => {
    const replay = new ReplayTranscriber(sentences(2, 12, 1), { reviseProbability: 0, jitterSec: 0 });
    const finalizer = new UtteranceFinalizer({
      transcriber: replay,
      params,
      audioOf: (s) => clockAudio(Math.round(s.startSec * SR), Math.round((s.endSec - s.startSec) * SR)),
    });
    finalizer.observe({ committed: [], utteranceEndSec: 5.2, receivedSec: 6 });
    await finalizer.idle();
    expect(replay.calls).toHaveLength(1);
    await finalizer.finish(7, 5.3);
    expect(replay.calls).toHaveLength(1);
  });

  it('closes a long quiet stretch without a pass, and still hears the words after it', async () => {
    const first = sentences(1, 12, 0);
    const second = sentences(1, 12, 0).map((w) => ({
      text: `late-${w.text}`,
      startSec: w.startSec + 45,
      endSec: w.endSec + 45,
    }));
    const reference = [...first, ...second];
    const totalSec = reference.at(-1)!.endSec + 20;
    const quietSince = vadQuietSince(reference);
    const { replay, words, finals, atStop } = await answer(reference, totalSec, quietSince);
    expect(words.map((w) => w.text)).toEqual(reference.map((w) => w.text));
    const passes = finalCalls(replay.calls);
    // No pass hears only silence: each holds a word, and they add up to little more than the speech.
    for (const c of passes)
      expect(reference.some((w) => w.startSec >= c.startSec - 0.05 && w.endSec <= c.endSec)).toBe(true);
    const passSec = passes.reduce((sum, c) => sum + c.endSec - c.startSec, 0);
    expect(passSec).toBeLessThan(
      2 * (first.at(-1)!.endSec - first[0]!.startSec) + 2 * QUIET_SPAN_MIN_SEC + 2,
    );
    // The quiet stretches are final too, without words, so the finals still tile the answer for recovery.
    expect(finals.filter((f) => f.words.length === 0).length).toBeGreaterThan(5);
    for (let i = 1; i < finals.length; i++) expect(finals[i]!.startSec).toBeCloseTo(finals[i - 1]!.endSec, 6);
    expect(finals.flatMap((f) => f.words.map((w) => w.text))).toEqual(reference.map((w) => w.text));
    // The quiet tail leaves Stop nothing to transcribe.
    expect(atStop).toHaveLength(0);
  });

  it('closes a short last utterance at its end when quiet follows, not at the cap with the silence', async () => {
    // 12 words, a pause, 3 more (too short to close at a pause), then 30 s of quiet.
    const reference = [
      ...sentences(1, 12, 0),
      ...['a', 'b', 'c'].map((text, i) => ({ text, startSec: 6.3 + i * 0.4, endSec: 6.6 + i * 0.4 })),
    ];
    const quietSince = vadQuietSince(reference);
    const { replay, words } = await answer(reference, 37, quietSince);
    expect(words.map((w) => w.text)).toEqual(reference.map((w) => w.text));
    for (const c of finalCalls(replay.calls)) {
      const lastEnd = Math.max(...reference.filter((w) => w.endSec <= c.endSec).map((w) => w.endSec));
      expect(c.endSec - lastEnd).toBeLessThanOrEqual(params.utteranceEndSlackSec + 0.5);
    }
  });

  it('reruns on the live lane at Stop what a failing background pass left', async () => {
    let failBackground = true;
    const calls: TranscribeOptions[] = [];
    const finalizer = new UtteranceFinalizer({
      transcriber: {
        transcribe: async (audio, options = {}) => {
          calls.push(options);
          if (failBackground && options.priority === 'background') throw new Error('engine died');
          return { words: [{ text: 'hi', startSec: 0.1, endSec: 0.4 }], text: 'hi', computeMs: 1 };
        },
        dispose: async () => undefined,
      },
      params,
      audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)),
    });
    finalizer.observe({ committed: [], utteranceEndSec: 5, receivedSec: 6 });
    await finalizer.idle();
    failBackground = false;
    const words = await finalizer.finish(10, null);
    // What the failed pass left and the last utterance, together in one pass.
    expect(words.map((w) => w.startSec.toFixed(3))).toEqual(['0.100']);
    expect(calls.map((c) => c.priority)).toEqual(['background', 'live']);
  });
  it('at Stop gives up the background pass in flight and runs what is left in one live pass', async () => {
    // The background engine hardly moves beside Stop's passes (lowest priority): its pass ends only when aborted.
    const calls: { priority: string | undefined; startSec: number; sec: number; audioCtx?: number }[] = [];
    let backgroundAborted = false;
    const finalizer = new UtteranceFinalizer({
      transcriber: {
        transcribe: (audio, options = {}) => {
          const startSec = Number(audio[0]);
          calls.push({
            priority: options.priority,
            startSec,
            sec: audio.length / SR,
            audioCtx: options.audioCtx,
          });
          if (options.priority === 'background')
            return new Promise((_, reject) =>
              options.signal?.addEventListener('abort', () => {
                backgroundAborted = true;
                // The engine reports the abort a little later.
                setTimeout(() => reject(new TranscriptionAbortedError()), 5);
              }),
            );
          const words = [{ text: `from${startSec}`, startSec: 0.1, endSec: 0.4 }];
          return Promise.resolve({ words, text: words[0]!.text, computeMs: 1 });
        },
        dispose: async () => undefined,
      },
      params,
      // Each span's audio names where it starts, so the transcriber can tell the spans apart.
      audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)).fill(s.startSec),
    });
    finalizer.observe({ committed: [], utteranceEndSec: 5, receivedSec: 6 });
    finalizer.observe({ committed: [], utteranceEndSec: 11, receivedSec: 12 });
    expect(calls.map((c) => c.priority)).toEqual(['background']);
    const progress: number[] = [];
    const words = await finalizer.finish(16, null, (p) => progress.push(p.remainingSec));
    expect(backgroundAborted).toBe(true);
    // The utterance in flight, the closed one after it and the open tail: one pass, fitted to its audio.
    expect(calls.slice(1)).toEqual([
      { priority: 'live', startSec: 0, sec: 16, audioCtx: expect.any(Number) },
    ]);
    expect(calls[1]!.audioCtx).toBeLessThan(FULL_AUDIO_CTX);
    expect(words.map((w) => w.text)).toEqual(['from0']);
    expect(finalizer.finished).toHaveLength(1);
    expect(progress).toEqual([16, 0]);
  });

  it("estimates Stop from Stop's passes timed in an earlier answer, not from the background's scaled down", async () => {
    let now = 0;
    const clock = () => now;
    // A pass at Stop takes 900 ms whatever its context: its fixed part (prompt, fallback decodes) dominates.
    const transcriber: Transcriber = {
      transcribe: async () => {
        now += 900;
        return { words: [{ text: 'w', startSec: 0.1, endSec: 0.4 }], text: 'w', computeMs: 900 };
      },
      dispose: async () => undefined,
    };
    const costs = finalPassCosts(clock);
    const stopEstimates = async () => {
      const finalizer = new UtteranceFinalizer({
        transcriber,
        params,
        audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)),
        clock,
        costs,
      });
      const seen: number[] = [];
      await finalizer.finish(8, null, (p) => seen.push(p.estimateMs));
      return seen;
    };
    const first = await stopEstimates();
    const second = await stopEstimates();
    expect(costs.atStop.timedPasses).toEqual([
      { audioSec: 8, wallMs: 900 },
      { audioSec: 8, wallMs: 900 },
    ]);
    // Stop's passes do not teach the background's estimate, and the second answer's Stop is told 0.9 s.
    expect(costs.background.timedPasses).toEqual([]);
    expect(first).toHaveLength(2);
    expect(second[0]).toBeCloseTo(900, 6);
    expect(second[1]).toBe(0);
  });

  it("at Stop runs a long backlog in passes that fit Whisper's window, in order, keeping quiet apart", async () => {
    const calls: { startSec: number; sec: number; prompt: string }[] = [];
    let backgroundFails = true;
    const finalizer = new UtteranceFinalizer({
      transcriber: {
        transcribe: async (audio, options = {}) => {
          if (backgroundFails && options.priority === 'background') throw new Error('engine died');
          const startSec = Number(audio[0]);
          calls.push({ startSec, sec: audio.length / SR, prompt: options.prompt ?? '' });
          const words = [{ text: `from${Math.round(startSec)}`, startSec: 0.1, endSec: 0.4 }];
          return { words, text: words[0]!.text, computeMs: 1 };
        },
        dispose: async () => undefined,
      },
      params,
      audioOf: (s) => new Float32Array(Math.round((s.endSec - s.startSec) * SR)).fill(s.startSec),
    });
    // Eight utterances of about 6 s, a long quiet stretch, then one more: the background lane has
    // failed, so all of it is left for Stop.
    for (let end = 6; end <= 48; end += 6) {
      finalizer.observe({ committed: [], utteranceEndSec: end, receivedSec: end + 0.5 });
      await finalizer.idle();
    }
    finalizer.observe({ committed: [], utteranceEndSec: null, receivedSec: 54, quietSinceSec: 48.5 });
    finalizer.observe({ committed: [], utteranceEndSec: null, receivedSec: 55, quietSinceSec: 48.5 });
    finalizer.observe({ committed: [], utteranceEndSec: 60, receivedSec: 61 });
    backgroundFails = false;
    const words = await finalizer.finish(62, null);
    expect(calls[0]!.startSec).toBe(0);
    for (const c of calls) expect(c.sec).toBeLessThanOrEqual(STOP_PASS_MAX_SEC + 1e-3);
    expect(calls).toHaveLength(3);
    // Contiguous passes over the speech; none hears the quiet stretch.
    expect(calls[1]!.startSec).toBeCloseTo(calls[0]!.startSec + calls[0]!.sec, 3);
    expect(calls.some((c) => c.startSec < 50 && c.startSec + c.sec > 52)).toBe(false);
    // In order: each is prompted with the final text before it.
    expect(calls[1]!.prompt).toContain('from0');
    expect(words.map((w) => w.text)).toEqual(calls.map((c) => `from${Math.round(c.startSec)}`));
    // The finals still tile the answer, so crash recovery knows where the final text ends.
    const finals = finalizer.finished;
    for (let i = 1; i < finals.length; i++) expect(finals[i]!.startSec).toBeCloseTo(finals[i - 1]!.endSec, 6);
    expect(finals.at(-1)!.endSec).toBe(62);
    expect(finals.filter((f) => f.words.length === 0 && f.startSec > 48 && f.endSec <= 54)).toHaveLength(1);
  });
});

describe('utteranceEnd', () => {
  const word = (startSec: number): Word => ({ text: 'w', startSec, endSec: startSec + 0.3 });
  it('closes at a VAD pause once the utterance is long enough, not before', () => {
    expect(utteranceEnd({ committed: [], utteranceEndSec: 2, receivedSec: 3 }, 0, params)).toBeNull();
    expect(utteranceEnd({ committed: [], utteranceEndSec: 6, receivedSec: 7 }, 0, params)).toBeCloseTo(
      6 + params.utteranceEndSlackSec,
    );
  });
  it('without the VAD, closes in the middle of a long enough gap between committed words', () => {
    const committed = [word(1), word(2), word(3), word(4.2), word(6), word(6.4)];
    expect(utteranceEnd({ committed, utteranceEndSec: null, receivedSec: 7 }, 0, params)).toBeCloseTo(
      (4.5 + 6) / 2,
    );
    expect(
      utteranceEnd({ committed: committed.slice(0, 4), utteranceEndSec: null, receivedSec: 5 }, 0, params),
    ).toBeNull();
  });
});
