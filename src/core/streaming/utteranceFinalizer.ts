// Final-quality text built while the answer goes on: each utterance, once closed (a pause the VAD
// hears, a gap between committed words, or a cap on continuous speech), is transcribed with the final
// pass's settings on the engine's background lane. At Stop only the last open utterance is left, so the
// report no longer waits for a pass over the whole answer.
import type { Word } from '../../shared/domain';
import type { PassPriority, Transcriber } from '../asr/transcriber';
import { finalPassCosts, type Clock, type FinalPassCosts } from './passCostEstimator';
import { finalPassOptions, FULL_AUDIO_CTX, type StreamParams } from './streamParams';

/** One closed utterance with its final-pass words (times from the start of the answer). */
export type FinalUtterance = { index: number; startSec: number; endSec: number; words: Word[] };

export type Span = { startSec: number; endSec: number };

/** A closed stretch of the answer: an utterance for the engine, or a quiet stretch with no words. */
type ClosedSpan = Span & { quiet?: true };

type Pass = {
  span: Span;
  priority: PassPriority;
  result: Promise<FinalUtterance>;
  abort: AbortController;
  startedMs: number;
  /** Given up at Stop (its utterance runs again there): its result, if it still comes, is not used. */
  abandoned?: true;
  /** Its outcome handled, once however many wait for it. */
  settled?: Promise<void>;
};

/** What the live side knows after a step, from which utterance ends are found. */
export type LiveProgress = {
  /** Every live word committed so far, in order. */
  committed: readonly Word[];
  /** The end of speech the VAD just heard a pause after, if any. */
  utteranceEndSec: number | null;
  receivedSec: number;
  /** With a VAD: where the audio went quiet (no voiced window of any kind since); null without one. */
  quietSinceSec?: number | null;
};

/** A quiet stretch is closed without a pass once it is this long, so silence never reaches the engine. */
export const QUIET_SPAN_MIN_SEC = 3;
/**
 * The newest audio stays open: a word whose first sound is still below the VAD's threshold, or in
 * audio it has not yet heard in whole windows, then starts the next utterance instead of being cut.
 */
export const QUIET_SPAN_MARGIN_SEC = 1;

/**
 * Once the audio has been quiet long enough: where to close, and whether what closes is the quiet
 * stretch itself (no pass: a thinking pause of 20 s must not become a pass over silence, in which
 * Whisper invents words and which costs as much as speech) or the speech before it, however short
 * (else the cap would close it later together with the silence after it). Null while not quiet.
 */
export function quietClose(
  quietSinceSec: number | null | undefined,
  receivedSec: number,
  closedUntilSec: number,
  p: Pick<StreamParams, 'utteranceEndSlackSec'>,
): { endSec: number; quiet: boolean } | null {
  if (quietSinceSec === null || quietSinceSec === undefined) return null;
  const quietEnd = receivedSec - QUIET_SPAN_MARGIN_SEC;
  if (quietEnd - Math.max(closedUntilSec, quietSinceSec) < QUIET_SPAN_MIN_SEC) return null;
  if (quietSinceSec > closedUntilSec) return { endSec: quietSinceSec + p.utteranceEndSlackSec, quiet: false };
  return { endSec: quietEnd, quiet: true };
}

export type UtteranceFinalizerOptions = {
  transcriber: Transcriber;
  params: StreamParams;
  /** The answer's audio between two answer times (a copy: it crosses to the engine). */
  audioOf: (span: Span) => Float32Array;
  /** Each utterance as its final text is ready, in order (saved for crash recovery, shown to the user). */
  onFinal?: (u: FinalUtterance) => void;
  /** Utterances already final (an answer finished from disk after a crash). */
  done?: readonly FinalUtterance[];
  log?: (line: string) => void;
  /** Times the passes for Stop's estimate; performance.now() unless a test drives a virtual clock. */
  clock?: Clock;
  /** The run's pass timings, shared by its answers; this answer's own otherwise (on `clock`). */
  costs?: FinalPassCosts;
};

/** How Stop is going, for a progress bar: seconds of audio still to transcribe, and how fast that goes. */
export type FinishProgress = { remainingSec: number; totalSec: number; estimateMs: number };

