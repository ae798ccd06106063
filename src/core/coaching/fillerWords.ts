// Finds filler words in a transcript. Vocal fillers ("um") are always fillers; lexical ones ("like") are
// ordinary words most of the time, so each has a context rule and the rules err towards not counting:
// a coach that flags "I like Python" loses the speaker's trust faster than one that misses a filler.
import type { FillerHit, Word } from '../../shared/domain';
import { tagWords, type PartOfSpeech } from './partOfSpeech';

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

/** Modals, "do" and "to" before "like" make it the verb: "would like to", "don't like", "to like". */
export const LIKE_VERB_PRECEDERS = [
  'would',
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  "he'd",
  "she'd",
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  "didn't",
  'to',
  'will',
  'might',
  'may',
  'can',
  'could',
  'should',
  'must',
  'really',
  'also',
  'not',
  'never',
  'always',
  'genuinely',
] as const;

/**
 * Verbs and words of comparison that take "like" as a preposition: "works like the index", "looks like a
 * bug", "something like that", "more like a guide", "teams like ours".
 */
export const LIKE_COMPARISON_PRECEDERS = [
  'look',
  'looks',
  'looked',
  'looking',
  'sound',
  'sounds',
  'sounded',
  'feel',
  'feels',
  'felt',
  'seem',
  'seems',
  'seemed',
  'work',
  'works',
  'worked',
  'act',
  'acts',
  'acted',
  'behave',
  'behaves',
  'behaved',
  'read',
  'reads',
  'talk',
  'talks',
  'talked',
  'treat',
  'treated',
  'something',
  'anything',
  'nothing',
  'things',
  'stuff',
  'more',
  'much',
  'just',
  'exactly',
  'nobody',
  'someone',
] as const;

/** "like I said", "like you mentioned": "like" as a conjunction introducing a reminder. */
const LIKE_REMINDER_VERBS = ['said', 'say', 'mentioned', 'mention', 'told', 'explained', 'showed', 'did'];

/** Forms of "be" and "have" after which "like" is a filler unless a comparison follows ("was like a dream"). */
const BE_HAVE_FORMS: ReadonlySet<string> = new Set([
  'am',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  "it's",
  "that's",
  "i'm",
  "we're",
  "they're",
  "you're",
  "he's",
  "she's",
  'had',
  'has',
  'have',
  "i've",
  "we've",
]);

/** Words after "so" that make it a degree word or a fixed connective, never a run-up. */
const SO_NON_FILLER_FOLLOWERS = [
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

/** Clause-joining words: a filler often comes right after one ("and like we shipped it"). */
const CONJUNCTIONS: ReadonlySet<string> = new Set([
  'and',
  'but',
  'or',
  'so',
  'because',
  'then',
  'cause',
  'yeah',
  'well',
  'okay',
]);

/** Numbers and amounts of time: "like" before one estimates ("for like three weeks", "like a day"). */
const QUANTITY_WORDS: ReadonlySet<string> = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'hundred',
  'thousand',
  'million',
  'half',
  'dozen',
  'couple',
  'few',
  'week',
  'day',
  'month',
  'year',
  'minute',
  'second',
  'hour',
]);

/** Word classes an intensifier can stand before: "literally emailing", "literally the oldest". */
const INTENSIFIABLE_TAGS: ReadonlySet<PartOfSpeech> = new Set(['VERB', 'ADJ', 'ADV', 'NUM', 'DET', 'ADP']);

