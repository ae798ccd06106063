// The context rules for the lexical fillers ("like", "you know", "so"…): each phrase is an ordinary word
// most of the time, so each has a rule that reads its grammatical position, and the rules err towards not
// counting. The classifier (lexicalFillerModel.ts) takes each rule's verdict as one of its features and
// decides for the phrases it was trained on; the rules alone decide for the others.
import {
  breaksAfter,
  isVocalFiller,
  opensAnswer,
  phraseAt,
  precededByAny,
  startsClause,
  startsNewClause,
  startsSentence,
  followsFiller,
  type FillerContext,
} from './fillerContext';
import { isFillerLike, type LikeContext } from './likeFiller';
import { POSSESSIVES } from './likeWords';
import type { PartOfSpeech } from './partOfSpeech';

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
  'reads',
  'reading',
  'follow',
  'follows',
  'followed',
  'following',
  'quote',
  'quoted',
  'quoting',
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

/** Enough to see the verb of a clause after "I mean the team": "the team was", "the new team was". */
const I_MEAN_CLAUSE_LOOKAHEAD_WORDS = 2;

/** Enough to skip a short object between the verb and "literally": "took it literally", "read the spec literally". */
const LITERALLY_LOOKBACK_WORDS = 3;

/**
 * Words after "so" that make it a degree word or a fixed connective, never a run-up; a subordinating
 * conjunction ("so if the data never changes, …", "so when the pager fires, …") makes it a "so" of result.
 */
const SO_NON_FILLER_FOLLOWERS = [
  'if',
  'when',
  'whenever',
  'once',
  'unless',
  'since',
  'that',
  "that's",
  'much',
  'many',
  'far',
  'long',
  'called',
  'to',
  'on',
] as const;

/** Word classes an intensifier can stand before: "literally emailing", "literally the oldest". */
const INTENSIFIABLE_TAGS: ReadonlySet<PartOfSpeech> = new Set(['VERB', 'ADJ', 'ADV', 'NUM', 'DET', 'ADP']);

type LexicalRule = (ctx: FillerContext, index: number) => boolean;

/** Decides whether a phrase that matched at `index` (its first word) is used as a filler there. */
const LEXICAL_RULES: Record<LexicalFiller, LexicalRule> = {
  // "you know a reorg has worked when…", "you know your class better": "know" takes an object or a clause.
  'you know': (ctx, index) =>
    !precededByAny(ctx, index, YOU_KNOW_NON_FILLER_PRECEDERS) &&
    isLooseEnd(ctx, index + 1, YOU_KNOW_NON_FILLER_FOLLOWERS) &&
    !objectFollows(ctx, index + 1),
  'i mean': (ctx, index) => {
    // "what I mean is", "which I mean" explain a meaning, whatever follows.
    if (precededByAny(ctx, index, ['what', 'which', 'whatever'])) return false;
    // Followed by a whole new clause ("I mean you could also…") it only hedges, punctuated or not.
    if (!breaksAfter(ctx, index + 1) && startsNewClause(ctx, index + 2)) return true;
    // "I mean every word" states a meaning; "I mean the team was great" hedges before a new clause.
    if (objectFollows(ctx, index + 1) && !verbWithin(ctx, index + 3, I_MEAN_CLAUSE_LOOKAHEAD_WORDS))
      return false;
    return (
      !precededByAny(ctx, index, I_MEAN_NON_FILLER_PRECEDERS) &&
      // "By scale I mean…" defines a term.
      !precededByAny(ctx, index, ['by'], I_MEAN_DEFINITION_LOOKBACK_WORDS) &&
      isLooseEnd(ctx, index + 1, I_MEAN_NON_FILLER_FOLLOWERS)
    );
  },
  // "a kind of database", "what sort of team" name a type; "kind of hard", "sort of led it" soften.
  'sort of': (ctx, index) => !precededByAny(ctx, index, SORT_OF_NON_FILLER_PRECEDERS),
  'kind of': (ctx, index) => !precededByAny(ctx, index, SORT_OF_NON_FILLER_PRECEDERS),
  like: (ctx, index) => isFillerLike(likeContext(ctx), index),
  basically: () => true,
  literally: (ctx, index) => {
    if (precededByAny(ctx, index, LITERALLY_NON_FILLER_PRECEDERS, LITERALLY_LOOKBACK_WORDS)) return false;
    // After an object and not before what it could intensify, it says how: "took the contract literally".
    const nextTag = ctx.tags[index + 1];
    const afterObject = ctx.tags[index - 1] === 'NOUN' || ctx.tags[index - 1] === 'PROPN';
    return !(afterObject && !breaksAfter(ctx, index - 1) && !INTENSIFIABLE_TAGS.has(nextTag ?? 'PUNCT'));
  },
  // Opening a clause, punctuated ("Actually, it…") or not ("and actually it is…"); mid-clause it stresses.
  actually: (ctx, index) => startsClause(ctx, index) || startsNewClause(ctx, index + 1),
  // "So, …", "So um …" or "So" opening the answer is a run-up; "So that's why" is a real connective.
  so: (ctx, index) => {
    const next = ctx.norms[index + 1];
    if (next !== undefined && includes(SO_NON_FILLER_FOLLOWERS, next)) return false;
    if (opensAnswer(ctx, index)) return next !== undefined;
    // "so um": a "so" followed by a hesitation leads nowhere yet, wherever it stands.
    if (next !== undefined && isVocalFiller(next)) return true;
    if (!startsSentence(ctx, index) && !followsFiller(ctx, index)) return false;
    // "So yeah, …", "So okay": an interjection after it is a run-up too.
    return (
      breaksAfter(ctx, index) || ctx.tags[index + 1] === 'INTJ' || matchFillerAt(ctx, index + 1) !== null
    );
  },
};

