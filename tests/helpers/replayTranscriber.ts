// Emulates Whisper for unit tests of the streaming policy, from reference word timings: a word
// is heard only once its audio is in the window, the last word or two are sometimes mis-heard
// and later corrected, and timestamps jitter. The audio fed to it is a "clock" signal whose
// sample values are their own absolute sample index, so each call knows where its window starts.
import type { Word } from '../../src/shared/domain';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../src/core/asr/transcriber';

export type ReplayOptions = {
  /** Probability that each of the last two visible words is mis-heard in a pass. */
  reviseProbability?: number;
  jitterSec?: number;
  /** Simulated compute per pass, returned as computeMs. */
  computeMs?: (windowSec: number) => number;
  seed?: number;
};

const SR = 16_000;

/** Audio whose samples carry their own absolute index, for the replay transcriber. */
export function clockAudio(startSample: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = startSample + i;
  return out;
}

export class ReplayTranscriber implements Transcriber {
  readonly calls: { startSec: number; endSec: number; options: TranscribeOptions }[] = [];
  private rng: () => number;

  constructor(
    private readonly reference: Word[],
    private readonly opts: ReplayOptions = {},
  ) {
    let s = opts.seed ?? 42;
    this.rng = () => {
      s = (s * 1664525 + 1013904223) % 4294967296;
      return s / 4294967296;
    };
  }

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const startSec = (audio[0] ?? 0) / SR;
    const endSec = startSec + audio.length / SR;
    this.calls.push({ startSec, endSec, options });
    const visible = this.reference.filter((w) => w.startSec >= startSec - 0.05 && w.endSec <= endSec);
    const jitter = this.opts.jitterSec ?? 0.03;
    const words = visible.map((w, i) => {
      // Whisper revises what was just said: the last two words, if they ended under a second ago.
      const fromEnd = visible.length - i;
      const recent = fromEnd <= 2 && w.endSec > endSec - 1;
      const misheard = recent && this.rng() < (this.opts.reviseProbability ?? 0.3);
      const j = () => (this.rng() * 2 - 1) * jitter;
      return {
        text: misheard ? `${w.text}x` : w.text,
        startSec: Math.max(0, w.startSec - startSec + j()),
        endSec: Math.max(0, w.endSec - startSec + j()),
      };
    });
    await Promise.resolve();
    return {
      words,
      text: words.map((w) => w.text).join(' '),
      computeMs: this.opts.computeMs?.(endSec - startSec) ?? 0,
    };
  }

  async dispose(): Promise<void> {}
}

/** Evenly spoken reference words: `count` words, each `durSec` long with `gapSec` between. */
export function referenceWords(count: number, durSec = 0.3, gapSec = 0.1, startSec = 0.5): Word[] {
  return Array.from({ length: count }, (_, i) => {
    const s = startSec + i * (durSec + gapSec);
    return { text: `w${i}`, startSec: s, endSec: s + durSec };
  });
}
