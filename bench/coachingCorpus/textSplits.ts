// The text detector's columns: tuning, the two kinds of held-out scripts and the sealed sets, each scored
// punctuated and bare (textEvaluation.ts). Run directly (`node bin/run-ts.mjs
// bench/coachingCorpus/textSplits.ts`) it prints the table and the held-out mistakes in a second, without
// the audio corpus that `npm run bench:coaching` also renders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rates, type Counts } from '../coachingEvaluation';
import { FILLER_TYPES } from './labels';
import { answersOf, isTuningScriptSet, SCRIPT_SETS } from './scripts';
import { SEALED_TEXT_SETS, SECOND_SEALED_TEXT_SETS } from './sealedScripts';
import { FOURTH_SEALED_TEXT_SETS } from './fourthSealedScripts';
import { THIRD_SEALED_TEXT_SETS } from './thirdSealedScripts';
import { scoreTextAnswers, type TextMistake, type TypedCounts } from './textEvaluation';
import { TEXT_ONLY_SETS } from './textScripts';
import { TRAINING_TEXT_SETS } from './trainingScripts';

export const SENTENCES_PER_TEXT_ANSWER = 4;

type Scored = { counts: TypedCounts; mistakes: TextMistake[] };
export type TextSplits = {
  /** Every tuning script: the rendered tuning sets, the text-only ones and the classifier's training sets. */
  tuning: Scored;
  /** Every held-out script: the goals are judged on this. */
  heldOut: Scored;
  /** The held-out sets that are also rendered to audio ("explainer", "chat"). */
  heldOutRendered: Scored;
  /** The text-only held-out sets (textScripts.ts). */
  heldOutTextOnly: Scored;
  /** The first sealed sets: their misses are published, so they no longer judge anything unseen. */
  sealed: Scored;
  /** The second sealed sets: measured once each before and after the classifier, then trained on. */
  sealed2: Scored;
  /** The third sealed sets: measured once after the classifier landed, then trained on. */
  sealed3: Scored;
  /** The fourth sealed sets, written before the classifier was retrained on the first three: unseen. */
  sealed4: Scored;
};

const answers = (sets: readonly { sentences: readonly string[] }[]): string[] =>
  sets.flatMap((s) => answersOf(s, SENTENCES_PER_TEXT_ANSWER));

export function textSplits(): TextSplits {
  const renderedTuning = SCRIPT_SETS.filter((s) => isTuningScriptSet(s.name));
  const renderedHeldOut = SCRIPT_SETS.filter((s) => !isTuningScriptSet(s.name));
  const textTuning = TEXT_ONLY_SETS.filter((s) => s.split === 'tuning');
  const textHeldOut = TEXT_ONLY_SETS.filter((s) => s.split === 'held-out');
  return {
    tuning: scoreTextAnswers(answers([...renderedTuning, ...textTuning, ...TRAINING_TEXT_SETS])),
    heldOut: scoreTextAnswers(answers([...renderedHeldOut, ...textHeldOut])),
    heldOutRendered: scoreTextAnswers(answers(renderedHeldOut)),
    heldOutTextOnly: scoreTextAnswers(answers(textHeldOut)),
    sealed: scoreTextAnswers(answers(SEALED_TEXT_SETS)),
    sealed2: scoreTextAnswers(answers(SECOND_SEALED_TEXT_SETS)),
    sealed3: scoreTextAnswers(answers(THIRD_SEALED_TEXT_SETS)),
    sealed4: scoreTextAnswers(answers(FOURTH_SEALED_TEXT_SETS)),
  };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const pr = (c: Counts): string => {
  const r = rates(c);
  return `${pct(r.precision)} / ${pct(r.recall)} (${c.truePositives + c.falseNegatives})`;
};

export const TEXT_COLUMNS = [
  ['tuning', 'tuning'],
  ['heldOut', 'held-out, all'],
  ['heldOutRendered', 'held-out: explainer, chat'],
  [
    'heldOutTextOnly',
    `held-out: ${TEXT_ONLY_SETS.filter((s) => s.split === 'held-out')
      .map((s) => s.name)
      .join(', ')}`,
  ],
  ['sealed', 'first sealed sets (now trained on)'],
  ['sealed2', 'second sealed sets (now trained on)'],
  ['sealed3', 'third sealed sets (now trained on)'],
  ['sealed4', 'fourth sealed sets (unseen)'],
] as const;

export function textTableMarkdown(
  splits: TextSplits,
  columns: readonly (typeof TEXT_COLUMNS)[number][] = TEXT_COLUMNS,
): string[] {
  const rows = (['overall', ...FILLER_TYPES] as const).map(
    (type) => `| ${type} | ${columns.map(([key]) => pr(splits[key].counts[type])).join(' | ')} |`,
  );
  return [
    `| filler type | ${columns.map(([, title]) => `${title}: precision / recall (fillers)`).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
    ...rows,
  ];
}

// A direct run leaves the unseen sealed sets out unless `--sealed4` is given, and never
// lists their mistakes: whoever changes the rules must not see them, or they stop measuring unseen wording.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const splits = textSplits();
  const columns = TEXT_COLUMNS.filter(([key]) => key !== 'sealed4' || process.argv.includes(`--${key}`));
  console.log(textTableMarkdown(splits, columns).join('\n'));
  for (const key of ['tuning', 'heldOut', 'sealed'] as const) {
    console.log(`\n${key} mistakes (${splits[key].mistakes.length}):`);
    for (const m of splits[key].mistakes) console.log(`- ${m.kind} ${m.type}: ${m.context}`);
  }
}
