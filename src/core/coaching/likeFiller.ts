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
import {
  BE_FORMS,
  CLAUSE_SUBJECT_PRONOUNS,
  CONJUNCTIONS,
  DEGREE_WORDS,
  EMPHATIC_MODIFIERS,
  FRACTION_ORDINALS,
  DEMONSTRATIVES,
  HAVE_FORMS,
  INTRANSITIVE_COMPARISON_VERBS,
  IRREGULAR_PLURALS,
  LIKE_MANNER_PRECEDERS,
  LIKE_REMINDER_VERBS,
  LIKE_SEEMING_PRECEDERS,
  LIKE_SUBJECT_PRONOUNS,
  LIKE_VERB_PRECEDERS,
  ORDINALS,
  POSSESSIVES,
  QUANTIFIER_PRONOUNS,
  QUANTITY_WORDS,
  WH_WORDS,
} from './likeWords';
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

/** Enough to reach "other" in "like a lot of other tools". */
const OTHER_LOOKAHEAD_WORDS = 4;

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
  if (host !== undefined && (includes(LIKE_VERB_PRECEDERS, host) || invertedQuestionBefore(ctx, index))) {
    // "up to like four days" estimates; "would like send the drafts", "did like warn you": "like" the verb
    // takes no bare verb, so after a modal or "do" that one is a filler.
    return (host === 'to' && amountFollows(ctx, index)) || bareVerbWithObjectFollows(ctx, index);
  }
  // "she was like, why…", "was like oh no", "it was like we had no time": reported speech or thought, or
  // "as if" before a clause. Quotative "be like" does the work of "said", so it is not counted.
  if (host !== undefined && BE_FORMS.has(host) && clauseOrSpeechFollows(ctx, index)) return false;
  const seeming = host !== undefined && includes(LIKE_SEEMING_PRECEDERS, host);
  const comparison = seeming || (host !== undefined && includes(LIKE_MANNER_PRECEDERS, host));
  const afterSubject = host !== undefined && canBeSubjectOfLike(ctx, index - 1);
  // No reading of "like" takes a finite verb after it: "the balancer like spreads", "I just like went".
  if (
    !ctx.breaksAfter(index) &&
    finiteVerbFollows(ctx, index, afterSubject && host !== undefined && isPlural(host))
  ) {
    return true;
  }
  // "for like three weeks", "costs like ten milliseconds", "talk like a lot"; only a pronoun makes it the
  // verb ("I like two things"), as a noun before it may well be a verb itself ("it costs"), and after a
  // verb of seeming the amount is what something resembles ("looks like a lot of work").
  if (amountFollows(ctx, index, afterSubject)) {
    return !(host !== undefined && LIKE_SUBJECT_PRONOUNS.has(host)) && !seeming;
  }
  const modifierNext = nextTag === 'ADV' || nextTag === 'ADJ' || DEGREE_WORDS.has(next);
  // A comparison takes a noun phrase or a clause, not a bare adjective: "it felt like weird at first".
  if (seeming && nextTag === 'ADJ' && !ctx.breaksAfter(index) && !nounPhraseGoesOn(ctx, index + 1))
    return true;
  if (modifierNext && !comparison && !WH_WORDS.has(next)) {
    // "I like simple tools", "I like really short meetings" take an object; "we like totally forgot" doesn't.
    return afterSubject ? verbAfterModifiers(ctx, index + 1) : true;
  }
  // After a preposition "like" can only be a filler: "for like", "of like", "across like".
  if (host !== undefined && ctx.tags[index - 1] === 'ADP' && host !== 'to' && !comparison) return true;
  if (comparison) return false;
  if (host !== undefined && HAVE_FORMS.has(host)) return true;
  if (host !== undefined && !afterSubject && objectAfterVerb(ctx, index)) return true;
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

/**
 * An amount follows "like": a number, "a" and a unit ("a day", "a lot"), or "no"/"zero" ("like no
 * documentation"), though "like no other" compares and "people like no meetings" takes an object.
 */
function amountFollows(ctx: LikeContext, index: number, afterSubject = false): boolean {
  const next = ctx.norms[index + 1];
  // "like no other", "like a lot of other tools", "like many others" compare with the rest of a kind.
  const following = ctx.norms.slice(index + 1, index + 1 + OTHER_LOOKAHEAD_WORDS);
  if (following.some((norm) => norm === 'other' || norm === 'others')) return false;
  const noneOf = !afterSubject && (next === 'no' || next === 'zero');
  const article = next === 'a' || next === 'an';
  return noneOf || isQuantityAt(ctx, index + 1) || (article && isQuantityAt(ctx, index + 2));
}

/**
 * A verb's object comes right after "like": "we got like complaints", "we used like a spreadsheet". Only
 * verbs that can stand alone are compared with a bare noun that way ("it spread like wildfire"), any verb
 * with "a" and a noun ("coded like a machine"); "like this/that" says how.
 */
function objectAfterVerb(ctx: LikeContext, index: number): boolean {
  const verb = ctx.norms[index - 1];
  const next = ctx.norms[index + 1];
  if (verb === undefined || next === undefined || ctx.breaksAfter(index)) return false;
  if (ctx.tagsWithoutLike[index - 1] !== 'VERB' || INTRANSITIVE_COMPARISON_VERBS.has(verb)) return false;
  const nextTag = ctx.tagsWithoutLike[index + 1];
  // "coded like a machine", "sings like an angel": the simile's own article, after any verb.
  if (nextTag === 'DET') return !DEMONSTRATIVES.has(next) && next !== 'a' && next !== 'an';
  // "we tried like everything", "it costs like nothing"; "like nothing else" compares.
  const after = ctx.norms[index + 2];
  if (QUANTIFIER_PRONOUNS.has(next)) return after !== 'else' && ctx.tagsWithoutLike[index + 2] !== 'AUX';
  return nextTag === 'NOUN' && ctx.tagsWithoutLike[index + 2] !== 'VERB';
}

