// Finds filler words in a transcript. Vocal fillers ("um") are always fillers; lexical ones ("like") are
// ordinary words most of the time, so each has a context rule and the rules err towards not counting:
// a coach that flags "I like Python" loses the speaker's trust faster than one that misses a filler.
import type { FillerHit, Word } from '../../shared/domain';

export const VOCAL_FILLERS = ['um', 'umm', 'uh', 'uhh', 'er', 'erm', 'ah', 'hmm', 'mm'] as const;

/** Phrases are lower-case and space-separated; longer phrases come first so they win over their parts. */
export const LEXICAL_FILLERS = [
  'you know',
  'i mean',
  'sort of',
  'kind of',
  'like',
  'basically',
  'literally',
  'actually',
  'so',
] as const;
export type LexicalFiller = (typeof LEXICAL_FILLERS)[number];

/** "you know that/what/how…" has "know" taking an object, i.e. it is meant literally. */
export const YOU_KNOW_NON_FILLER_FOLLOWERS = [
  'that',
  'what',
  'how',
  'why',
  'the',
  'who',
  'where',
  'when',
  'which',
  'whether',
  'if',
  'about',
] as const;

/** "do you know", "if you know", "as you know", "let you know" are questions or statements, not fillers. */
export const YOU_KNOW_NON_FILLER_PRECEDERS = [
  'do',
  'did',
  'does',
  "don't",
  "didn't",
  "doesn't",
  'if',
  'whether',
  'as',
  'let',
  'would',
  'will',
  'can',
  'could',
  'might',
  'should',
] as const;

/** "I mean that/by/it/what…" states a meaning rather than hedging. */
export const I_MEAN_NON_FILLER_FOLLOWERS = [
  'that',
  'by',
  'it',
  'what',
  'to',
  'this',
  'these',
  'those',
  'you',
  'him',
  'her',
  'them',
] as const;

/** "what I mean", "which I mean", "did I mean" explain a meaning rather than hedge. */
export const I_MEAN_NON_FILLER_PRECEDERS = ['what', 'that', 'which', 'whatever', 'do', 'did'] as const;

/** "take it literally", "translated literally" use the word in its literal sense. */
export const LITERALLY_NON_FILLER_PRECEDERS = [
  'take',
  'takes',
  'took',
  'taken',
  'taking',
  'translate',
  'translates',
  'translated',
  'translating',
  'interpret',
  'interprets',
  'interpreted',
  'interpreting',
  'mean',
  'means',
  'meant',
  'read',
] as const;

/**
 * "a kind of database", "what sort of team", "this kind of thing": after a determiner the phrase names a
 * type and means what it says. Elsewhere ("it was kind of hard", "I sort of led it") it softens.
 */
export const SORT_OF_NON_FILLER_PRECEDERS = [
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'what',
  'which',
  'any',
  'some',
  'every',
  'each',
  'one',
  'same',
  'different',
  'other',
  'another',
  'new',
  'right',
  'wrong',
  'first',
  'particular',
  'certain',
  'our',
  'my',
  'your',
  'their',
  'his',
  'her',
  'its',
  'all',
  'no',
] as const;

/** "By <term> I mean": enough to skip a short term between "by" and "I mean". */
const I_MEAN_DEFINITION_LOOKBACK_WORDS = 3;

/** Enough to skip a short object between the verb and "literally", as in "took it literally". */
const LITERALLY_LOOKBACK_WORDS = 2;

