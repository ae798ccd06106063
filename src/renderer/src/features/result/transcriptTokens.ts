// Turns an answer's words, fillers and long pauses into the sequence the transcript shows:
// plain words, highlighted fillers (a filler may span words, e.g. "you know") and pause markers.
import type { FilledPauseCandidate, FillerHit, Pause, PhraseHit, Word } from '../../../../shared/domain';

export type TranscriptToken =
  // `index`…`end` (exclusive): the words a token covers, for review's click-to-seek and highlight.
  | { type: 'word'; key: string; text: string; index: number; end: number }
  | { type: 'filler'; key: string; text: string; kind: FillerHit['kind']; index: number; end: number }
  | { type: 'hedge'; key: string; text: string; index: number; end: number }
  | { type: 'likely-filler'; key: string; durationSec: number }
  | { type: 'pause'; key: string; durationSec: number };

/** Marks only the coaching analysis adds: hedges, and filled pauses heard in the audio but not transcribed. */
export type AnalysisMarks = { hedges: readonly PhraseHit[]; filledPauses: readonly FilledPauseCandidate[] };

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
  marks?: AnalysisMarks,
): TranscriptToken[] {
  const hedgeAt = new Map<number, PhraseHit>();
  for (const hedge of marks?.hedges ?? []) {
    if (hedge.wordIndex >= 0 && hedge.wordIndex < words.length) hedgeAt.set(hedge.wordIndex, hedge);
  }
  // The word each likely filled pause comes before (words.length: after the last word).
  const likelyBefore = new Map<number, FilledPauseCandidate[]>();
  for (const candidate of marks?.filledPauses ?? []) {
    let index = words.findIndex((w) => w.startSec >= candidate.endSec - PAUSE_MATCH_SLACK_SEC);
    if (index === -1) index = words.length;
    likelyBefore.set(index, [...(likelyBefore.get(index) ?? []), candidate]);
  }
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
    for (const candidate of likelyBefore.get(index) ?? []) {
      tokens.push({
        type: 'likely-filler',
        key: `u${index}-${candidate.startSec}`,
        durationSec: candidate.durationSec,
      });
    }
    likelyBefore.delete(index);
  };

  let i = 0;
  while (i < words.length) {
    pushPauses(i);
    const filler = fillerAt.get(i);
    if (filler) {
      const end = Math.min(words.length, i + fillerWordCount(filler));
      const text = words.slice(i, end).map(wordText).join(' ');
      tokens.push({ type: 'filler', key: `f${i}`, text, kind: filler.kind, index: i, end });
      // A pause inside a multi-word filler is shown after it.
      for (let inner = i + 1; inner < end; inner++) {
        const inside = pausesBefore.get(inner);
        if (inside) {
          pausesBefore.delete(inner);
          pausesBefore.set(end, [...inside, ...(pausesBefore.get(end) ?? [])]);
        }
      }
      i = end;
    } else if (hedgeAt.has(i)) {
      const hedge = hedgeAt.get(i)!;
      const end = Math.min(words.length, i + Math.max(1, hedge.text.split(' ').length));
      tokens.push({
        type: 'hedge',
        key: `h${i}`,
        text: words.slice(i, end).map(wordText).join(' '),
        index: i,
        end,
      });
      i = end;
    } else {
      const word = words[i]!;
      tokens.push({ type: 'word', key: `w${i}`, text: wordText(word), index: i, end: i + 1 });
      i += 1;
    }
  }
  pushPauses(words.length);
  return tokens.filter((t) => t.type === 'pause' || t.type === 'likely-filler' || t.text.length > 0);
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