const includes = (list: readonly string[], word: string): boolean => list.includes(word);

const RULE_PHRASES = LEXICAL_FILLERS.map((filler) => ({ filler, words: filler.split(' ') }));

/** The lexical filler phrase whose words stand at `index`, whatever their use there. */
export function lexicalPhraseAt(ctx: FillerContext, index: number): LexicalFiller | null {
  return RULE_PHRASES.find((phrase) => phraseAt(ctx, index, phrase.words))?.filler ?? null;
}

/** The rule's verdict on the phrase `filler` found at `index`. */
export function ruleSaysFiller(ctx: FillerContext, index: number, filler: LexicalFiller): boolean {
  return LEXICAL_RULES[filler](ctx, index);
}

/** A filler by the rules alone starts at `index`: vocal, or a lexical phrase its rule accepts. */
function matchFillerAt(ctx: FillerContext, index: number): { length: number } | null {
  const norm = ctx.norms[index];
  if (norm === undefined) return null;
  if (isVocalFiller(norm)) return { length: 1 };
  const filler = lexicalPhraseAt(ctx, index);
  return filler !== null && LEXICAL_RULES[filler](ctx, index) ? { length: filler.split(' ').length } : null;
}

function likeContext(ctx: FillerContext): LikeContext {
  return {
    norms: ctx.norms,
    tags: ctx.tags,
    tagsWithoutLike: ctx.tagsWithoutLike,
    breaksAfter: (index) => breaksAfter(ctx, index),
    startsClause: (index) => startsClause(ctx, index),
    isVocalFillerAt: (index) => isVocalFiller(ctx.norms[index] ?? ''),
    isFillerAt: (index) => matchFillerAt(ctx, index) !== null,
  };
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

/** A noun phrase opens right after the phrase ending at `lastIndex`: a determiner or a possessive. */
function objectFollows(ctx: FillerContext, lastIndex: number): boolean {
  const next = ctx.norms[lastIndex + 1];
  if (next === undefined || breaksAfter(ctx, lastIndex)) return false;
  return ctx.tags[lastIndex + 1] === 'DET' || POSSESSIVES.has(next);
}

/** A verb comes within `count` words from `index`, in the same clause. */
function verbWithin(ctx: FillerContext, index: number, count: number): boolean {
  for (let at = index; at < index + count; at += 1) {
    const tag = ctx.tags[at];
    if (tag === 'VERB' || tag === 'AUX') return true;
    if (tag === undefined || breaksAfter(ctx, at)) return false;
  }
  return false;
}
