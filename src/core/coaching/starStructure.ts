// STAR (situation, task, action, result) for behavioural questions: which parts the answer has, judged by
// the phrases people use to open each part. Cue phrases are explainable ("found 'as a result' at 1:12"),
// which matters more here than catching every paraphrase.
import type { StarPart, StructureAnalysis, Word } from '../../shared/domain';
import { createCueMatcher } from './cueMatcher';

export const STAR_CUES: Record<StarPart, readonly string[]> = {
  situation: [
    'at my last',
    'at my previous',
    'in my last',
    'in my previous',
    'in my current',
    'when i was',
    'when i worked',
    'i was working',
    'i worked at',
    'i worked as',
    'back in',
    'at the time',
    'a few years ago',
    'last year',
    'the situation',
    'the context',
    'the background',
    'our team was',
    'we were',
    'there was',
    'we had a',
    'the company',
    'the project',
    'a client',
    'a customer',
  ],
  task: [
    'my role',
    'my job was',
    'my task',
    'i was responsible',
    'responsible for',
    'i was asked',
    'i was tasked',
    'tasked with',
    'i needed to',
    'i had to',
    'we needed to',
    'we had to',
    'the goal',
    'our goal',
    'my goal',
    'the objective',
    'the challenge',
    'the problem was',
    'i was in charge',
    'it was up to me',
    'the deadline',
  ],
  action: [
    'so i',
    'first i',
    'then i',
    'next i',
    'i decided',
    'i started',
    'i set up',
    'i organised',
    'i organized',
    'i spoke',
    'i talked',
    'i met',
    'i called',
    'i built',
    'i created',
    'i wrote',
    'i led',
    'i proposed',
    'i suggested',
    'i scheduled',
    'i asked',
    'i worked with',
    'i implemented',
    'i introduced',
    'i changed',
    'i reached out',
    'i broke',
    'i prioritised',
    'i prioritized',
    'i negotiated',
    'i analysed',
    'i analyzed',
    'i designed',
    'i took',
    'my approach',
    'what i did',
  ],
  result: [
    'as a result',
    'the result',
    'the outcome',
    'in the end',
    'ultimately',
    'eventually',
    'which meant',
    'this meant',
    'that meant',
    'led to',
    'resulted in',
    'we delivered',
    'we shipped',
    'we launched',
    'we hit',
    'we met',
    'we saved',
    'we reduced',
    'we increased',
    'percent',
    'i learned',
    'i learnt',
    'the lesson',
    'since then',
    'afterwards',
    'feedback was',
  ],
};

export const STAR_ORDER: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

export function checkStarStructure(words: readonly Word[]): StructureAnalysis {
  const find = createCueMatcher(words);
  const parts = STAR_ORDER.map((part) => {
    const hit = find(STAR_CUES[part]);
    return { part, present: hit !== null, cue: hit?.cue ?? null, atSec: hit?.atSec ?? null };
  });
  // A number in the answer's second half is a result even without a cue ("…and cut costs by 30").
  const result = parts.find((p) => p.part === 'result');
  if (result && !result.present) {
    const quantified = laterNumber(words);
    if (quantified)
      Object.assign(result, { present: true, cue: quantified.text, atSec: quantified.startSec });
  }
  return { kind: 'star', parts, missing: parts.filter((p) => !p.present).map((p) => p.part) };
}

const NUMBER = /^\d+([.,]\d+)?%?$/;

function laterNumber(words: readonly Word[]): Word | undefined {
  const half = Math.floor(words.length / 2);
  return words.slice(half).find((word) => NUMBER.test(word.text.trim().replace(/[.,!?;:]+$/, '')));
}
