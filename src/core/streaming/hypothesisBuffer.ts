// LocalAgreement-2 (Macháček et al. 2023, ufal/whisper_streaming): a word is committed once two
// consecutive hypotheses agree on it as part of their common prefix. Pure logic, no engine.
import type { Word } from '../../shared/domain';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from './streamParams';

/** The buffer's own knobs, kept with every other one in StreamParams. */
export type HypothesisKnobs = Pick<StreamParams, 'commitSlackSec' | 'dedupeMaxNgram' | 'seamWindowSec'>;

export const normaliseWord = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

export class HypothesisBuffer {
  /** Committed words whose audio is still in the window (for seam de-duplication). */
  private committedInWindow: Word[] = [];
  /** The previous hypothesis's uncommitted tail. */
  private previous: Word[] = [];
  private incoming: Word[] = [];
  private lastCommittedEndSec = 0;

  constructor(private readonly knobs: HypothesisKnobs = DEFAULT_STREAM_PARAMS) {}

  /** Adds a hypothesis whose word times are relative to `offsetSec`. */
  insert(words: Word[], offsetSec: number): void {
    const shifted = words.map((w) => ({
      ...w,
      startSec: w.startSec + offsetSec,
      endSec: w.endSec + offsetSec,
    }));
    this.incoming = shifted.filter((w) => w.startSec > this.lastCommittedEndSec - this.knobs.commitSlackSec);
    this.dropSeamDuplicates();
  }

  /** Commits the agreed prefix of the last two hypotheses and returns the newly committed words. */
  flush(): Word[] {
    const committed: Word[] = [];
    while (this.incoming.length > 0 && this.previous.length > 0) {
      const next = this.incoming[0]!;
      if (normaliseWord(next.text) !== normaliseWord(this.previous[0]!.text)) break;
      // Keep the newer hypothesis's timing: it saw more audio after the word.
      committed.push(next);
      this.lastCommittedEndSec = next.endSec;
      this.incoming.shift();
      this.previous.shift();
    }
    this.previous = this.incoming;
    this.incoming = [];
    this.committedInWindow.push(...committed);
    return committed;
  }

  /** Forgets committed words that ended before the window's new start. */
  popCommitted(untilSec: number): void {
    this.committedInWindow = this.committedInWindow.filter((w) => w.endSec > untilSec);
  }

  /** The current tentative words (shown, not yet agreed). */
  tentative(): Word[] {
    return this.previous;
  }

  /**
   * Commits tentative words that ended by `untilSec` without waiting for agreement. Used only when
   * the window would otherwise grow without bound because passes keep disagreeing.
   */
  forceCommitUntil(untilSec: number): Word[] {
    const cut = this.previous.findIndex((w) => w.endSec > untilSec);
    const forced = cut === -1 ? this.previous : this.previous.slice(0, cut);
    this.previous = cut === -1 ? [] : this.previous.slice(cut);
    if (forced.length) this.lastCommittedEndSec = forced[forced.length - 1]!.endSec;
    this.committedInWindow.push(...forced);
    return forced;
  }

  /** Drops the tentative tail (words "heard" in the silence after an utterance ended). */
  discardTentative(): void {
    this.previous = [];
  }

  /** Ends the stream: everything still tentative is taken as is. */
  finish(): Word[] {
    const rest = this.previous;
    this.previous = [];
    if (rest.length) this.lastCommittedEndSec = rest[rest.length - 1]!.endSec;
    this.committedInWindow.push(...rest);
    return rest;
  }

  get lastCommittedSec(): number {
    return this.lastCommittedEndSec;
  }

  private dropSeamDuplicates(): void {
    const first = this.incoming[0];
    if (!first || Math.abs(first.startSec - this.lastCommittedEndSec) >= this.knobs.seamWindowSec) return;
    const committed = this.committedInWindow;
    const maxN = Math.min(this.knobs.dedupeMaxNgram, committed.length, this.incoming.length);
    for (let n = maxN; n >= 1; n--) {
      const tail = committed.slice(-n).map((w) => normaliseWord(w.text));
      const head = this.incoming.slice(0, n).map((w) => normaliseWord(w.text));
      if (tail.every((t, i) => t === head[i])) {
        this.incoming.splice(0, n);
        return;
      }
    }
  }
}