/**
 * Closes utterances and runs their final passes one at a time, in order, so each is prompted with the
 * final text before it.
 */
export class UtteranceFinalizer {
  private readonly finals: FinalUtterance[];
  private readonly queue: ClosedSpan[] = [];
  private closedUntilSec: number;
  private running: Pass | null = null;
  private failure: Error | null = null;
  /** A background pass failed: the rest waits for Stop, on the live lane. */
  private backgroundFailed = false;
  private finishing = false;
  private readonly clock: Clock;
  /** Passes as timed on this machine, for Stop's time estimate. */
  private readonly costs: FinalPassCosts;

  constructor(private readonly opts: UtteranceFinalizerOptions) {
    this.clock = opts.clock ?? (() => performance.now());
    this.costs = opts.costs ?? finalPassCosts(this.clock);
    this.finals = [...(opts.done ?? [])];
    this.closedUntilSec = this.finals.at(-1)?.endSec ?? 0;
    this.finishedFromSec = this.closedUntilSec;
  }

  /** Where the utterances given as already final end: the work this finalizer did starts there. */
  readonly finishedFromSec: number;

  /** Answer time up to which the audio belongs to closed utterances. */
  get closedUntil(): number {
    return this.closedUntilSec;
  }

  /** Utterances whose final text is ready. */
  get finished(): readonly FinalUtterance[] {
    return this.finals;
  }

  /** Answer time up to which final text is ready (the end of the last final utterance). */
  get finalUntilSec(): number {
    return this.finals.at(-1)?.endSec ?? 0;
  }

  /** Closed utterances not yet final, the one in the engine included. */
  get pendingSec(): number {
    return this.queue.reduce((sum, s) => sum + workSec(s), 0) + spanSec(this.running?.span);
  }

  /** After each live step: closes the utterance if it has ended, and starts its pass when the lane is free. */
  observe(progress: LiveProgress): void {
    if (this.finishing) return;
    const quiet = quietClose(
      progress.quietSinceSec,
      progress.receivedSec,
      this.closedUntilSec,
      this.opts.params,
    );
    const end = quiet?.endSec ?? utteranceEnd(progress, this.closedUntilSec, this.opts.params);
    if (end !== null) this.close(end, quiet?.quiet ?? false);
    this.next();
  }

  /**
   * Stop: closes the last utterance at `endSec` (dropped when the VAD heard nothing in it: `voicedUntilSec`)
   * and finishes what is left on the live lane, now idle, in as few passes as fit Whisper's window.
   * Resolves with the whole answer's final words.
   */
  async finish(
    endSec: number,
    voicedUntilSec: number | null,
    onProgress?: (p: FinishProgress) => void,
  ): Promise<Word[]> {
    this.finishing = true;
    const silentTail = voicedUntilSec !== null && voicedUntilSec <= this.closedUntilSec;
    if (endSec - this.closedUntilSec >= this.opts.params.minFinalPassSec && !silentTail) {
      this.queue.push({ startSec: this.closedUntilSec, endSec });
    }
    this.closedUntilSec = Math.max(this.closedUntilSec, endSec);
    // The background pass in flight is given up and its utterance run again with the rest: beside
    // Stop's passes the background process (lowest priority) hardly moves, and its full encoder
    // context costs more than a pass fitted to the audio.
    const inFlight = this.running;
    if (inFlight && !this.isFinal(inFlight.span)) {
      inFlight.abandoned = true;
      inFlight.abort.abort();
      this.queue.unshift(inFlight.span);
    }
    this.running = null;
    const left = mergeForStop(this.queue.splice(0).filter((s) => !this.isFinal(s)));
    this.queue.push(...left);
    const totalSec = this.pendingSec;
    const report = () =>
      onProgress?.({
        remainingSec: this.pendingSec,
        totalSec,
        estimateMs: this.remainingMs(),
      });
    report();
    for (let span = this.queue.shift(); span; span = this.queue.shift()) {
      if (span.quiet) {
        this.record(quietUtterance(span));
        continue;
      }
      const pass = this.startPass(span, 'live');
      this.running = pass;
      await this.settle(pass);
      // Done: it no longer counts as remaining.
      this.running = null;
      report();
      if (!this.isFinal(span)) throw this.failure ?? new Error('The final pass failed');
    }
    this.finals.sort((a, b) => a.startSec - b.startSec);
    return this.finals.flatMap((f) => f.words);
  }

