// Baseline: whisper.cpp's examples/stream without VAD (`--step 3000 --length 10000 --keep 200`).
// Every step transcribes the new audio plus as much of the previous audio as fits in the window and
// shows it tentatively, replacing the line; every `stepsPerLine` steps the line becomes final and
// only the last `keepSec` of audio is carried into the next line. stream.cpp derives stepsPerLine as
// max(1, length / step - 1), i.e. 2 for 3 s / 10 s: a line is final once the next step would no
// longer fit the window beside the audio it already holds.
import type { Word } from '../../src/shared/domain';
import { secToSamples } from '../../src/core/audio/pcm';
import { SAMPLE_RATE_HZ } from '../../src/shared/audioFormat';
import type { Transcriber } from '../../src/core/asr/transcriber';
import { audioCtxFor, DEFAULT_STREAM_PARAMS, type StreamParams } from '../../src/core/streaming/streamParams';
import {
  finalWithoutPass,
  shiftWords,
  wordsAfter,
  type PolicyStep,
  type StreamingPolicy,
} from './streamingPolicy';

export type SlidingStepParams = {
  stepSec: number;
  windowSec: number;
  keepSec: number;
};

export const DEFAULT_SLIDING_STEP_PARAMS: SlidingStepParams = { stepSec: 3, windowSec: 10, keepSec: 0.2 };

/** Words re-heard in the kept audio may start slightly before the last final word ended. */
const KEEP_DEDUPE_SLACK_SEC = 0.1;

export const stepsPerLine = (p: SlidingStepParams): number =>
  Math.max(1, Math.floor(p.windowSec / p.stepSec) - 1);

export class SlidingStepPolicy implements StreamingPolicy {
  readonly name = 'whisper-stream';
  /** Audio of the current line: kept tail of the previous line, then the steps so far. */
  private line = new Float32Array(0);
  /** Stream sample index of `line[0]`. */
  private lineStart = 0;
  /** Audio received but not yet transcribed. */
  private pending: Float32Array[] = [];
  private pendingSamples = 0;
  private stepsInLine = 0;
  private lastFinalEndSec = 0;
  /** The current line's tentative words. */
  private shown: Word[] = [];

  constructor(
    private readonly transcriber: Transcriber,
    readonly params: SlidingStepParams = DEFAULT_SLIDING_STEP_PARAMS,
    private readonly stream: StreamParams = DEFAULT_STREAM_PARAMS,
  ) {}

  pushAudio(samples: Float32Array): void {
    this.pending.push(samples.slice());
    this.pendingSamples += samples.length;
  }

  stepDue(): boolean {
    return this.pendingSamples >= secToSamples(this.params.stepSec);
  }

  /** Like stream.cpp, a late step takes all the new audio at once (coalescing). */
  async step(): Promise<PolicyStep> {
    return this.run(false);
  }

  async finish(): Promise<PolicyStep> {
    if (this.pendingSamples > 0) return this.run(true);
    // Nothing new since the last pass: what it showed is the line's final text, no pass needed.
    const rest = this.shown;
    this.shown = [];
    return finalWithoutPass(rest);
  }

  private async run(final: boolean): Promise<PolicyStep> {
    const fresh = this.takePending();
    // Old audio fills what the new audio leaves of the window (stream.cpp's n_samples_take).
    const room = Math.max(0, secToSamples(this.params.windowSec + this.params.keepSec) - fresh.length);
    const old = this.line.subarray(Math.max(0, this.line.length - room));
    const windowStart = this.lineStart + (this.line.length - old.length);
    const audio = new Float32Array(old.length + fresh.length);
    audio.set(old);
    audio.set(fresh, old.length);
    this.line = audio;
    this.lineStart = windowStart;
    const windowSec = audio.length / SAMPLE_RATE_HZ;
    const result = await this.transcriber.transcribe(audio, {
      audioCtx: audioCtxFor(windowSec, this.stream),
      maxTokens: Math.ceil(Math.max(windowSec, 1) * this.stream.maxTokensPerSec),
    });
    const words = wordsAfter(
      shiftWords(result.words, windowStart / SAMPLE_RATE_HZ),
      this.lastFinalEndSec,
      KEEP_DEDUPE_SLACK_SEC,
    );
    this.stepsInLine++;
    const lineDone = final || this.stepsInLine >= stepsPerLine(this.params);
    this.shown = lineDone ? [] : words;
    if (!lineDone) {
      return {
        committed: [],
        tentative: words,
        computeMs: result.computeMs,
        windowSec,
        skipped: false,
        finalises: false,
      };
    }
    const last = words[words.length - 1];
    if (last) this.lastFinalEndSec = last.endSec;
    this.keepTail();
    return {
      committed: words,
      tentative: [],
      computeMs: result.computeMs,
      windowSec,
      skipped: false,
      finalises: true,
    };
  }

  private takePending(): Float32Array {
    const out = new Float32Array(this.pendingSamples);
    let at = 0;
    for (const part of this.pending) {
      out.set(part, at);
      at += part.length;
    }
    this.pending = [];
    this.pendingSamples = 0;
    return out;
  }

  /** A new line starts with only the last keepSec of audio, so a word cut at the seam is heard whole. */
  private keepTail(): void {
    const keep = Math.min(this.line.length, secToSamples(this.params.keepSec));
    this.lineStart += this.line.length - keep;
    this.line = this.line.slice(this.line.length - keep);
    this.stepsInLine = 0;
  }
}
