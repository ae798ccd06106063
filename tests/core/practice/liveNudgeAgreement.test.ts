// Live nudges agree with the chips on a streamed recording: the answer goes through PracticeService in
// 200 ms frames, with a transcriber that hears exactly the words inside each window (so words show as
// tentative first and commit a step or two later, as with Whisper). Every nudge is checked against the
// stats the screen showed at that moment and against what the speaker was really doing.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import type { AsrResult, Transcriber } from '../../../src/core/asr/transcriber';
import { float32ToPcm16, pcm16ToFloat32 } from '../../../src/core/audio/pcm';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { dataPaths } from '../../../src/core/dataPaths';
import { PracticeService } from '../../../src/core/practice/practiceService';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { openDatabase } from '../../../src/core/storage/database';
import type { LiveStats, Nudge, Word } from '../../../src/shared/domain';
import {
  ensureCoachingFixtures,
  FIXTURE_SPECS,
  type FixtureTruth,
} from '../../../scripts/makeCoachingFixtures';
import { tempDir } from '../../helpers/fixtures';

const FRAME = 3200;
const SR = 16_000;
/** Samples compared to confirm a window's place in the recording. */
const CHECK_SAMPLES = 32;

/** Three 16-bit samples as one exact number: the index key of a position in the recording. */
const keyAt = (x: Float32Array, i: number): number =>
  ((Math.round(x[i]! * 32768) + 32768) * 65536 + (Math.round(x[i + 1]! * 32768) + 32768)) * 65536 +
  (Math.round(x[i + 2]! * 32768) + 32768);