/** Pronouns that can open a clause as its subject. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set([
  'i',
  'we',
  'you',
  'they',
  'he',
  'she',
  'it',
  'there',
  'this',
  'that',
]);

const WH_WORDS: ReadonlySet<string> = new Set(['how', 'when', 'where', 'why', 'what', 'who', 'which']);

/** Closing quotes and brackets are skipped when looking at how a word ends. */
const TRAILING_CLOSERS = /[\p{Pe}\p{Pf}"']+$/u;
const SENTENCE_END = /[.!?…]$/u;
const CLAUSE_BREAK = /[.!?…,;:\-–—]$/u;
/** Three or more repeats of a letter are elongation ("ummm", "hmmm"), never spelling. */
const ELONGATION = /(\p{L})\1{2,}/gu;

type FillerContext = {
  words: readonly Word[];
  norms: readonly string[];
  tags: readonly PartOfSpeech[];
  /** Tags with every "like" left out: a filler is no part of the grammar around it. */
  tagsWithoutLike: readonly PartOfSpeech[];
};
type FillerMatch = { kind: FillerHit['kind']; length: number };
type LexicalRule = (ctx: FillerContext, index: number) => boolean;

const vocalFillers: ReadonlySet<string> = new Set(VOCAL_FILLERS);

/** Decides whether a phrase that matched at `index` (its first word) is used as a filler there. */
const LEXICAL_RULES: Record<LexicalFiller, LexicalRule> = {
  'you know': (ctx, index) =>
    !precededByAny(ctx, index, YOU_KNOW_NON_FILLER_PRECEDERS) &&
    isLooseEnd(ctx, index + 1, YOU_KNOW_NON_FILLER_FOLLOWERS),
  'i mean': (ctx, index) => {
    // "what I mean is", "which I mean" explain a meaning, whatever follows.
    if (precededByAny(ctx, index, ['what', 'which', 'whatever'])) return false;
    // Followed by a whole new clause ("I mean you could also…") it only hedges, punctuated or not.
    if (!breaksAfter(ctx, index + 1) && startsNewClause(ctx, index + 2)) return true;
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
  like: isFillerLike,
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
    return breaksAfter(ctx, index) || matchFillerAt(ctx, index + 1) !== null;
  },
};

/**
 * "like" is a filler where neither the verb nor the comparison fits: before a number, an adverb or an
 * adjective ("for like three weeks", "we were like totally stuck", "it was like hard"), between an
 * auxiliary and its verb ("she had like finished"), after a preposition ("a margin of like a day"), or
 * opening a clause ("and like we shipped it"). Otherwise it is the verb ("I like Python", "would like
 * to") or the comparison ("works like the index", "something like that"). The word classes come from the
 * tagger, so the rule holds for words no list names.
 */
function isFillerLike(ctx: FillerContext, index: number): boolean {
  const prev = ctx.norms[index - 1];
  const next = ctx.norms[index + 1];
  const nextTag = ctx.tagsWithoutLike[index + 1];
  const prevTag = ctx.tags[index - 1];
  const joinedToPrev = prev !== undefined && !breaksAfter(ctx, index - 1);
  // Set off by commas on both sides: "it was, like, hard".
  if (index > 0 && !joinedToPrev && breaksAfter(ctx, index)) return true;
  if (next === undefined) return false;
  if (followsFiller(ctx, index) || matchFillerAt(ctx, index + 1) !== null) return true;
  if (joinedToPrev && includes(LIKE_VERB_PRECEDERS, prev)) return false;
  const isQuantity = (norm: string | undefined) =>
    norm !== undefined && (QUANTITY_WORDS.has(norm) || /^\d/.test(norm));
  if (nextTag === 'NUM' || isQuantity(next) || (next === 'a' && isQuantity(ctx.norms[index + 2]))) {
    return true;
  }
  const comparison = joinedToPrev && includes(LIKE_COMPARISON_PRECEDERS, prev);
  if ((nextTag === 'ADV' || nextTag === 'ADJ') && !comparison && !WH_WORDS.has(next)) return true;
  // After a preposition "like" can only be a filler: "for like", "of like", "across like".
  if (joinedToPrev && prevTag === 'ADP' && prev !== 'to' && !comparison) return true;
  if (comparison) return false;
  const nextIsNominal = nextTag === 'DET' || nextTag === 'NOUN' || nextTag === 'PROPN' || nextTag === 'PRON';
  // "was like a dream" and "it's like that" compare; "had like finished", "were like working" don't.
  if (joinedToPrev && BE_HAVE_FORMS.has(prev)) return !nextIsNominal;
  // "I like working", "I like to" take "like" as the verb; "you like keep", "we like rehearsed" don't.
  if (nextTag === 'VERB' || nextTag === 'AUX') return !next.endsWith('ing') && next !== 'to';
  if (startsClause(ctx, index) || (prev !== undefined && CONJUNCTIONS.has(prev))) {
    // "like I said" reminds; "and like we shipped it" hesitates.
    const after = ctx.norms[index + 2];
    if (nextTag === 'PRON' && after !== undefined && LIKE_REMINDER_VERBS.includes(after)) return false;
    return nextTag === 'PRON' || nextTag === 'DET' || nextTag === 'PART';
  }
  return false;
}

const includes = (list: readonly string[], word: string): boolean => list.includes(word);

const LEXICAL_PHRASES = LEXICAL_FILLERS.map((filler) => ({
  words: filler.split(' '),
  isFiller: LEXICAL_RULES[filler],
}));

export function countFillers(words: readonly Word[]): FillerHit[] {
  const norms = words.map((word) => normalizeWord(word.text));
  // Vocal fillers are left out of the tagged text: "we um like" would otherwise confuse the tagger.
  const tags = tagWords(norms.map((norm) => (isVocalFiller(norm) ? '' : norm)));
  const tagsWithoutLike = norms.includes('like')
    ? tagWords(norms.map((norm) => (isVocalFiller(norm) || norm === 'like' ? '' : norm)))
    : tags;
  const ctx: FillerContext = { words, norms, tags, tagsWithoutLike };
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

/** Only vocal fillers come before `index`: "um so" opens the answer as much as "so" does. */
function opensAnswer(ctx: FillerContext, index: number): boolean {
  for (let previous = 0; previous < index; previous += 1) {
    if (!isVocalFiller(ctx.norms[previous] ?? '')) return false;
  }
  return true;
}

/** Right after a vocal filler: "um like", "uh so". */
function followsFiller(ctx: FillerContext, index: number): boolean {
  const previous = ctx.norms[index - 1];
  return previous !== undefined && isVocalFiller(previous);
}

/** A subject pronoun followed by a verb starts at `index`: "it is", "we had", "you could". */
function startsNewClause(ctx: FillerContext, index: number): boolean {
  const subject = ctx.norms[index];
  const verbTag = ctx.tags[index + 1];
  return (
    subject !== undefined &&
    SUBJECT_PRONOUNS.has(subject) &&
    !breaksAfter(ctx, index) &&
    (verbTag === 'VERB' || verbTag === 'AUX')
  );
}
