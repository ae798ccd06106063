// Is this "like" a filler? "like" is a verb ("I like Python"), a preposition of comparison ("works like
// the index") or a conjunction ("like I said") most of the time, so the decision reads the grammatical
// position it stands in, from the part-of-speech tagger, rather than lists of sentences:
//   - a filler leans on nothing: before an inflected verb ("the balancer like spreads", "we like
//     rehearsed"), an adverb, an adjective or a number ("like totally", "like three weeks"), after "have"
//     or a preposition ("had like a week", "of like a day"), or before an emphatic noun phrase that no
//     comparison would take ("was like the worst outage", "needed like a whole new plan");
//   - the verb takes an object after a subject ("I like simple tools", "engineers like clear tickets");
//   - the comparison follows verbs of seeming and words of degree ("looks like", "something like").
// The rules err towards not counting: a coach that flags "I like Python" loses trust faster than one that
// misses a filler.
import { readAfterSubject, type PartOfSpeech } from './partOfSpeech';

/** What the decision needs of the transcript around the word; fillerWords.ts provides it. */
export type LikeContext = {
  norms: readonly string[];
  tags: readonly PartOfSpeech[];
  /** Tags with every "like" left out: a filler is no part of the grammar around it. */
  tagsWithoutLike: readonly PartOfSpeech[];
  /** Punctuation ends the word at `index`. */
  breaksAfter(index: number): boolean;
  /** The word at `index` opens a clause (first word, after punctuation or after a vocal filler). */
  startsClause(index: number): boolean;
  isVocalFillerAt(index: number): boolean;
  /** A filler of any kind starts at `index`. */
  isFillerAt(index: number): boolean;
};

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
  'write',
  'writes',
  'wrote',
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

/** Pronouns that can be the subject of "like" the verb: "I like", "people who like". */
const LIKE_SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'who']);

const IRREGULAR_PLURALS: ReadonlySet<string> = new Set(['people', 'children', 'men', 'women', 'folks']);

/** "like I said", "like you mentioned": "like" as a conjunction introducing a reminder. */
const LIKE_REMINDER_VERBS = ['said', 'say', 'mentioned', 'mention', 'told', 'explained', 'showed', 'did'];

/** Forms of "be", after which "like" is a filler unless a comparison follows ("was like a dream"). */
const BE_FORMS: ReadonlySet<string> = new Set([
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
  "there's",
  "i'm",
  "we're",
  "they're",
  "you're",
  "he's",
  "she's",
]);

/** Forms of "have": nothing is compared after them, so "had like a week" always hesitates. */
const HAVE_FORMS: ReadonlySet<string> = new Set(['had', 'has', 'have', 'having', "i've", "we've", "they've"]);

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

/**
 * Modifiers that make a noun phrase emphatic rather than comparable: "like the only tool", "like a whole
 * new plan", "like the worst outage". Superlatives ending in -est are recognised by their tag as well.
 */
const EMPHATIC_MODIFIERS: ReadonlySet<string> = new Set([
  'only',
  'whole',
  'entire',
  'total',
  'complete',
  'best',
  'worst',
  'most',
  'least',
  'single',
  'very',
]);

/** Degree words the tagger often reads as nouns or adjectives ("like super slow", "like pretty bad"). */
const DEGREE_WORDS: ReadonlySet<string> = new Set([
  'super',
  'pretty',
  'so',
  'too',
  'way',
  'crazy',
  'insanely',
]);

const WH_WORDS: ReadonlySet<string> = new Set(['how', 'when', 'where', 'why', 'what', 'who', 'which']);

const NOMINAL_TAGS: ReadonlySet<PartOfSpeech> = new Set(['DET', 'NOUN', 'PROPN', 'PRON']);

const includes = (list: readonly string[], word: string): boolean => list.includes(word);

