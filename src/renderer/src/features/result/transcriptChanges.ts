// How much the final text changed what the live report showed, for "Final transcript ready: 3 words
// changed". A word replaced, added or dropped counts once; case and punctuation do not count.
import { diffArrays } from 'diff';
import type { Word } from '../../../../shared/domain';

const normal = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '');

export function countChangedWords(before: readonly Word[], after: readonly Word[]): number {
  const parts = diffArrays(
    before.map((w) => normal(w.text)).filter((t) => t !== ''),
    after.map((w) => normal(w.text)).filter((t) => t !== ''),
  );
  let changed = 0;
  let removed = 0;
  let added = 0;
  for (const part of [...parts, { added: false, removed: false, count: 0 }]) {
    if (part.removed) removed += part.count ?? 0;
    else if (part.added) added += part.count ?? 0;
    else {
      // A run of removals beside a run of additions is that many words replaced, not twice as many.
      changed += Math.max(removed, added);
      removed = 0;
      added = 0;
    }
  }
  return changed;
}
