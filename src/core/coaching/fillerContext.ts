// What every filler decision reads of a transcript: the words, their normalised forms, their
// part-of-speech tags and where clauses break. Shared by the context rules (lexicalFillerRules.ts) and the
// classifier's features (lexicalFillerFeatures.ts).
import type { Word } from '../../shared/domain';
import { CLAUSE_SUBJECT_PRONOUNS } from './likeWords';
import { tagWords, type PartOfSpeech } from './partOfSpeech';

export const VOCAL_FILLERS = ['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'ah', 'hmm', 'mm'] as const;

export type FillerContext = {
  words: readonly Word[];
  norms: readonly string[];
  tags: readonly PartOfSpeech[];
  /** Tags with every "like" left out: a filler is no part of the grammar around it. */
  tagsWithoutLike: readonly PartOfSpeech[];
};

/** Pronouns that can open a clause as its subject. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set([...CLAUSE_SUBJECT_PRONOUNS, 'there', 'this', 'that']);

/** Closing quotes and brackets are skipped when looking at how a word ends. */
const TRAILING_CLOSERS = /[\p{Pe}\p{Pf}"']+$/u;
const SENTENCE_END = /[.!?…]$/u;
const CLAUSE_BREAK = /[.!?…,;:\-–—]$/u;
/** Three or more repeats of a letter are elongation ("ummm", "hmmm"), never spelling. */
const ELONGATION = /(\p{L})\1{2,}/gu;

const vocalFillers: ReadonlySet<string> = new Set(VOCAL_FILLERS);

export function fillerContext(words: readonly Word[]): FillerContext {
  const norms = words.map((word) => normalizeWord(word.text));
  // Vocal fillers are left out of the tagged text: "we um like" would otherwise confuse the tagger.
  const tags = tagWords(norms.map((norm) => (isVocalFiller(norm) ? '' : norm)));
  const tagsWithoutLike = norms.includes('like')
    ? tagWords(norms.map((norm) => (isVocalFiller(norm) || norm === 'like' ? '' : norm)))
    : tags;
  return { words, norms, tags, tagsWithoutLike };
}

/** Lower-case, curly apostrophes straightened, punctuation removed: "Um," → "um", "Don’t" → "don't". */
export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, '')
    .replace(/^'+|'+$/g, '');
}

export function isVocalFiller(normalizedWord: string): boolean {
  return vocalFillers.has(normalizedWord) || vocalFillers.has(normalizedWord.replace(ELONGATION, '$1$1'));
}

/** The phrase's words must be adjacent with no punctuation between them ("you. Know" is not "you know"). */
export function phraseAt(ctx: FillerContext, index: number, phrase: readonly string[]): boolean {
  return phrase.every(
    (word, offset) =>
      ctx.norms[index + offset] === word &&
      (offset === phrase.length - 1 || !breaksAfter(ctx, index + offset)),
  );
}

/** True when one of the `lookback` words before `index` is in `words`, within the same clause. */
export function precededByAny(
  ctx: FillerContext,
  index: number,
  words: readonly string[],
  lookback = 1,
): boolean {
  for (let previous = index - 1; previous >= 0 && previous >= index - lookback; previous -= 1) {
    if (breaksAfter(ctx, previous)) return false;
    const norm = ctx.norms[previous];
    if (norm !== undefined && words.includes(norm)) return true;
  }
  return false;
}

function endingOf(ctx: FillerContext, index: number): string {
  return (ctx.words[index]?.text ?? '').trim().replace(TRAILING_CLOSERS, '');
}

export function breaksAfter(ctx: FillerContext, index: number): boolean {
  return CLAUSE_BREAK.test(endingOf(ctx, index));
}

export function startsSentence(ctx: FillerContext, index: number): boolean {
  return index === 0 || SENTENCE_END.test(endingOf(ctx, index - 1));
}

/** A vocal filler is itself a hesitation boundary, so "um actually" starts a clause like ", actually" does. */
export function startsClause(ctx: FillerContext, index: number): boolean {
  if (index === 0 || breaksAfter(ctx, index - 1)) return true;
  return followsFiller(ctx, index);
}

/** Only vocal fillers come before `index`: "um so" opens the answer as much as "so" does. */
export function opensAnswer(ctx: FillerContext, index: number): boolean {
  for (let previous = 0; previous < index; previous += 1) {
    if (!isVocalFiller(ctx.norms[previous] ?? '')) return false;
  }
  return true;
}

/** Right after a vocal filler: "um like", "uh so". */
export function followsFiller(ctx: FillerContext, index: number): boolean {
  const previous = ctx.norms[index - 1];
  return previous !== undefined && isVocalFiller(previous);
}

/** A subject pronoun followed by a verb starts at `index`: "it is", "we had", "you could". */
export function startsNewClause(ctx: FillerContext, index: number): boolean {
  const subject = ctx.norms[index];
  const verbTag = ctx.tags[index + 1];
  return (
    subject !== undefined &&
    SUBJECT_PRONOUNS.has(subject) &&
    !breaksAfter(ctx, index) &&
    (verbTag === 'VERB' || verbTag === 'AUX')
  );
}
