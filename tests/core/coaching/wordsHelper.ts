// Builds evenly timed words from a sentence, for detector tests that care about text more than timing.
import type { Word } from '../../../src/shared/domain';

export function timedWords(text: string, slotSec = 0.4, startSec = 0): Word[] {
  return text
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t, i) => ({
      text: t,
      startSec: startSec + i * slotSec,
      endSec: startSec + i * slotSec + slotSec * 0.8,
    }));
}