  /** Resolves once every closed utterance is final (or its pass failed). */
  async idle(): Promise<void> {
    while (this.running) await this.settle(this.running);
  }

  /** Abandons the passes in flight (Cancel). */
  cancel(): void {
    this.finishing = true;
    this.queue.length = 0;
    this.running?.abort.abort();
  }

  private isFinal(span: Span): boolean {
    return this.finals.some((f) => f.startSec === span.startSec);
  }

  private close(endSec: number, quiet: boolean): void {
    if (endSec <= this.closedUntilSec) return;
    this.queue.push({ startSec: this.closedUntilSec, endSec, ...(quiet ? { quiet } : {}) });
    this.closedUntilSec = endSec;
  }

  private next(): void {
    if (this.running || this.finishing || this.backgroundFailed) return;
    let span = this.queue.shift();
    // Quiet stretches are final at once, in their turn, so finals stay in order.
    while (span?.quiet) {
      this.record(quietUtterance(span));
      span = this.queue.shift();
    }
    if (!span) return;
    const pass = this.startPass(span, 'background');
    this.running = pass;
    void this.settle(pass).then(() => {
      if (this.running === pass) this.running = null;
      this.next();
    });
  }

  private startPass(span: Span, priority: PassPriority): Pass {
    const abort = new AbortController();
    const base = finalPassOptions(this.opts.params, spanSec(span), { atStop: priority === 'live' });
    const startedMs = this.clock();
    // Each estimator learns one kind of pass: Stop's (fitted context, live lane, the wait for the lane
    // included, as the user waits for it) and the background's full-context ones.
    const estimator =
      priority === 'live'
        ? this.costs.atStop
        : base.audioCtx === FULL_AUDIO_CTX
          ? this.costs.background
          : null;
    const timed = estimator?.start(spanSec(span)) ?? null;
    const result = this.opts.transcriber
      .transcribe(this.opts.audioOf(span), {
        ...base,
        prompt: this.promptBefore(span.startSec, base.prompt ?? ''),
        priority,
        signal: abort.signal,
      })
      .then((r) => {
        timed?.();
        return {
          index: 0,
          ...span,
          words: r.words.map((w) => ({
            text: w.text,
            startSec: w.startSec + span.startSec,
            endSec: w.endSec + span.startSec,
          })),
        };
      });
    return { span, priority, result, abort, startedMs };
  }

  /**
   * Records a pass's utterance, once. A failed background pass is left for Stop to run again on the
   * live lane; a failed pass at Stop fails the final text, never the live answer.
   */
  private settle(pass: Pass): Promise<void> {
    return (pass.settled ??= this.outcome(pass));
  }

  private async outcome(pass: Pass): Promise<void> {
    try {
      const utterance = await pass.result;
      if (!pass.abandoned) this.record(utterance);
    } catch (err) {
      if ((err as Error).name === 'TranscriptionAbortedError' || pass.abandoned) return;
      this.opts.log?.(`[coach] final pass over ${describeSpan(pass.span)} failed: ${(err as Error).message}`);
      if (pass.priority === 'live') this.failure = err as Error;
      else if (!this.finishing) {
        this.backgroundFailed = true;
        this.queue.unshift(pass.span);
      }
    }
  }

  private record(u: FinalUtterance): void {
    if (this.isFinal(u)) return;
    const final = { ...u, index: this.finals.length };
    this.finals.push(final);
    this.opts.onFinal?.(final);
  }

  /** The disfluency prefix, then the end of the final text before this utterance, within promptChars. */
  private promptBefore(startSec: number, prefix: string): string {
    const room = Math.max(0, this.opts.params.promptChars - (prefix ? prefix.length + 1 : 0));
    const text = this.finals
      .filter((f) => f.endSec <= startSec)
      .flatMap((f) => f.words.map((w) => w.text))
      .join(' ');
    const context = text.length > room ? text.slice(text.length - room) : text;
    return [prefix, context].filter((part) => part !== '').join(' ');
  }

