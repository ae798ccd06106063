// Sliding-window transcription: re-transcribe the uncommitted audio on each step, commit what two
// consecutive passes agree on, and trim the window so a step's cost stays bounded.
import type { Word } from '../../shared/domain';
import { SampleBuffer, samplesToSec } from '../audio/pcm';
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import type { Transcriber } from '../asr/transcriber';
import { HypothesisBuffer } from './hypothesisBuffer';
import type { SpeechGate } from './speechGate';
import type { Pause as VadPause } from '../vad/speechSegments';
import { audioCtxFor, DEFAULT_STREAM_PARAMS, MIN_ENGINE_SHARE, type StreamParams } from './streamParams';

export type StepResult = {
  /** Words committed by this step (times from the start of the answer). */
  committed: Word[];
  /** The current tentative tail, replacing the previous one. */
  tentative: Word[];
  computeMs: number;
  windowSec: number;
  /** True when the VAD heard nothing new, so the engine was not run. */
  skipped: boolean;
  /** The end of speech the VAD heard a pause after since the last step, if any. */
  utteranceEndSec: number | null;
};

export class OnlineTranscriber {
  private readonly window = new SampleBuffer();
  /** Answer time of the window's first sample. */
  private windowStartSec = 0;
  private receivedSamples = 0;
  /** Answer time up to which audio has been through a step. */
  private processedUntilSec = 0;
  private readonly hypotheses: HypothesisBuffer;
  private readonly committed: Word[] = [];
  private lastComputeMs = 0;

  /** `gate` (voice activity) is optional: without a VAD model every step runs the engine. */
  constructor(
    private readonly transcriber: Transcriber,
    readonly params: StreamParams = DEFAULT_STREAM_PARAMS,
    private readonly gate: SpeechGate | null = null,
  ) {
    this.hypotheses = new HypothesisBuffer(params);
  }

  pushAudio(samples: Float32Array): void {
    this.window.append(samples);
    this.receivedSamples += samples.length;
    this.gate?.push(samples);
  }

  get receivedSec(): number {
    return samplesToSec(this.receivedSamples);
  }

  /** Audio received but not yet seen by any step. */
  get pendingSec(): number {
    return this.receivedSec - this.processedUntilSec;
  }

  /**
   * Enough new audio for the next pass: minStepMs, stretched after a slow pass so live passes keep the
   * engine busy for at most `engineShare` of real time (audio meanwhile is coalesced, never queued).
   * Pending audio stands in for elapsed time only while it arrives in real time; when it stops (a client
   * that waits for each caption before sending more), the caller says the engine has `rested` long
   * enough (restAfterPassMs of wall time since the pass) and any minStepMs of audio is then due.
   */
  stepDue(rested = false): boolean {
    // Skipping silence costs nothing, so it never waits on the last pass's cost.
    if (this.onlySilencePending()) return this.pendingSec * 1000 >= this.params.minStepMs;
    // Pending audio counts from the start of the last pass, so a pass of c ms is followed by c / share
    // ms of audio in all: c of it arrived while the engine worked, the rest while it idled.
    const throttleMs = rested ? 0 : this.lastComputeMs / this.share();
    return this.pendingSec * 1000 >= Math.max(this.params.minStepMs, throttleMs);
  }

  /** Idle time after the last pass that keeps the engine within its share of real time: c / share − c. */
  get restAfterPassMs(): number {
    return this.lastComputeMs / this.share() - this.lastComputeMs;
  }

  private share(): number {
    return Math.min(1, Math.max(MIN_ENGINE_SHARE, this.params.engineShare));
  }

  get windowSec(): number {
    return samplesToSec(this.window.length);
  }

  /** Ends of speech the VAD heard a pause after, so far; empty without a VAD model. */
  get utteranceEnds(): readonly number[] {
    return this.gate?.utteranceEnds ?? [];
  }

  /** Pauses between utterances heard by the VAD so far; null without a VAD model. */
  get vadPauses(): readonly VadPause[] | null {
    return this.gate?.pauses ?? null;
  }

  /** End of the last voiced audio the VAD confirmed as speech; null without a VAD model or before any. */
  get lastVoicedSec(): number | null {
    const sec = this.gate?.lastVoiced;
    return sec === undefined || !Number.isFinite(sec) ? null : sec;
  }

  /** Where the audio went quiet (no voiced VAD window since, of any kind); null without a VAD model. */
  get quietSinceSec(): number | null {
    return this.gate?.quietSince ?? null;
  }

  committedWords(): readonly Word[] {
    return this.committed;
  }