/** Closing quotes and brackets are skipped when looking at how a word ends. */
const TRAILING_CLOSERS = /[\p{Pe}\p{Pf}"']+$/u;
const SENTENCE_END = /[.!?…]$/u;
const CLAUSE_BREAK = /[.!?…,;:\-–—]$/u;
/** Three or more repeats of a letter are elongation ("ummm", "hmmm"), never spelling. */
const ELONGATION = /(\p{L})\1{2,}/gu;

type FillerContext = { words: readonly Word[]; norms: readonly string[] };
type FillerMatch = { kind: FillerHit['kind']; length: number };
type LexicalRule = (ctx: FillerContext, index: number) => boolean;

const vocalFillers: ReadonlySet<string> = new Set(VOCAL_FILLERS);

/** Decides whether a phrase that matched at `index` (its first word) is used as a filler there. */
const LEXICAL_RULES: Record<LexicalFiller, LexicalRule> = {
  'you know': (ctx, index) =>
    !precededByAny(ctx, index, YOU_KNOW_NON_FILLER_PRECEDERS) &&
    isLooseEnd(ctx, index + 1, YOU_KNOW_NON_FILLER_FOLLOWERS),
  'i mean': (ctx, index) =>
    !precededByAny(ctx, index, I_MEAN_NON_FILLER_PRECEDERS) &&
    // "By scale I mean…" defines a term.
    !precededByAny(ctx, index, ['by'], I_MEAN_DEFINITION_LOOKBACK_WORDS) &&
    isLooseEnd(ctx, index + 1, I_MEAN_NON_FILLER_FOLLOWERS),
  // Only "like" set off on its own ("it was, like, hard"; "Like, …") is a filler; everything else is
  // taken to be the verb or the preposition ("I like Python", "looks like", "something like that").
  'sort of': (ctx, index) => !precededByAny(ctx, index, SORT_OF_NON_FILLER_PRECEDERS),
  'kind of': (ctx, index) => !precededByAny(ctx, index, SORT_OF_NON_FILLER_PRECEDERS),
  like: (ctx, index) => startsClause(ctx, index) && breaksAfter(ctx, index),
  basically: () => true,
  literally: (ctx, index) =>
    !precededByAny(ctx, index, LITERALLY_NON_FILLER_PRECEDERS, LITERALLY_LOOKBACK_WORDS),
  actually: (ctx, index) => startsClause(ctx, index),
  // "So, …" or "So um …" opening a sentence is a run-up; "So that's why" is a real connective.
  so: (ctx, index) =>
    startsSentence(ctx, index) && (breaksAfter(ctx, index) || matchFillerAt(ctx, index + 1) !== null),
};

const LEXICAL_PHRASES = LEXICAL_FILLERS.map((filler) => ({
  words: filler.split(' '),
  isFiller: LEXICAL_RULES[filler],
}));

export function countFillers(words: readonly Word[]): FillerHit[] {
  const ctx: FillerContext = { words, norms: words.map((word) => normalizeWord(word.text)) };
  const hits: FillerHit[] = [];
  let index = 0;
  while (index < words.length) {
    const match = matchFillerAt(ctx, index);
    const first = words[index];
    const last = match ? words[index + match.length - 1] : undefined;
    if (match && first && last) {
      hits.push({
        text: ctx.norms.slice(index, index + match.length).join(' '),
        startSec: first.startSec,
        endSec: last.endSec,
        wordIndex: index,
        kind: match.kind,
      });
      index += match.length;
    } else {
      index += 1;
    }
  }
  return hits;
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

function matchFillerAt(ctx: FillerContext, index: number): FillerMatch | null {
  const norm = ctx.norms[index];
  if (norm === undefined) return null;
  if (isVocalFiller(norm)) return { kind: 'vocal', length: 1 };
  for (const phrase of LEXICAL_PHRASES) {
    if (phraseAt(ctx, index, phrase.words) && phrase.isFiller(ctx, index)) {
      return { kind: 'lexical', length: phrase.words.length };
    }
  }
  return null;
}

/** The phrase's words must be adjacent with no punctuation between them ("you. Know" is not "you know"). */
function phraseAt(ctx: FillerContext, index: number, phrase: readonly string[]): boolean {
  return phrase.every(
    (word, offset) =>
      ctx.norms[index + offset] === word &&
      (offset === phrase.length - 1 || !breaksAfter(ctx, index + offset)),
  );
}

/**
 * A phrase ending at `lastIndex` is loose (filler-like) when punctuation or the end of the answer follows
 * it, or when the next word is not one that would make it grammatical.
 */
function isLooseEnd(ctx: FillerContext, lastIndex: number, grammaticalFollowers: readonly string[]): boolean {
  if (breaksAfter(ctx, lastIndex)) return true;
  const next = ctx.norms[lastIndex + 1];
  return next === undefined || !grammaticalFollowers.includes(next);
}

/** True when one of the `lookback` words before `index` is in `words`, within the same clause. */
function precededByAny(ctx: FillerContext, index: number, words: readonly string[], lookback = 1): boolean {
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

function breaksAfter(ctx: FillerContext, index: number): boolean {
  return CLAUSE_BREAK.test(endingOf(ctx, index));
}

function startsSentence(ctx: FillerContext, index: number): boolean {
  return index === 0 || SENTENCE_END.test(endingOf(ctx, index - 1));
}

/** A vocal filler is itself a hesitation boundary, so "um actually" starts a clause like ", actually" does. */
function startsClause(ctx: FillerContext, index: number): boolean {
  if (index === 0 || breaksAfter(ctx, index - 1)) return true;
  const previous = ctx.norms[index - 1];
  return previous !== undefined && isVocalFiller(previous);
}
