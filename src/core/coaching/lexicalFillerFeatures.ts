// The context a lexical filler phrase stands in, as the sparse binary features the classifier reads
// (lexicalFillerModel.ts): the part-of-speech tags and function words around it, punctuation and clause
// boundaries and grammatical word classes (likeWords.ts). The context rule's verdict is added beside
// them (lexicalFillerModel.ts ruleFeature). Words of the open classes (nouns, verbs, adjectives…) are seen through their tag and ending only, so the model learns
// grammar rather than the vocabulary of the sentences it was trained on.
import {
  breaksAfter,
  followsFiller,
  isVocalFiller,
  opensAnswer,
  startsSentence,
  type FillerContext,
} from './fillerContext';
import { lexicalPhraseAt, type LexicalFiller } from './lexicalFillerRules';
import {
  BE_FORMS,
  CLAUSE_SUBJECT_PRONOUNS,
  CONJUNCTIONS,
  DEGREE_WORDS,
  DEMONSTRATIVES,
  EMPHATIC_MODIFIERS,
  HAVE_FORMS,
  LIKE_MANNER_PRECEDERS,
  LIKE_SEEMING_PRECEDERS,
  LIKE_VERB_PRECEDERS,
  POSSESSIVES,
  QUANTIFIER_PRONOUNS,
  QUANTITY_WORDS,
  WH_WORDS,
} from './likeWords';
import { readAfterSubject, type PartOfSpeech } from './partOfSpeech';

/** Closed word classes: their words are few and grammatical, so the word itself is a feature. */
const FUNCTION_TAGS: ReadonlySet<PartOfSpeech> = new Set([
  'DET',
  'PRON',
  'AUX',
  'ADP',
  'CCONJ',
  'SCONJ',
  'PART',
  'INTJ',
]);

/** Grammatical word classes a neighbour may belong to, beside its tag. */
const WORD_CLASSES: readonly [string, (norm: string) => boolean][] = [
  ['be', (w) => BE_FORMS.has(w)],
  ['have', (w) => HAVE_FORMS.has(w)],
  ['modal-do-to', (w) => (LIKE_VERB_PRECEDERS as readonly string[]).includes(w)],
  ['seeming', (w) => (LIKE_SEEMING_PRECEDERS as readonly string[]).includes(w)],
  ['manner', (w) => (LIKE_MANNER_PRECEDERS as readonly string[]).includes(w)],
  ['subject', (w) => CLAUSE_SUBJECT_PRONOUNS.has(w)],
  ['conjunction', (w) => CONJUNCTIONS.has(w)],
  ['demonstrative', (w) => DEMONSTRATIVES.has(w)],
  ['possessive', (w) => POSSESSIVES.has(w)],
  ['wh', (w) => WH_WORDS.has(w)],
  ['quantity', (w) => QUANTITY_WORDS.has(w) || /^\d/.test(w)],
  ['quantifier', (w) => QUANTIFIER_PRONOUNS.has(w)],
  ['degree', (w) => DEGREE_WORDS.has(w)],
  ['emphatic', (w) => EMPHATIC_MODIFIERS.has(w) || /.{3}est$/.test(w)],
];

