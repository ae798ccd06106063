// Pure playback helpers for review: which word is being said, and where a key press seeks to.
import type { Word } from '../../../../shared/domain';

/** A word stays highlighted this long after it ends, so short gaps between words do not flicker. */
export const WORD_HOLD_SEC = 0.35;
/** Arrow keys seek this far; with Shift, SEEK_FINE_SEC. */
export const SEEK_STEP_SEC = 5;
export const SEEK_FINE_SEC = 1;

/** The index of the word being said at `sec`, or -1 between words and outside the speech. */
export function wordIndexAt(words: readonly Word[], sec: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  // The last word that started at or before `sec` (words are in time order).
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.startSec <= sec) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return -1;
  return sec <= words[found]!.endSec + WORD_HOLD_SEC ? found : -1;
}

export function clampSec(sec: number, durationSec: number): number {
  if (!Number.isFinite(sec)) return 0;
  return Math.min(Math.max(0, sec), Number.isFinite(durationSec) && durationSec > 0 ? durationSec : sec);
}

export type ReviewKeyAction = { kind: 'toggle' } | { kind: 'seek'; bySec: number } | null;

/** Space plays and pauses, arrows seek; keys typed into a field or pressed on a control are theirs. */
export function reviewKeyAction(key: string, shiftKey: boolean, targetTag: string): ReviewKeyAction {
  const tag = targetTag.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
  const step = shiftKey ? SEEK_FINE_SEC : SEEK_STEP_SEC;
  if (key === ' ' || key === 'Spacebar') return tag === 'BUTTON' ? null : { kind: 'toggle' };
  if (key === 'ArrowLeft') return { kind: 'seek', bySec: -step };
  if (key === 'ArrowRight') return { kind: 'seek', bySec: step };
  return null;
}
