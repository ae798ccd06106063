// LiveAnswer's audio handling and fault injection around it: a disk that fills up, an engine that fails
// a live step. The transcriber here is a stub on purpose: what is under test is what LiveAnswer does
// with the audio and the failures.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TranscriptionAbortedError,
  type AsrResult,
  type TranscribeOptions,
  type Transcriber,
} from '../../../src/core/asr/transcriber';
import { float32ToPcm16 } from '../../../src/core/audio/pcm';
import { LiveAnswer } from '../../../src/core/practice/liveAnswer';
import type { LiveAnswerEvents } from '../../../src/core/practice/liveAnswerEvents';
import { tempDir } from '../../helpers/fixtures';

class StubTranscriber implements Transcriber {
  calls = 0;
  readonly finalAudio: Float32Array[] = [];
  constructor(private readonly failLiveSteps = false) {}
  async transcribe(audio: Float32Array, options: { thorough?: boolean } = {}): Promise<AsrResult> {
    this.calls++;
    if (options.thorough) this.finalAudio.push(audio);
    if (this.failLiveSteps && !options.thorough) throw new Error('engine hiccup');
    const sec = audio.length / 16_000;
    return {
      words: [{ text: 'hello', startSec: 0, endSec: Math.min(0.5, sec) }],
      text: 'hello',
      computeMs: 1,
    };
  }
  async dispose(): Promise<void> {}
}

function recorder() {
  const errors: string[] = [];
  const events: LiveAnswerEvents = {
    caption: () => {},
    stats: () => {},
    nudge: () => {},
    error: (m) => errors.push(m),
  };
  return { errors, events };
}

const frame = () => float32ToPcm16(new Float32Array(3200).fill(0.1)).buffer as ArrayBuffer;

describe('LiveAnswer', () => {
  it('keeps the answer as it arrived, 16-bit, and gives the final pass the same samples as Float32', async () => {
    const { events } = recorder();
    const engine = new StubTranscriber();
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: engine,
      wavPath: path.join(tempDir(), 'a.wav'),
      events,
    });
    const sent: Int16Array[] = [];
    for (let i = 0; i < 10; i++) {
      const ints = new Int16Array(3200).map((_, k) => ((i * 3200 + k) % 2000) * 16 - 16000);
      sent.push(ints);
      answer.pushPcm16(ints.slice().buffer);
      await answer.drain();
    }
    const done = await answer.stop();
    // Half the memory of Float32: a 10-minute answer holds 19 MB of samples.
    expect(done.audio).toBeInstanceOf(Int16Array);
    expect(Array.from(done.audio)).toEqual(sent.flatMap((s) => Array.from(s)));
    const heard = engine.finalAudio.flatMap((a) => Array.from(a));
    expect(heard).toEqual(Array.from(done.audio, (v) => v / 32768));
  });
});

describe('LiveAnswer under faults', () => {
  it('keeps recording in memory and says so once when the disk fills up mid-answer', async () => {
    const { errors, events } = recorder();
    let appends = 0;
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: new StubTranscriber(),
      wavPath: 'unused.wav',
      events,
      openWav: () => ({
        append: () => {
          if (++appends > 5)
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
        close: () => {
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        },
      }),
    });
    for (let i = 0; i < 15; i++) {
      answer.pushPcm16(frame());
      await answer.drain();
    }
    const done = await answer.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/disk is full.*still be saved/);
    expect(done.durationSec).toBeCloseTo(3);
    expect(done.words.map((w) => w.text)).toEqual(['hello']);
  });

  it('refuses to start with a clear message when the recording file cannot be created', () => {
    const { events } = recorder();
    const wavPath = existsSync('/dev/full') ? '/dev/full' : path.join(tempDir(), 'missing-dir', 'a.wav');
    expect(
      () => new LiveAnswer({ answerId: 'a', transcriber: new StubTranscriber(), wavPath, events }),
    ).toThrow(/Cannot create the recording file .*(disk is full|folder no longer exists)/);
  });

  it('reports a failed live step but keeps going, and the final pass still produces the transcript', async () => {
    const { errors, events } = recorder();
    const engine = new StubTranscriber(true);
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: engine,
      wavPath: path.join(tempDir(), 'a.wav'),
      events,
    });
    for (let i = 0; i < 10; i++) {
      answer.pushPcm16(frame());
      await answer.drain();
    }
    const done = await answer.stop();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/Live transcription failed: engine hiccup/);
    expect(done.finalPassError).toBeUndefined();
    expect(done.words.map((w) => w.text)).toEqual(['hello']);
  });

  it('aborts the live pass in flight at Stop, so the final pass starts at once and no error is shown', async () => {
    const { errors, events } = recorder();
    const passes: string[] = [];
    // A live pass that would never end on its own; only its abort signal releases it.
    const engine: Transcriber = {
      transcribe: (audio: Float32Array, options: TranscribeOptions = {}) =>
        new Promise<AsrResult>((resolve, reject) => {
          passes.push(options.thorough ? 'final' : 'live');
          if (options.thorough) {
            resolve({ words: [{ text: 'done', startSec: 0, endSec: 0.4 }], text: 'done', computeMs: 1 });
            return;
          }
          options.signal?.addEventListener('abort', () => reject(new TranscriptionAbortedError()));
        }),
      dispose: async () => {},
    };
    const answer = new LiveAnswer({
      answerId: 'a',
      transcriber: engine,
      wavPath: path.join(tempDir(), 'a.wav'),
      events,
    });
    for (let i = 0; i < 5; i++) answer.pushPcm16(frame());
    expect(passes).toEqual(['live']);
    const done = await answer.stop();
    expect(passes).toEqual(['live', 'final']);
    expect(done.words.map((w) => w.text)).toEqual(['done']);
    expect(errors).toEqual([]);
  });
});