/** Hears the words whose audio lies wholly inside the window; finds the window by its samples. */
class WindowTranscriber implements Transcriber {
  private readonly index = new Map<number, number[]>();
  constructor(
    private readonly audio: Float32Array,
    private readonly words: readonly Word[],
  ) {
    for (let i = 0; i + 3 <= audio.length; i += 1) {
      const key = keyAt(audio, i);
      const list = this.index.get(key);
      if (list) list.push(i);
      else this.index.set(key, [i]);
    }
  }
  private locate(window: Float32Array): number {
    const candidates = this.index.get(keyAt(window, 0)) ?? [];
    const n = Math.min(CHECK_SAMPLES, window.length);
    const found = candidates.find((at) => {
      for (let k = 0; k < n; k += 1) if (this.audio[at + k] !== window[k]) return false;
      return true;
    });
    if (found === undefined) throw new Error('window not found in the recording');
    return found;
  }
  async transcribe(window: Float32Array): Promise<AsrResult> {
    const start = this.locate(window);
    const startSec = start / SR;
    const endSec = startSec + window.length / SR;
    const words = this.words
      .filter((w) => w.startSec >= startSec && w.endSec <= endSec)
      .map((w) => ({ text: w.text, startSec: w.startSec - startSec, endSec: w.endSec - startSec }));
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

describe('live nudges on a streamed recording', () => {
  let truth: FixtureTruth;
  let audio: Float32Array;

  beforeAll(async () => {
    const specs = FIXTURE_SPECS.filter((s) => s.name === 'fillers-us-male');
    truth = (await ensureCoachingFixtures({ specs }))[0]!;
    // What the service hears: the recording after the 16-bit round trip of the microphone frames.
    audio = pcm16ToFloat32(float32ToPcm16(readWav16kMono(truth.wavPath).samples));
  }, 300_000);

  /** The answer with `sec` of room noise inserted in its first pause: a silence long enough to nudge. */
  function withLongSilence(sec: number): {
    audio: Float32Array;
    words: Word[];
    sounds: { startSec: number; endSec: number }[];
  } {
    const at = (truth.pauses[0]!.startSec + truth.pauses[0]!.endSec) / 2;
    const cut = Math.round(at * SR);
    const gap = new Float32Array(Math.round(sec * SR)).map((_, i) => ((i * 7919) % 53) / 53 / 2000 - 0.00025);
    const out = new Float32Array(audio.length + gap.length);
    out.set(audio.subarray(0, cut));
    out.set(pcm16ToFloat32(float32ToPcm16(gap)), cut);
    out.set(audio.subarray(cut), cut + gap.length);
    const shift = <T extends { startSec: number; endSec: number }>(w: T): T =>
      w.startSec >= at ? { ...w, startSec: w.startSec + sec, endSec: w.endSec + sec } : w;
    return {
      audio: out,
      words: truth.words.map(shift),
      sounds: [...truth.words, ...truth.fillers, ...truth.droppedWords].map(shift),
    };
  }

  async function stream(
    nudgeParams: Record<string, number>,
    input: { audio: Float32Array; words: readonly Word[] } = { audio, words: truth.words },
  ) {
    const timeline: ({ type: 'stats'; stats: LiveStats } | { type: 'nudge'; nudge: Nudge })[] = [];
    const paths = dataPaths(tempDir());
    const transcriber = new WindowTranscriber(input.audio, input.words);
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(openDatabase(paths.dbPath)),
      engine: new EngineHost({
        modelsDir: paths.modelsDir,
        modelPath: inject('syntheticModelPath'),
        load: async () => transcriber,
      }),
      nudgeParams: { encouragementAfterSec: 0, ...nudgeParams },
      events: {
        caption: () => {},
        stats: (stats) => timeline.push({ type: 'stats', stats }),
        nudge: (nudge) => timeline.push({ type: 'nudge', nudge }),
        answerError: () => {},
      },
    });
    const { answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Tell me about it.' });
    for (let i = 0; i < input.audio.length; i += FRAME) {
      service.pushAudio(answerId, float32ToPcm16(input.audio.subarray(i, i + FRAME)).buffer as ArrayBuffer);
      await service.drain(answerId);
    }
    await service.stopAnswer(answerId);
    // Each nudge with the stats the chips showed when it appeared (emitted by the same update).
    return timeline.flatMap((entry, i) => {
      if (entry.type !== 'nudge') return [];
      const shown = timeline
        .slice(0, i)
        .reverse()
        .find((e) => e.type === 'stats');
      return [{ nudge: entry.nudge, stats: shown?.type === 'stats' ? shown.stats : null }];
    });
  }

  it('asks to pick up the pace only while the pace chip shows a slow figure, and to slow down only a fast one', async () => {
    // Thresholds around this answer's real pace (about 100 wpm), so both nudges are in play.
    const speedUpBelowWpm = 105;
    const slowDownAboveWpm = 115;
    const nudges = await stream({
      speedUpBelowWpm,
      slowDownAboveWpm,
      minSpacingSec: 3,
      sameKindSpacingSec: 3,
    });
    const pace = nudges.filter(({ nudge }) => nudge.kind === 'speed-up' || nudge.kind === 'slow-down');
    expect(pace.length).toBeGreaterThan(0);
    for (const { nudge, stats } of pace) {
      expect(stats, nudge.kind).not.toBeNull();
      if (nudge.kind === 'speed-up') expect(stats!.wordsPerMinute).toBeLessThan(speedUpBelowWpm);
      else expect(stats!.wordsPerMinute).toBeGreaterThan(slowDownAboveWpm);
      expect(stats!.elapsedSec).toBeCloseTo(nudge.atSec, 5);
    }
  });

  it('says "take your time" only in a real silence, never while the speaker is talking', async () => {
    // Short enough that the answer's own 1–2 s pauses and the engine's lag could trip it.
    const longSilenceSec = 1.2;
    const { sounds, ...input } = withLongSilence(6);
    const nudges = await stream({ longSilenceSec, minSpacingSec: 2, sameKindSpacingSec: 2 }, input);
    const pauses = nudges.filter(({ nudge }) => nudge.kind === 'long-pause');
    expect(pauses.length).toBeGreaterThan(0);
    for (const { nudge } of pauses) {
      const talking = sounds.some((s) => s.startSec <= nudge.atSec && nudge.atSec <= s.endSec);
      expect(talking, `long-pause at ${nudge.atSec.toFixed(1)} s`).toBe(false);
      const lastEnd = Math.max(...sounds.filter((s) => s.endSec <= nudge.atSec).map((s) => s.endSec));
      expect(nudge.atSec - lastEnd, `long-pause at ${nudge.atSec.toFixed(1)} s`).toBeGreaterThanOrEqual(0.5);
    }
  });
});
