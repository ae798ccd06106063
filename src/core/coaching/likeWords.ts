// The closed word classes the "like" decision (likeFiller.ts) reads beside the part-of-speech tags: the
// tagger says a word is a determiner or an adverb, but not that "would" makes "like" a verb, that "looks"
// takes a comparison or that "first" makes a noun phrase emphatic. Each list is a grammatical class, not a
// list of sentences.

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
 * Verbs of seeming and words of degree: what follows "like" is what something resembles, even an amount
 * ("looks like a lot of work", "feels like a week", "something like ten").
 */
export const LIKE_SEEMING_PRECEDERS = [
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

/**
 * Verbs of manner that take "like" as a preposition: "works like the index", "writes like a lawyer". An
 * amount after them is no comparison ("talk like a lot", "worked like ten hours").
 */
export const LIKE_MANNER_PRECEDERS = [
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
] as const;

/**
 * Verbs that stand alone before a comparison, beyond the manner verbs above: "he thinks like an engineer",
 * "it spread like wildfire", "the launch went like clockwork". Any other verb right before "like" and a
 * noun phrase has that phrase as its object, so the "like" between them is a filler.
 */
export const INTRANSITIVE_COMPARISON_VERBS: ReadonlySet<string> = new Set([
  'think',
  'thinks',
  'thought',
  'run',
  'runs',
  'ran',
  'move',
  'moves',
  'moved',
  'go',
  'goes',
  'went',
  'spread',
  'spreads',
  'sell',
  'sells',
  'sold',
  'dress',
  'dressed',
  'live',
  'lived',
  'operate',
  'operates',
  'operated',
  'function',
  'functions',
  'lead',
  'leads',
  'led',
  'play',
  'played',
  'fight',
  'fought',
  'grow',
  'grew',
  'end',
  'ended',
  'turn',
  'turned',
  'come',
  'came',
  'smell',
  'smells',
  'taste',
  'tastes',
]);

/** Pronouns that name an amount of everything or nothing: "tried like everything", "costs like nothing". */
export const QUANTIFIER_PRONOUNS: ReadonlySet<string> = new Set([
  'everything',
  'everyone',
  'everybody',
  'anything',
  'anyone',
  'nothing',
  'nobody',
  'all',
]);

export const DEMONSTRATIVES: ReadonlySet<string> = new Set(['this', 'that', 'these', 'those']);

/** Pronouns that can be the subject of "like" the verb: "I like", "people who like". */
export const LIKE_SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'who']);

/** Pronouns that open a clause of reported speech or thought: "she was like, I need a break". */
export const CLAUSE_SUBJECT_PRONOUNS: ReadonlySet<string> = new Set([
  'i',
  'we',
  'you',
  'they',
  'he',
  'she',
  'it',
]);

export const IRREGULAR_PLURALS: ReadonlySet<string> = new Set([
  'people',
  'children',
  'men',
  'women',
  'folks',
]);

/** "like I said", "like you mentioned": "like" as a conjunction introducing a reminder. */
export const LIKE_REMINDER_VERBS = [
  'said',
  'say',
  'mentioned',
  'mention',
  'told',
  'explained',
  'showed',
  'did',
];

/** Forms of "be", after which "like" is a filler unless a comparison follows ("was like a dream"). */
export const BE_FORMS: ReadonlySet<string> = new Set([
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
export const HAVE_FORMS: ReadonlySet<string> = new Set([
  'had',
  'has',
  'have',
  'having',
  "i've",
  "we've",
  "they've",
]);

/** Clause-joining words: a filler often comes right after one ("and like we shipped it"). */
export const CONJUNCTIONS: ReadonlySet<string> = new Set([
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

/**
 * Numbers, amounts and units of time: "like" before one estimates ("for like three weeks", "like a day",
 * "talk like a lot").
 */
export const QUANTITY_WORDS: ReadonlySet<string> = new Set([
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
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'half',
  'dozen',
  'dozens',
  'couple',
  'few',
  'lot',
  'lots',
  'bit',
  'bunch',
  'ton',
  'tons',
  'handful',
  'week',
  'day',
  'month',
  'year',
  'minute',
  'hour',
]);

/** Ordinals that also name an amount: "like a second", "like a third of the budget", "like a quarter". */
export const FRACTION_ORDINALS: ReadonlySet<string> = new Set(['second', 'third', 'quarter']);

/**
 * Modifiers that make a noun phrase emphatic rather than comparable: "like the only tool", "like a whole
 * new plan", "like a huge relief". Superlatives ending in -est and adverbs of degree before an adjective
 * ("a completely different world") are recognised by their tags as well.
 */
export const EMPHATIC_MODIFIERS: ReadonlySet<string> = new Set([
  'only',
  'whole',
  'entire',
  'total',
  'complete',
  'absolute',
  'huge',
  'massive',
  'enormous',
  'tiny',
  'best',
  'worst',
  'most',
  'least',
  'single',
  'very',
]);

/**
 * The ends of a ranking after a possessive make a noun phrase emphatic: "is like my first real job" (but
 * "was like my second home" compares).
 */
export const ORDINALS: ReadonlySet<string> = new Set(['first', 'last']);

/** Possessive determiners; the tagger calls them pronouns. */
export const POSSESSIVES: ReadonlySet<string> = new Set(['my', 'your', 'our', 'his', 'her', 'their', 'its']);

/** Degree words the tagger often reads as nouns or adjectives ("like super slow", "like pretty bad"). */
export const DEGREE_WORDS: ReadonlySet<string> = new Set([
  'super',
  'pretty',
  'so',
  'too',
  'way',
  'crazy',
  'insanely',
]);

export const WH_WORDS: ReadonlySet<string> = new Set(['how', 'when', 'where', 'why', 'what', 'who', 'which']);
