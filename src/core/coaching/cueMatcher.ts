// Finds the first place a transcript uses one of a list of cue phrases, matching stems so "delivered"
// matches the cue "deliver" and "results" matches "result".
import type { Word } from '../../shared/domain';
import { normalizeWord } from './fillerWords';
import { normalizeTranscript, stem } from './phraseMatch';

export type CueHit = { cue: string; wordIndex: number; atSec: number };

export type CueMatcher = (cues: readonly string[], fromIndex?: number) => CueHit | null;

export function createCueMatcher(words: readonly Word[]): CueMatcher {
  const t = normalizeTranscript(words);
  const stems = t.norms.map(stem);
  return (cues, fromIndex = 0) => {
    let best: CueHit | null = null;
    for (const cue of cues) {
      const parts = cue.split(/\s+/).map((part) => stem(normalizeWord(part)));
      for (let index = fromIndex; index + parts.length <= stems.length; index += 1) {
        if (best !== null && index >= best.wordIndex) break;
        if (parts.every((part, offset) => stems[index + offset] === part)) {
          best = { cue, wordIndex: index, atSec: words[index]?.startSec ?? 0 };
          break;
        }
      }
    }
    return best;
  };
}
