// Finds filler words in a transcript. Vocal fillers ("um") are always fillers; lexical ones ("like") are
// ordinary words most of the time, so whether each is used as a filler where it stands is decided from
// its context: by the context rules (lexicalFillerRules.ts) and, for the phrases it was shipped for, a
// small classifier trained on labelled answers that may overrule them where it is sure
// (lexicalFillerModel.ts). Both err towards not counting: a coach that flags "I like Python" loses the
// speaker's trust faster than one that misses a filler.
import type { FillerHit, Word } from '../../shared/domain';
import { fillerContext, isVocalFiller, type FillerContext } from './fillerContext';
import { lexicalFillerFeatures } from './lexicalFillerFeatures';
import {
  fillerModelProbability,
  isFillerByModel,
  loadFillerModel,
  MODEL_GROUPS,
  ruleFeature,
  type FillerModel,
} from './lexicalFillerModel';
import { lexicalPhraseAt, ruleSaysFiller, type LexicalFiller } from './lexicalFillerRules';
import { LEXICAL_FILLER_MODELS } from './lexicalFillerWeights';

export { isVocalFiller, normalizeWord, VOCAL_FILLERS } from './fillerContext';
export { LEXICAL_FILLERS, type LexicalFiller } from './lexicalFillerRules';

const models = new Map<string, FillerModel>(
  Object.entries(LEXICAL_FILLER_MODELS).map(([group, stored]) => [group, loadFillerModel(stored)]),
);

/** Which model decides each phrase; undefined leaves it to the rules. */
export type FillerDecider = (filler: LexicalFiller) => FillerModel | undefined;
const shippedModels: FillerDecider = (filler) => models.get(MODEL_GROUPS[filler]);

export function countFillers(words: readonly Word[], decider: FillerDecider = shippedModels): FillerHit[] {
  const ctx = fillerContext(words);
  const hits: FillerHit[] = [];
  let index = 0;
  while (index < words.length) {
    const match = matchFillerAt(ctx, index, decider);
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

/**
 * Every lexical filler phrase in the transcript, used as a filler or not, with its context features and
 * the rule's verdict: what the classifier is trained on.
 */
export function lexicalCandidates(
  words: readonly Word[],
): { wordIndex: number; filler: LexicalFiller; features: string[]; rule: boolean }[] {
  const ctx = fillerContext(words);
  return ctx.norms.flatMap((_, wordIndex) => {
    const filler = lexicalPhraseAt(ctx, wordIndex);
    if (filler === null) return [];
    const features = lexicalFillerFeatures(ctx, wordIndex, filler);
    return [{ wordIndex, filler, features, rule: ruleSaysFiller(ctx, wordIndex, filler) }];
  });
}

function matchFillerAt(
  ctx: FillerContext,
  index: number,
  decider: FillerDecider,
): { kind: FillerHit['kind']; length: number } | null {
  const norm = ctx.norms[index];
  if (norm === undefined) return null;
  if (isVocalFiller(norm)) return { kind: 'vocal', length: 1 };
  const filler = lexicalPhraseAt(ctx, index);
  if (filler === null) return null;
  const model = decider(filler);
  const rule = ruleSaysFiller(ctx, index, filler);
  const isFiller = model
    ? isFillerByModel(
        model,
        fillerModelProbability(model, [...lexicalFillerFeatures(ctx, index, filler), ruleFeature(rule)]),
        rule,
      )
    : rule;
  return isFiller ? { kind: 'lexical', length: filler.split(' ').length } : null;
}
