// Turns an answer's words, fillers and long pauses into the sequence the transcript shows:
// plain words, highlighted fillers (a filler may span words, e.g. "you know") and pause markers.
import type { FillerHit, Pause, Word } from '../../../../core/domain';

export type TranscriptToken =
  | { type: 'word'; key: string; text: string }
  | { type: 'filler'; key: string; text: string; kind: FillerHit['kind'] }
  | { type: 'pause'; key: string; durationSec: number };

/** Pauses and words are matched with this much slack, since both come from rounded timestamps. */
const PAUSE_MATCH_SLACK_SEC = 0.05;

function wordText(word: Word): string {
  return word.text.trim();
}

function fillerWordCount(filler: FillerHit): number {
  return Math.max(1, filler.text.trim().split(/\s+/).length);
}

export function buildTranscriptTokens(
  words: Word[],
  fillers: FillerHit[],
  pauses: Pause[],
): TranscriptToken[] {
  const fillerAt = new Map<number, FillerHit>();
  for (const filler of fillers) {
    if (filler.wordIndex >= 0 && filler.wordIndex < words.length) fillerAt.set(filler.wordIndex, filler);
  }

  // The word each pause comes before (words.length: after the last word).
  const pausesBefore = new Map<number, Pause[]>();
  for (const pause of [...pauses].sort((a, b) => a.startSec - b.startSec)) {
    let index = words.findIndex((w) => w.startSec >= pause.endSec - PAUSE_MATCH_SLACK_SEC);
    if (index === -1) index = words.length;
    pausesBefore.set(index, [...(pausesBefore.get(index) ?? []), pause]);
  }

  const tokens: TranscriptToken[] = [];
  const pushPauses = (index: number) => {
    for (const pause of pausesBefore.get(index) ?? []) {
      tokens.push({ type: 'pause', key: `p${index}-${pause.startSec}`, durationSec: pause.durationSec });
    }
    pausesBefore.delete(index);
  };

  let i = 0;
  while (i < words.length) {
    pushPauses(i);
    const filler = fillerAt.get(i);
    if (filler) {
      const end = Math.min(words.length, i + fillerWordCount(filler));
      const text = words.slice(i, end).map(wordText).join(' ');
      tokens.push({ type: 'filler', key: `f${i}`, text, kind: filler.kind });
      // A pause inside a multi-word filler is shown after it.
      for (let inner = i + 1; inner < end; inner++) {
        const inside = pausesBefore.get(inner);
        if (inside) {
          pausesBefore.delete(inner);
          pausesBefore.set(end, [...inside, ...(pausesBefore.get(end) ?? [])]);
        }
      }
      i = end;
    } else {
      const word = words[i]!;
      tokens.push({ type: 'word', key: `w${i}`, text: wordText(word) });
      i += 1;
    }
  }
  pushPauses(words.length);
  return tokens.filter((t) => t.type === 'pause' || t.text.length > 0);
}

/** Punctuation that attaches to the previous word instead of following a space. */
export function attachesToPrevious(text: string): boolean {
  return /^[.,!?;:%)\]…'’]/.test(text);
}

/** "Um," → { word: "Um", punctuation: "," }, so a highlight covers the filler and not the comma. */
export function splitTrailingPunctuation(text: string): { word: string; punctuation: string } {
  const match = /^(.*?)([.,!?;:…]+)$/.exec(text);
  return match && match[1]
    ? { word: match[1], punctuation: match[2] ?? '' }
    : { word: text, punctuation: '' };
}