  /**
   * Transcribes everything in the window; audio that arrived while a step ran is coalesced into the next.
   * `signal` aborts the pass (Stop makes it pointless): the step then rejects with
   * TranscriptionAbortedError and its audio is left to finish() and the final pass.
   */
  async step(signal?: AbortSignal): Promise<StepResult> {
    if (this.onlySilencePending()) return this.skipSilence();
    const utteranceEndSec = this.gate?.takeUtteranceEnd() ?? null;
    const audio = this.window.view().slice();
    const offsetSec = this.windowStartSec;
    this.processedUntilSec = this.receivedSec;
    const windowSec = samplesToSec(audio.length);
    const result = await this.transcriber.transcribe(audio, {
      prompt: this.prompt(),
      audioCtx: audioCtxFor(windowSec, this.params),
      maxTokens: Math.ceil(Math.max(windowSec, 1) * this.params.maxTokensPerSec),
      ...(signal ? { signal } : {}),
    });
    this.lastComputeMs = result.computeMs;
    this.hypotheses.insert(result.words, offsetSec);
    const committed = this.hypotheses.flush();
    if (utteranceEndSec !== null) committed.push(...this.endUtterance(utteranceEndSec));
    else if (this.windowSec > this.params.maxWindowSec) committed.push(...this.forceCut());
    this.committed.push(...committed);
    this.trimWindow();
    return {
      committed,
      tentative: this.hypotheses.tentative(),
      computeMs: result.computeMs,
      windowSec,
      skipped: false,
      utteranceEndSec,
    };
  }

  /** Nothing voiced since the window began and nothing awaiting agreement: the engine would hear silence. */
  private onlySilencePending(): boolean {
    return (
      this.gate !== null &&
      this.hypotheses.tentative().length === 0 &&
      !this.gate.voicedSince(this.windowStartSec)
    );
  }

  private skipSilence(): StepResult {
    this.processedUntilSec = this.receivedSec;
    this.lastComputeMs = 0;
    const utteranceEndSec = this.gate?.takeUtteranceEnd() ?? null;
    this.cutWindowAt(this.receivedSec - this.params.silenceLeadInSec);
    return {
      committed: [],
      tentative: [],
      computeMs: 0,
      windowSec: this.windowSec,
      skipped: true,
      utteranceEndSec,
    };
  }

  /**
   * The speaker paused long enough to have finished a thought: this pass has heard all of it, so its
   * words are final now rather than after the next words arrive. If the speaker has not started again,
   * anything "heard" in the silence is dropped with the audio; if they have, the new words and their
   * audio stay in the window.
   */
  private endUtterance(speechEndSec: number): Word[] {
    const committed = this.hypotheses.forceCommitUntil(speechEndSec + this.params.utteranceEndSlackSec);
    const resumed = this.gate?.speechResumedAfter(speechEndSec + this.params.resumedAfterSec) ?? false;
    if (resumed) {
      this.cutWindowAt(Math.max(this.hypotheses.lastCommittedSec, speechEndSec));
    } else {
      this.hypotheses.discardTentative();
      const lastVoiced = this.gate?.lastVoiced ?? 0;
      this.cutWindowAt(Math.max(this.hypotheses.lastCommittedSec, speechEndSec, lastVoiced));
    }
    return committed;
  }

  /** Ends the stream, committing whatever is still tentative. */
  finish(): Word[] {
    const rest = this.hypotheses.finish();
    this.committed.push(...rest);
    return rest;
  }

  /**
   * The disfluency prefix, then the committed text that has scrolled out of the window as context for
   * the next pass, all within promptChars.
   */
  private prompt(): string {
    const prefix = this.params.disfluencyPrompt.trim();
    const room = Math.max(0, this.params.promptChars - (prefix ? prefix.length + 1 : 0));
    const before = this.committed.filter((w) => w.endSec <= this.windowStartSec);
    const text = before.map((w) => w.text).join(' ');
    const context = text.length > room ? text.slice(text.length - room) : text;
    return [prefix, context].filter((part) => part !== '').join(' ');
  }

  private forceCut(): Word[] {
    const windowEndSec = this.windowStartSec + this.windowSec;
    const forced = this.hypotheses.forceCommitUntil(windowEndSec - this.params.keepOnForcedCutSec);
    const cutSec = Math.max(
      this.hypotheses.lastCommittedSec,
      windowEndSec - this.params.maxWindowSec * this.params.forcedCutKeepShare,
    );
    this.cutWindowAt(cutSec);
    return forced;
  }

  private cutWindowAt(cutSec: number): void {
    if (cutSec <= this.windowStartSec) return;
    const dropSamples = Math.floor((cutSec - this.windowStartSec) * SAMPLE_RATE_HZ);
    this.window.dropFront(dropSamples);
    this.windowStartSec += samplesToSec(dropSamples);
    this.hypotheses.popCommitted(this.windowStartSec);
  }

  private trimWindow(): void {
    if (this.windowSec <= this.params.trimAfterSec) return;
    this.cutWindowAt(this.hypotheses.lastCommittedSec);
  }
}