export function isFillerLike(ctx: LikeContext, index: number): boolean {
  const prev = ctx.norms[index - 1];
  const next = ctx.norms[index + 1];
  const nextTag = ctx.tagsWithoutLike[index + 1];
  const joinedToPrev = prev !== undefined && !ctx.breaksAfter(index - 1);
  // Set off by commas on both sides: "it was, like, hard".
  if (index > 0 && !joinedToPrev && ctx.breaksAfter(index)) return true;
  if (next === undefined) return false;
  if (ctx.isVocalFillerAt(index - 1) || ctx.isFillerAt(index + 1)) return true;
  // The word "like" leans on, if any: across punctuation it leans on nothing.
  const host = joinedToPrev ? prev : undefined;
  if (host !== undefined && includes(LIKE_VERB_PRECEDERS, host)) return false;
  const comparison = host !== undefined && includes(LIKE_COMPARISON_PRECEDERS, host);
  const afterSubject = host !== undefined && canBeSubjectOfLike(ctx, index - 1);
  // No reading of "like" takes a finite verb after it: "the balancer like spreads", "I just like went".
  if (
    !ctx.breaksAfter(index) &&
    finiteVerbFollows(ctx, index, afterSubject && host !== undefined && isPlural(host))
  ) {
    return true;
  }
  // "for like three weeks", "costs like ten milliseconds"; only a pronoun makes it the verb ("I like two
  // things"), as a noun before it may well be a verb itself ("it costs").
  // "like no documentation", "like zero tests" estimate an amount too; "like no other" compares.
  const noneOf = !afterSubject && (next === 'no' || next === 'zero') && ctx.norms[index + 2] !== 'other';
  if (noneOf || isQuantityAt(ctx, index + 1) || (next === 'a' && isQuantityAt(ctx, index + 2))) {
    return !(host !== undefined && LIKE_SUBJECT_PRONOUNS.has(host));
  }
  const modifierNext = nextTag === 'ADV' || nextTag === 'ADJ' || DEGREE_WORDS.has(next);
  if (modifierNext && !comparison && !WH_WORDS.has(next)) {
    // "I like simple tools", "I like really short meetings" take an object; "we like totally forgot" doesn't.
    return afterSubject ? verbAfterModifiers(ctx, index + 1) : true;
  }
  // After a preposition "like" can only be a filler: "for like", "of like", "across like".
  if (host !== undefined && ctx.tags[index - 1] === 'ADP' && host !== 'to' && !comparison) return true;
  if (comparison) return false;
  if (host !== undefined && HAVE_FORMS.has(host)) return true;
  if (!afterSubject && emphaticPhraseAt(ctx, index + 1)) return true;
  const nextIsNominal = nextTag !== undefined && NOMINAL_TAGS.has(nextTag);
  // "was like a dream" and "it's like that" compare; "were like working" doesn't.
  if (host !== undefined && BE_FORMS.has(host)) return !nextIsNominal;
  // "I like working", "I like to" take "like" as the verb; "you like keep the answers" doesn't, but a
  // word the tagger reads as a noun after "like" the verb is its object ("I like design").
  // After a subject, a verb form right before a noun modifies it: "I like automated tests".
  const verbNext = afterSubject
    ? ctx.tags[index + 1] === 'VERB' && ctx.tags[index + 2] !== 'NOUN'
    : ctx.tags[index + 1] !== 'NOUN';
  if ((nextTag === 'VERB' || nextTag === 'AUX') && verbNext) {
    return !next.endsWith('ing') && next !== 'to';
  }
  if (ctx.startsClause(index) || (prev !== undefined && CONJUNCTIONS.has(prev))) {
    // "like I said" reminds; "and like we shipped it" hesitates.
    const after = ctx.norms[index + 2];
    if (nextTag === 'PRON' && after !== undefined && LIKE_REMINDER_VERBS.includes(after)) return false;
    return nextTag === 'PRON' || nextTag === 'DET' || nextTag === 'PART';
  }
  return false;
}

function isQuantityAt(ctx: LikeContext, index: number): boolean {
  const norm = ctx.norms[index];
  return norm !== undefined && (QUANTITY_WORDS.has(norm) || /^\d/.test(norm) || ctx.tags[index] === 'NUM');
}

/** A pronoun or a noun right before "like" may be its subject: then "like" can be the verb. */
function canBeSubjectOfLike(ctx: LikeContext, index: number): boolean {
  const norm = ctx.norms[index];
  if (norm === undefined) return false;
  return LIKE_SUBJECT_PRONOUNS.has(norm) || ctx.tags[index] === 'NOUN' || ctx.tags[index] === 'PROPN';
}

/**
 * The word after "like" is a finite verb: read after a subject it is inflected ("spreads", "told"), and
 * nothing lets it be the object of "like" the verb. After a plural subject ("I", "we", "engineers") an -s
 * word is a plural noun ("I like tests") and a past form before a noun a participle ("we like automated
 * tests"); after a singular one "like" cannot be the present-tense verb at all.
 */
function finiteVerbFollows(ctx: LikeContext, index: number, likeCanBeVerb: boolean): boolean {
  const following = ctx.norms.slice(index + 1, index + 4).filter((norm) => norm !== '');
  const word = following[0];
  const reading = readAfterSubject(following);
  if (word === undefined || reading === null || reading.tag !== 'VERB' || !reading.inflected) return false;
  if (word.endsWith('ing')) return false;
  if (!likeCanBeVerb) return true;
  if (word.endsWith('s')) return false;
  const after = ctx.tags[index + 2];
  return !(after === 'NOUN' || after === 'ADJ') || ctx.breaksAfter(index + 1);
}

/** Subjects that take "like", not "likes": I, we, you, they and plural nouns. */
function isPlural(norm: string): boolean {
  return LIKE_SUBJECT_PRONOUNS.has(norm) || IRREGULAR_PLURALS.has(norm) || /[^s']s$/.test(norm);
}

/** After adverbs and adjectives from `index` on, a verb comes next ("like totally forgot"). */
function verbAfterModifiers(ctx: LikeContext, index: number): boolean {
  let at = index;
  while (ctx.tags[at] === 'ADV') at += 1;
  return ctx.tags[at] === 'VERB' && !ctx.breaksAfter(at - 1);
}

/** A determiner and an emphatic modifier: "the only", "a whole", "the worst", "the biggest". */
function emphaticPhraseAt(ctx: LikeContext, index: number): boolean {
  if (ctx.tagsWithoutLike[index] !== 'DET') return false;
  const modifier = ctx.norms[index + 1];
  if (modifier === undefined || ctx.breaksAfter(index)) return false;
  return (
    EMPHATIC_MODIFIERS.has(modifier) ||
    ((ctx.tagsWithoutLike[index + 1] === 'ADJ' || ctx.tagsWithoutLike[index + 1] === 'ADV') &&
      /.{3}est$/.test(modifier))
  );
}
