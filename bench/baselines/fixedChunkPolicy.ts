// Baseline: fixed chunks with overlap, as typical WebSocket transcription services do it. Each chunk
// is transcribed once and its text is final at once; nothing is ever shown tentatively. The overlap
// keeps words cut by a chunk boundary whole in the next chunk. A chunk emits the words whose centre
// lies before the middle of the overlap with the next chunk and that start after the last word already
// emitted, so a word heard in both copies is emitted once even when their timestamps jitter across
// that middle.
import { secToSamples } from '../../src/core/audio/pcm';
import { SAMPLE_RATE_HZ } from '../../src/shared/audioFormat';
import type { Transcriber } from '../../src/core/asr/transcriber';
import { audioCtxFor, DEFAULT_STREAM_PARAMS, type StreamParams } from '../../src/core/streaming/streamParams';
import { mergeSteps, shiftWords, wordsAfter, type PolicyStep, type StreamingPolicy } from './streamingPolicy';

export type FixedChunkParams = {
  chunkSec: number;
  overlapSec: number;
};

export const DEFAULT_FIXED_CHUNK_PARAMS: FixedChunkParams = { chunkSec: 2, overlapSec: 0.5 };

/** A word re-heard in the overlap may start slightly before its first copy ended. */
const OVERLAP_DEDUPE_SLACK_SEC = 0.1;

export class FixedChunkPolicy implements StreamingPolicy {
  readonly name = 'fixed-chunks';
  private audio = new Float32Array(SAMPLE_RATE_HZ * 60);
  private received = 0;
  /** Stream sample index at which `audio[0]` lies (older audio is dropped once transcribed). */
  private audioStart = 0;
  /** Index of the next chunk to transcribe. */
  private nextChunk = 0;
  private lastEmittedEndSec = Number.NEGATIVE_INFINITY;

  /**
   * `stream` supplies the encoder context and token cap rules, so the policies differ only in when
   * and what they transcribe, not in how the engine is driven.
   */
  constructor(
    private readonly transcriber: Transcriber,
    readonly params: FixedChunkParams = DEFAULT_FIXED_CHUNK_PARAMS,
    private readonly stream: StreamParams = DEFAULT_STREAM_PARAMS,
  ) {}

  private get hopSec(): number {
    return this.params.chunkSec - this.params.overlapSec;
  }

  private chunkStartSample(k: number): number {
    return secToSamples(k * this.hopSec);
  }

  pushAudio(samples: Float32Array): void {
    const used = this.received - this.audioStart;
    if (used + samples.length > this.audio.length) {
      const next = new Float32Array(Math.max(this.audio.length * 2, used + samples.length));
      next.set(this.audio.subarray(0, used));
      this.audio = next;
    }
    this.audio.set(samples, used);
    this.received += samples.length;
  }

  /** Due once a whole chunk has arrived; chunks that piled up while the engine was busy go in order. */
  stepDue(): boolean {
    return this.chunkStartSample(this.nextChunk) + secToSamples(this.params.chunkSec) <= this.received;
  }

  async step(): Promise<PolicyStep> {
    return this.transcribeChunk(this.received, false);
  }

  async finish(): Promise<PolicyStep> {
    const passes: PolicyStep[] = [];
    while (this.stepDue()) passes.push(await this.step());
    // The last, partial chunk, if it holds audio no earlier chunk finalised.
    const start = this.chunkStartSample(this.nextChunk);
    if (this.received - start > secToSamples(this.params.overlapSec / 2)) {
      passes.push(await this.transcribeChunk(this.received, true));
    }
    return mergeSteps(passes);
  }

  private async transcribeChunk(receivedSamples: number, last: boolean): Promise<PolicyStep> {
    const k = this.nextChunk;
    const start = this.chunkStartSample(k);
    const end = Math.min(receivedSamples, start + secToSamples(this.params.chunkSec));
    const chunk = this.audio.slice(start - this.audioStart, end - this.audioStart);
    const chunkSec = chunk.length / SAMPLE_RATE_HZ;
    const result = await this.transcriber.transcribe(chunk, {
      audioCtx: audioCtxFor(chunkSec, this.stream),
      maxTokens: Math.ceil(Math.max(chunkSec, 1) * this.stream.maxTokensPerSec),
    });
    const startSec = start / SAMPLE_RATE_HZ;
    // Centres before the middle of the next overlap belong to this chunk; later ones to the next.
    const untilSec = last ? Number.POSITIVE_INFINITY : startSec + this.hopSec + this.params.overlapSec / 2;
    const heard = wordsAfter(
      shiftWords(result.words, startSec),
      this.lastEmittedEndSec,
      OVERLAP_DEDUPE_SLACK_SEC,
    );
    const committed = heard.filter((w) => (w.startSec + w.endSec) / 2 < untilSec);
    const lastWord = committed[committed.length - 1];
    if (lastWord) this.lastEmittedEndSec = lastWord.endSec;
    this.nextChunk = k + 1;
    this.dropBefore(this.chunkStartSample(this.nextChunk));
    return {
      committed,
      tentative: [],
      computeMs: result.computeMs,
      windowSec: chunkSec,
      skipped: false,
      finalises: true,
    };
  }

  /** Forgets audio no future chunk needs, so memory stays flat over a long answer. */
  private dropBefore(sample: number): void {
    const drop = sample - this.audioStart;
    if (drop <= 0) return;
    this.audio.copyWithin(0, drop, this.received - this.audioStart);
    this.audioStart = sample;
  }
}