/** The adjective at `index` modifies a noun after it ("feels like good people"). */
function nounPhraseGoesOn(ctx: LikeContext, index: number): boolean {
  const after = ctx.tagsWithoutLike[index + 1];
  return !ctx.breaksAfter(index) && (after === 'NOUN' || after === 'PROPN' || after === 'ADJ');
}

/** "would you like", "do they like": a question puts the subject between "do" or a modal and the verb. */
function invertedQuestionBefore(ctx: LikeContext, index: number): boolean {
  const subject = ctx.norms[index - 1];
  const auxiliary = ctx.norms[index - 2];
  return (
    subject !== undefined &&
    auxiliary !== undefined &&
    CLAUSE_SUBJECT_PRONOUNS.has(subject) &&
    includes(LIKE_VERB_PRECEDERS, auxiliary) &&
    auxiliary !== 'to' &&
    !ctx.breaksAfter(index - 2)
  );
}

/**
 * A bare verb and its object follow: "send the drafts", "warn you". A word that may be a noun ("help",
 * "work") is read as the verb only when a determiner or pronoun follows it, as "like" the verb would take
 * it as its object instead: "would like work that matters".
 */
function bareVerbWithObjectFollows(ctx: LikeContext, index: number): boolean {
  const next = ctx.norms[index + 1];
  if (next === undefined || ctx.breaksAfter(index) || ctx.breaksAfter(index + 1)) return false;
  if (ctx.tagsWithoutLike[index + 1] !== 'VERB' || /(ing|ed)$/.test(next)) return false;
  const object = ctx.tagsWithoutLike[index + 2];
  return object === 'DET' || object === 'PRON';
}

/**
 * A clause, a question or an exclamation follows: a subject and its verb ("we had"), a question word or
 * an auxiliary opening a question ("can we"), an interjection ("oh", "wow").
 */
function clauseOrSpeechFollows(ctx: LikeContext, index: number): boolean {
  const next = ctx.norms[index + 1];
  const nextTag = ctx.tagsWithoutLike[index + 1];
  const afterTag = ctx.tagsWithoutLike[index + 2];
  if (next === undefined) return false;
  if (nextTag === 'INTJ' || WH_WORDS.has(next)) return true;
  // Set off by a comma, an imperative opens the quote: "she was like, let it go".
  if (nextTag === 'VERB' && ctx.breaksAfter(index) && !/(ing|ed)$/.test(next)) return true;
  if (nextTag === 'AUX') return afterTag === 'PRON' || afterTag === 'DET';
  return CLAUSE_SUBJECT_PRONOUNS.has(next) && (afterTag === 'VERB' || afterTag === 'AUX');
}

function isQuantityAt(ctx: LikeContext, index: number): boolean {
  const norm = ctx.norms[index];
  if (norm === undefined) return false;
  // "a second", "a third of" are amounts; before a noun they rank it: "like a second job".
  if (FRACTION_ORDINALS.has(norm)) return ctx.tags[index + 1] !== 'NOUN' || ctx.breaksAfter(index);
  return QUANTITY_WORDS.has(norm) || /^\d/.test(norm) || ctx.tags[index] === 'NUM';
}

/** A pronoun or a noun right before "like" may be its subject: then "like" can be the verb. */
function canBeSubjectOfLike(ctx: LikeContext, index: number): boolean {
  const norm = ctx.norms[index];
  // "I'm", "it's" end in the verb "be": the tagger reads them by their pronoun.
  if (norm === undefined || BE_FORMS.has(norm)) return false;
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
  if (
    word === undefined ||
    reading === null ||
    (reading.tag !== 'VERB' && reading.tag !== 'AUX') ||
    !reading.inflected
  )
    return false;
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

/**
 * A determiner or possessive and an emphatic modifier: "the only", "a whole", "the worst", "my first", "a
 * completely different". A plain simile has none: "like a fire drill", "like my brother".
 */
function emphaticPhraseAt(ctx: LikeContext, index: number): boolean {
  const determiner = ctx.norms[index];
  if (determiner === undefined) return false;
  if (ctx.tagsWithoutLike[index] !== 'DET' && !POSSESSIVES.has(determiner)) return false;
  const modifier = ctx.norms[index + 1];
  if (modifier === undefined || ctx.breaksAfter(index)) return false;
  const modifierTag = ctx.tagsWithoutLike[index + 1];
  const superlative = (modifierTag === 'ADJ' || modifierTag === 'ADV') && /.{3}est$/.test(modifier);
  // An adverb of degree before an adjective: "a really big step", "a totally new team".
  const intensified = modifierTag === 'ADV' && ctx.tagsWithoutLike[index + 2] === 'ADJ';
  // An ordinal ranks what is one's own ("my first real job"); "like the first day of school" compares.
  const ranked = ORDINALS.has(modifier) && POSSESSIVES.has(determiner);
  return EMPHATIC_MODIFIERS.has(modifier) || ranked || superlative || intensified;
}
