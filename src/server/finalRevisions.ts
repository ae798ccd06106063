// Which final-pass utterances a streaming client is told about, and what each replaces. Utterances
// tile the answer, and a quiet stretch closes as one with no words every few seconds of a long pause:
// sent as they come, a thinking pause of four minutes would be some eighty empty revisions. One with
// no words that replaces no text the client was sent is left out; the next one sent replaces from
// where the last one sent ended, so the revisions a client receives still tile the answer.
import type { Word } from '../shared/domain';
import type { FinalUtterance } from '../core/streaming/utteranceFinalizer';

export type Revision = { utterance: FinalUtterance; revision: number };

export class FinalRevisions {
  private revisedUntilSec = 0;
  /** Where the last committed (`is_final`) live word the client was sent ends. */
  private committedUntilSec = 0;
  private sent = 0;

  /** Live words were sent to the client as committed text. */
  committedSent(words: readonly Word[]): void {
    const endSec = words.at(-1)?.endSec;
    if (endSec !== undefined) this.committedUntilSec = Math.max(this.committedUntilSec, endSec);
  }

  /** The revision to send for `u` (its span widened over the ones left out), or null when it says nothing. */
  revise(u: FinalUtterance): Revision | null {
    const replacesNothing = this.committedUntilSec <= this.revisedUntilSec;
    if (u.words.length === 0 && replacesNothing) return null;
    const startSec = Math.min(this.revisedUntilSec, u.startSec);
    this.revisedUntilSec = Math.max(this.revisedUntilSec, u.endSec);
    return { utterance: { ...u, startSec }, revision: ++this.sent };
  }
}
