// Part-of-speech tags for transcript words, from wink-nlp's English model. Whether "like" or "you know" is
// a filler depends on the grammar around it ("I like Python" against "for like three weeks"), and a
// maintained tagger reads that grammar better than word lists can. Words are tagged in lower case without
// punctuation, so a transcript with and without Whisper's punctuation and casing gets the same tags.
import winkNLP, { type ItsFunction, type PartOfSpeech, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type { PartOfSpeech };

let tagger: WinkMethods | null = null;

/** The model takes a few milliseconds to load: only when the first transcript is tagged. */
function getTagger(): WinkMethods {
  tagger ??= winkNLP(model, ['pos']);
  return tagger;
}

/**
 * One tag per entry of `norms` (normalised words, see normalizeWord). Contractions split into several
 * tokens ("don't" → do + n't) take their first token's tag. Empty entries (punctuation-only words) get
 * 'PUNCT'.
 */
export function tagWords(norms: readonly string[]): PartOfSpeech[] {
  const tags: PartOfSpeech[] = norms.map(() => 'PUNCT');
  const kept = norms.flatMap((norm, index) => (norm === '' ? [] : [index]));
  if (kept.length === 0) return tags;
  const nlp = getTagger();
  const tokens = nlp.readDoc(kept.map((index) => norms[index]).join(' ')).tokens();
  const pos = tokens.out(nlp.its.pos) as PartOfSpeech[];
  const spaces = tokens.out(nlp.its.precedingSpaces) as string[];
  let word = -1;
  for (let t = 0; t < pos.length; t += 1) {
    // A token glued to the previous one (no space before it) belongs to the same word.
    if (t === 0 || spaces[t] !== '') {
      word += 1;
      const index = kept[word];
      if (index === undefined) break;
      tags[index] = pos[t]!;
    }
  }
  return tags;
}

/**
 * How `norms` read right after a subject ("it …"): the first word's tag, and whether it is inflected (its
 * lemma differs: "spreads" → spread, "told" → tell). Tagged after a subject, a word that could be a noun
 * or a verb ("spreads", "misses") is read as the verb if it can be one.
 */
export function readAfterSubject(norms: readonly string[]): { tag: PartOfSpeech; inflected: boolean } | null {
  if (norms.length === 0) return null;
  const nlp = getTagger();
  const tokens = nlp.readDoc(`it ${norms.join(' ')}`).tokens();
  const pos = tokens.out(nlp.its.pos) as PartOfSpeech[];
  const values = tokens.out(nlp.its.value) as string[];
  // wink-nlp's typings miss that `its.lemma` (model add-ons included) is a valid `out` argument.
  const lemmas = tokens.out(nlp.its.lemma as unknown as ItsFunction<string>) as string[];
  const tag = pos[1];
  if (tag === undefined || values[1] !== norms[0]) return null;
  return { tag, inflected: lemmas[1] !== values[1] };
}