const ENDINGS: readonly [string, RegExp][] = [
  ['ing', /ing$/],
  ['ed', /ed$/],
  ['s', /[^s']s$/],
  ['ly', /ly$/],
];

/**
 * The features of the phrase `filler` whose first word is at `index`. Left of it the tags are those of
 * the transcript with every "like" left out (a filler is no part of the grammar around it), as are those
 * right of it.
 */
export function lexicalFillerFeatures(ctx: FillerContext, index: number, filler: LexicalFiller): string[] {
  const last = index + filler.split(' ').length - 1;
  const features: string[] = [`phrase=${filler}`, `self=${ctx.tags[index]}`];
  const breakBefore = index === 0 || breaksAfter(ctx, index - 1);
  const breakAfter = breaksAfter(ctx, last);
  if (breakBefore) features.push('break-before');
  if (breakAfter) features.push('break-after');
  if (startsSentence(ctx, index)) features.push('sentence-start');
  if (opensAnswer(ctx, index)) features.push('answer-start');
  if (last === ctx.norms.length - 1) features.push('answer-end');
  if (followsFiller(ctx, index)) features.push('after-vocal');
  if (isVocalFiller(ctx.norms[last + 1] ?? '')) features.push('before-vocal');
  const nextPhrase = lexicalPhraseAt(ctx, last + 1);
  if (nextPhrase !== null) features.push(`before-phrase=${nextPhrase}`);
  const slots: readonly [string, number, boolean][] = [
    ['L2', index - 2, breakBefore || (index >= 2 && breaksAfter(ctx, index - 2))],
    ['L1', index - 1, breakBefore],
    ['R1', last + 1, breakAfter],
    ['R2', last + 2, breakAfter || breaksAfter(ctx, last + 1)],
  ];
  const tagOf: Record<string, string> = {};
  const coarse: Record<string, string> = {};
  for (const [slot, at, acrossBreak] of slots) {
    const described = describeWord(ctx, at);
    tagOf[slot] = described.tag;
    coarse[slot] = described.coarse;
    for (const f of described.features) features.push(`${slot}${f}`);
    // The same neighbour across punctuation is a different context: ", like," against "was like".
    features.push(`${slot}${acrossBreak ? '|' : ''}t=${described.tag}`);
  }
  features.push(
    `L1R1=${tagOf.L1}_${tagOf.R1}`,
    `R1R2=${tagOf.R1}_${tagOf.R2}`,
    `L2L1=${tagOf.L2}_${tagOf.L1}`,
  );
  // Linear weights cannot combine two neighbours: "I like stop" differs from "I like stopping" only in both.
  const reading = breakAfter ? null : readAfterSubject(ctx.norms.slice(last + 1, last + 4));
  const r1Reading = reading ? `${reading.tag}${reading.inflected ? '+' : ''}` : 'none';
  features.push(
    `R1as=${r1Reading}`,
    `L1R1c=${coarse.L1}_${coarse.R1}`,
    `L1R1as=${coarse.L1}_${r1Reading}`,
    `L1c-break=${coarse.L1}_${breakBefore}_${breakAfter}`,
    `R1R2c=${coarse.R1}_${coarse.R2}`,
    // "they like skip words", "I like rotate people": a verb with its object after a subject.
    `L1R1asR2=${coarse.L1}_${r1Reading}_${coarse.R2}`,
    // How the tagger reads the neighbours with the phrase in place: "I like design" makes "design" the
    // object of a verb, "I like rewrote" leaves "rewrote" a verb all the same.
    `R1both=${ctx.tags[last + 1] ?? 'END'}_${tagOf.R1}`,
    `self-L1=${ctx.tags[index]}_${coarse.L1}`,
    `self-R1=${ctx.tags[index]}_${coarse.R1}`,
  );
  return features;
}

/** A word's tag, its own form when it belongs to a closed class, its grammatical classes and ending. */
function describeWord(ctx: FillerContext, at: number): { tag: string; coarse: string; features: string[] } {
  const norm = ctx.norms[at];
  if (norm === undefined) {
    const edge = at < 0 ? 'START' : 'END';
    return { tag: edge, coarse: edge, features: [] };
  }
  if (isVocalFiller(norm)) return { tag: 'VOCAL', coarse: 'VOCAL', features: [] };
  const tag = ctx.tagsWithoutLike[at] ?? 'PUNCT';
  const features: string[] = [];
  if (FUNCTION_TAGS.has(tag) || norm.length <= 3) features.push(`w=${norm}`);
  for (const [name, test] of WORD_CLASSES) if (test(norm)) features.push(`c=${name}`);
  if (!FUNCTION_TAGS.has(tag)) {
    for (const [name, ending] of ENDINGS) if (ending.test(norm)) features.push(`e=${name}`);
  }
  const num = ctx.tags[at] === 'NUM' || /^\d/.test(norm);
  if (num) features.push('num');
  // One word, coarsely: its first grammatical class, or its tag and ending.
  const wordClass = WORD_CLASSES.find(([, test]) => test(norm))?.[0];
  const ending = ENDINGS.find(([, re]) => re.test(norm))?.[0] ?? '';
  const coarse = wordClass ?? (num ? 'NUM' : FUNCTION_TAGS.has(tag) ? tag : `${tag}${ending}`);
  return { tag, coarse, features };
}