  /**
   * A pass at Stop's expected wall time: from Stop's passes timed before (an earlier answer's), else
   * from the background's full-context passes times the share of the context a pass at Stop uses, the
   * encoder being the part that scales with it. The scaled guess is short: a pass's fixed part (the
   * prompt, the fallback decodes) does not shrink with the context.
   */
  private stopPassMs(audioSec: number): number {
    const { atStop, background } = this.costs;
    if (atStop.timedPasses.length > 0) return atStop.estimateMs([audioSec]);
    const ctx = finalPassOptions(this.opts.params, audioSec, { atStop: true }).audioCtx ?? FULL_AUDIO_CTX;
    return background.estimateMs([audioSec]) * (ctx / FULL_AUDIO_CTX);
  }

  /**
   * What is left at Stop: the queued passes one after another, and the one in flight less the time
   * it has already run.
   */
  private remainingMs(): number {
    const queued = this.queue.reduce((sum, s) => sum + (s.quiet ? 0 : this.stopPassMs(spanSec(s))), 0);
    const running = this.running;
    if (!running) return queued;
    return queued + Math.max(0, this.stopPassMs(spanSec(running.span)) - (this.clock() - running.startedMs));
  }
}

/**
 * Where the open utterance ends, if it has: at a pause the VAD heard, else at a gap between committed
 * words long enough to be one, else (a speaker who never pauses) at the widest gap once it is too long.
 */
export function utteranceEnd(progress: LiveProgress, openedSec: number, p: StreamParams): number | null {
  const { minUtteranceSec, maxUtteranceSec, utterancePauseSec, utteranceEndSlackSec } = p;
  if (progress.utteranceEndSec !== null) {
    const end = Math.min(progress.receivedSec, progress.utteranceEndSec + utteranceEndSlackSec);
    if (end - openedSec >= minUtteranceSec) return end;
  }
  const words = progress.committed.filter((w) => w.startSec >= openedSec);
  let widest: { atSec: number; gapSec: number } | null = null;
  for (let i = 1; i < words.length; i++) {
    const gapSec = words[i]!.startSec - words[i - 1]!.endSec;
    const atSec = words[i - 1]!.endSec + gapSec / 2;
    if (atSec - openedSec > maxUtteranceSec) break;
    if (gapSec >= utterancePauseSec && atSec - openedSec >= minUtteranceSec) return atSec;
    if (atSec - openedSec >= maxUtteranceSec / 2 && (!widest || gapSec > widest.gapSec))
      widest = { atSec, gapSec };
  }
  if (progress.receivedSec - openedSec < maxUtteranceSec) return null;
  // Too long without a pause: the widest gap in its second half, else the end of the last committed word.
  const lastEnd = words.at(-1)?.endSec;
  if (widest) return widest.atSec;
  if (lastEnd !== undefined && lastEnd - openedSec >= minUtteranceSec)
    return Math.min(lastEnd, openedSec + maxUtteranceSec);
  return openedSec + maxUtteranceSec;
}

/** At Stop, utterances left are run together up to this long: Whisper hears 30 s at a time. */
export const STOP_PASS_MAX_SEC = 28;

/**
 * Stop's passes: adjacent utterances merged while they fit STOP_PASS_MAX_SEC, since each pass costs a
 * fixed part whatever its length (the prompt, each decode of the temperature fallback). A quiet
 * stretch stays apart: a pass over silence invents words.
 */
function mergeForStop(spans: readonly ClosedSpan[]): ClosedSpan[] {
  const merged: ClosedSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    const adjacent = last && Math.abs(last.endSec - span.startSec) < 1e-6;
    if (last && adjacent && !last.quiet && !span.quiet && span.endSec - last.startSec <= STOP_PASS_MAX_SEC)
      last.endSec = span.endSec;
    else merged.push({ ...span });
  }
  return merged;
}

const spanSec = (s: Span | undefined): number => (s ? s.endSec - s.startSec : 0);
/** Audio a closed span leaves for the engine: none in a quiet stretch. */
const workSec = (s: ClosedSpan): number => (s.quiet ? 0 : spanSec(s));
const quietUtterance = (s: Span): FinalUtterance => ({
  index: 0,
  startSec: s.startSec,
  endSec: s.endSec,
  words: [],
});
const describeSpan = (s: Span): string => `${s.startSec.toFixed(1)}–${s.endSec.toFixed(1)} s`;
