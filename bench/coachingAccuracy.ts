// Accuracy of the coaching detectors on speech they were not tuned on (issue 14). The corpus
// (bench/coachingCorpus/) holds interview answers from four independently written script sets, spoken by
// twelve voices of three synthesisers in four voice families, at three speeds, through six room and
// microphone conditions, with every word's and filler's time known.
//   - Text detector: tuned on the "stories" and "retro" scripts; held out: "explainer" and "chat".
//   - Acoustic detector: leave-one-voice-family-out. For each family, the classifier (and, for comparison,
//     hand thresholds) is fitted on the other three families' tuning-script answers and judged on the left-out
//     family's "explainer" and "chat" answers, with word timings jittered ±0.1 s.
//   - Pace: every answer, against the true rate of real words.
// Prints the tuning and held-out tables side by side, writes bench/coaching-accuracy.json and its section
// of docs/benchmarks.md. `--write-model` also refits the shipped classifier on every family's tuning
// answers and writes src/core/coaching/filledPauseWeights.ts.
//
//   npm run bench:coaching [-- --write-model]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePace } from '../src/core/coaching/answerReport';
import { holdsOneNote } from '../src/core/coaching/filledPauseDetector';
import { FEATURE_NAMES, fillerProbability, type LogisticModel } from '../src/core/coaching/filledPauseModel';
import { FILLED_PAUSE_MODEL } from '../src/core/coaching/filledPauseWeights';
import type { FilledPauseCandidate, Word } from '../src/shared/domain';
import {
  BENCHMARKS_MD,
  machineInfo,
  sectionMarkers,
  writeBenchmarkJson,
  writeBenchmarkSection,
  writeFormatted,
} from './benchDocs';
import { addCounts, jitterWords, rates, ZERO_COUNTS, type Counts } from './coachingEvaluation';
import { scoreAnswerCandidates, STRESS_DROPPED_WORD_SHARE } from './coachingCorpus/acousticEvaluation';
import { answerRuns, type AnswerRuns } from './coachingCorpus/acousticRuns';
import { ensureCorpus } from './coachingCorpus/corpus';
import {
  gridOf,
  HAND_THRESHOLD_GRID,
  passesThresholds,
  type HandThresholds,
} from './coachingCorpus/handThresholds';
import type { AnswerTruth } from './coachingCorpus/renderAnswer';
import { isTuningScriptSet, SCRIPT_SETS, TUNING_SCRIPT_SETS } from './coachingCorpus/scripts';
import { SEALED_TEXT_SETS, SECOND_SEALED_TEXT_SETS } from './coachingCorpus/sealedScripts';
import { FOURTH_SEALED_TEXT_SETS } from './coachingCorpus/fourthSealedScripts';
import { THIRD_SEALED_TEXT_SETS } from './coachingCorpus/thirdSealedScripts';
import { textSplits, textTableMarkdown } from './coachingCorpus/textSplits';
import { TEXT_ONLY_SETS } from './coachingCorpus/textScripts';
import { trainTextFillerModels } from './coachingCorpus/trainTextFiller';
import { TRAINING_TEXT_SETS } from './coachingCorpus/trainingScripts';
import { trainLogistic, type LabelledRun } from './coachingCorpus/trainFilledPause';
import { VOICE_FAMILIES, VOICES } from './coachingCorpus/synthesis';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_JSON = path.join(ROOT, 'bench', 'coaching-accuracy.json');
const WEIGHTS_TS = path.join(ROOT, 'src', 'core', 'coaching', 'filledPauseWeights.ts');
const SECTION = 'coaching-accuracy';
const { start: SECTION_START, end: SECTION_END } = sectionMarkers(SECTION);
const TUNING_SETS_TEXT = TUNING_SCRIPT_SETS.map((name) => `"${name}"`).join(' and ');
/** Hand thresholds must keep this precision on the tuning runs; the most recall among those wins. */
const HAND_TUNING_PRECISION = 0.95;

const pct = (x: number): string => `${Math.round(x * 100)}%`;

// ---------- acoustic ----------

type Detector = (runs: readonly LabelledRun[]) => FilledPauseCandidate[];

function classifierDetector(model: LogisticModel): Detector {
  return (runs) =>
    runs
      .filter((r) => holdsOneNote(r.features) && fillerProbability(model, r.features) >= model.threshold)
      .map((r) => ({ ...r.features, confidence: 1 }));
}

function thresholdDetector(t: HandThresholds): Detector {
  return (runs) =>
    runs.filter((r) => passesThresholds(r.features, t)).map((r) => ({ ...r.features, confidence: 1 }));
}

type AcousticScore = Counts & { fillers: number; found: number; shortFillers: number; shortFound: number };
const ZERO_SCORE: AcousticScore = { ...ZERO_COUNTS, fillers: 0, found: 0, shortFillers: 0, shortFound: 0 };

function scoreDetector(answers: readonly AnswerRuns[], detect: Detector): AcousticScore {
  let score = ZERO_SCORE;
  for (const { truth, runs } of answers) {
    const s = scoreAnswerCandidates(detect(runs), truth);
    score = {
      ...addCounts(score, s),
      fillers: score.fillers + truth.vocalFillers.length,
      found: score.found + truth.vocalFillers.length - s.falseNegatives,
      shortFillers: score.shortFillers + s.shortTotal,
      shortFound: score.shortFound + s.shortFound,
    };
  }
  return score;
}

function addScores(a: AcousticScore, b: AcousticScore): AcousticScore {
  return {
    ...addCounts(a, b),
    fillers: a.fillers + b.fillers,
    found: a.found + b.found,
    shortFillers: a.shortFillers + b.shortFillers,
    shortFound: a.shortFound + b.shortFound,
  };
}

function tuneThresholds(answers: readonly AnswerRuns[]): HandThresholds {
  let best: { t: HandThresholds; recall: number; precision: number } | null = null;
  for (const t of gridOf(HAND_THRESHOLD_GRID)) {
    const r = rates(scoreDetector(answers, thresholdDetector(t)));
    const ok = r.precision >= HAND_TUNING_PRECISION;
    if (!best || (ok && (best.precision < HAND_TUNING_PRECISION || r.recall > best.recall))) {
      best = { t, recall: r.recall, precision: r.precision };
    } else if (!ok && best.precision < HAND_TUNING_PRECISION && r.precision > best.precision) {
      best = { t, recall: r.recall, precision: r.precision };
    }
  }
  return best!.t;
}

const isTuningAnswer = (t: AnswerTruth) => isTuningScriptSet(t.scriptSet);

function acousticEvaluation(all: readonly AnswerRuns[], stressed: readonly AnswerRuns[]) {
  const perFamily = VOICE_FAMILIES.map((family) => {
    const train = all.filter((a) => a.truth.family !== family && isTuningAnswer(a.truth));
    const test = all.filter((a) => a.truth.family === family && !isTuningAnswer(a.truth));
    const stressTest = stressed.filter((a) => a.truth.family === family && !isTuningAnswer(a.truth));
    const model = trainLogistic(train.flatMap((a) => a.runs));
    const thresholds = tuneThresholds(train);
    return {
      family,
      voices: VOICES.filter((v) => v.family === family).map((v) => v.id),
      classifier: {
        tuning: scoreDetector(train, classifierDetector(model)),
        heldOut: scoreDetector(test, classifierDetector(model)),
        heldOutDroppedWords: scoreDetector(stressTest, classifierDetector(model)),
      },
      thresholds: {
        tuning: scoreDetector(train, thresholdDetector(thresholds)),
        heldOut: scoreDetector(test, thresholdDetector(thresholds)),
        heldOutDroppedWords: scoreDetector(stressTest, thresholdDetector(thresholds)),
        chosen: thresholds,
      },
    };
  });
  const sum = (pick: (f: (typeof perFamily)[number]) => AcousticScore) =>
    perFamily.map(pick).reduce(addScores, ZERO_SCORE);
  const shipped = {
    tuning: scoreDetector(
      all.filter((a) => isTuningAnswer(a.truth)),
      classifierDetector(FILLED_PAUSE_MODEL),
    ),
    heldOutScripts: scoreDetector(
      all.filter((a) => !isTuningAnswer(a.truth)),
      classifierDetector(FILLED_PAUSE_MODEL),
    ),
  };
  return {
    perFamily,
    overall: {
      classifier: {
        tuning: sum((f) => f.classifier.tuning),
        heldOut: sum((f) => f.classifier.heldOut),
        heldOutDroppedWords: sum((f) => f.classifier.heldOutDroppedWords),
      },
      thresholds: {
        tuning: sum((f) => f.thresholds.tuning),
        heldOut: sum((f) => f.thresholds.heldOut),
        heldOutDroppedWords: sum((f) => f.thresholds.heldOutDroppedWords),
      },
    },
    shipped,
  };
}

const acousticCell = (s: AcousticScore): string => {
  const r = rates(s);
  return `${pct(r.precision)} / ${pct(s.fillers ? s.found / s.fillers : 1)} (${s.fillers}; short ${s.shortFound}/${s.shortFillers})`;
};

// ---------- pace ----------

type PaceRow = { id: string; scriptSet: string; trueWpm: number; measuredWpm: number; errorPct: number };

/** The transcript a recogniser gives: every word, lexical fillers included, timings jittered ±0.1 s. */
function paceRows(truths: readonly AnswerTruth[], withVocalFillers: boolean): PaceRow[] {
  return truths.map((truth, index) => {
    const spoken: Word[] = withVocalFillers
      ? [
          ...truth.words,
          ...truth.vocalFillers.map((f) => ({ text: f.text, startSec: f.startSec, endSec: f.endSec })),
        ].sort((a, b) => a.startSec - b.startSec)
      : truth.words;
    const words = jitterWords(spoken, 0.1, 101 + index);
    const measuredWpm = analyzePace(words).wordsPerMinute;
    return {
      id: truth.id,
      scriptSet: truth.scriptSet,
      trueWpm: truth.wordsPerMinute,
      measuredWpm,
      errorPct: ((measuredWpm - truth.wordsPerMinute) / truth.wordsPerMinute) * 100,
    };
  });
}

function paceSummary(rows: readonly PaceRow[]) {
  const abs = rows.map((r) => Math.abs(r.errorPct)).sort((a, b) => a - b);
  const worst = rows.reduce((w, r) => (Math.abs(r.errorPct) > Math.abs(w.errorPct) ? r : w), rows[0]!);
  return {
    answers: rows.length,
    medianAbsPct: abs[Math.floor(abs.length / 2)] ?? 0,
    maxAbsPct: abs.at(-1) ?? 0,
    worst,
  };
}

// ---------- main ----------

async function main(): Promise<void> {
  const started = performance.now();
  const writeModel = process.argv.includes('--write-model');
  const truths = await ensureCorpus({ log: (line) => console.error(line) });
  const text = textSplits();
  const textClassifier = trainTextFillerModels();
  const runs = answerRuns(truths);
  const stressedRuns = answerRuns(truths, { droppedShare: STRESS_DROPPED_WORD_SHARE });
  if (writeModel) {
    const model = trainLogistic(runs.filter((a) => isTuningAnswer(a.truth)).flatMap((a) => a.runs));
    await writeWeights(model);
    console.error(`wrote ${path.relative(ROOT, WEIGHTS_TS)}; run again to measure it`);
  }
  const acoustic = acousticEvaluation(runs, stressedRuns);
  const paceDropped = paceRows(truths, false);
  const paceWritten = paceRows(truths, true);
  const pace = {
    vocalFillersDropped: paceSummary(paceDropped),
    vocalFillersWritten: paceSummary(paceWritten),
    tuningScripts: paceSummary(
      [...paceDropped, ...paceWritten].filter((r) => isTuningScriptSet(r.scriptSet)),
    ),
    heldOutScripts: paceSummary(
      [...paceDropped, ...paceWritten].filter((r) => !isTuningScriptSet(r.scriptSet)),
    ),
  };

  const corpusSec = truths.reduce((s, t) => s + t.durationSec, 0);
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const textOverall = rates(text.heldOut.counts.overall);
  const textLike = rates(text.heldOut.counts.like);
  const sealedOverall = rates(text.sealed.counts.overall);
  const sealedLike = rates(text.sealed.counts.like);
  const newLike = rates(text.heldOutTextOnly.counts.like);
  const sealed2Overall = rates(text.sealed2.counts.overall);
  const sealed2Like = rates(text.sealed2.counts.like);
  const sealed3Overall = rates(text.sealed3.counts.overall);
  const sealed3Like = rates(text.sealed3.counts.like);
  const sealed4Overall = rates(text.sealed4.counts.overall);
  const sealed4Like = rates(text.sealed4.counts.like);
  const textOnlyHeldOutNames = TEXT_ONLY_SETS.filter((s) => s.split === 'held-out')
    .map((s) => `"${s.name}"`)
    .join(', ');
  const heldOutAcoustic = acoustic.overall.classifier.heldOut;
  const acousticPrecision = rates(heldOutAcoustic).precision;
  const acousticRecall = heldOutAcoustic.fillers ? heldOutAcoustic.found / heldOutAcoustic.fillers : 1;
  const paceMax = Math.max(pace.vocalFillersDropped.maxAbsPct, pace.vocalFillersWritten.maxAbsPct);
  const goals = [
    `- Text, held out, overall: precision ${pct(textOverall.precision)}, recall ${pct(textOverall.recall)} (goal ≥ 95% / ≥ 90%): ${met(textOverall.precision >= 0.95 && textOverall.recall >= 0.9)}.`,
    `- Text, held out, "like": precision ${pct(textLike.precision)}, recall ${pct(textLike.recall)} (goal ≥ 95% / ≥ 90%): ${met(textLike.precision >= 0.95 && textLike.recall >= 0.9)}.`,
    `- Text, held out, text-only sets written after the first sealed sets (${textOnlyHeldOutNames}), "like": precision ${pct(newLike.precision)}, recall ${pct(newLike.recall)}: ${met(newLike.precision >= 0.95 && newLike.recall >= 0.9)}.`,
    `- Text, first sealed sets (public since their misses were listed; see below), overall: precision ${pct(sealedOverall.precision)}, recall ${pct(sealedOverall.recall)}; "like": precision ${pct(sealedLike.precision)}, recall ${pct(sealedLike.recall)}. Rules written after their misses were read: no longer a measure of unseen speech.`,
    `- Text, fourth sealed sets (written before the classifier was retrained on the first three, measured once after; the honest figure), overall: precision ${pct(sealed4Overall.precision)}, recall ${pct(sealed4Overall.recall)}: ${met(sealed4Overall.precision >= 0.95 && sealed4Overall.recall >= 0.9)}; "like": precision ${pct(sealed4Like.precision)}, recall ${pct(sealed4Like.recall)}: ${met(sealed4Like.precision >= 0.95 && sealed4Like.recall >= 0.9)}.`,
    `- Text, second and third sealed sets, each measured once while unseen (second: 98% / 92% overall, 97% / 89% "like"; third: 100% / 91% and 100% / 91%), now trained on: second ${pct(sealed2Overall.precision)} / ${pct(sealed2Overall.recall)} overall, ${pct(sealed2Like.precision)} / ${pct(sealed2Like.recall)} "like"; third ${pct(sealed3Overall.precision)} / ${pct(sealed3Overall.recall)} and ${pct(sealed3Like.precision)} / ${pct(sealed3Like.recall)}.`,
    `- Acoustic, held-out families, ±0.1 s jitter: precision ${pct(acousticPrecision)}, recall ${pct(acousticRecall)} (goal ≥ 90% / ≥ 80%): ${met(acousticPrecision >= 0.9 && acousticRecall >= 0.8)}.`,
    `- Pace, every answer: max error ${paceMax.toFixed(1)}% (goal ≤ 5%): ${met(paceMax <= 5)}.`,
  ];
  const md = [
    SECTION_START,
    '## Coaching detectors on speech they were not tuned on (issue 14)',
    '',
    `Measured by \`npm run bench:coaching\` (bench/coachingAccuracy.ts; numbers in \`bench/coaching-accuracy.json\`) on ${machineInfo().cpu}, ${new Date().toISOString().slice(0, 10)}.`,
    `Corpus (bench/coachingCorpus/, rendered into .cache/coaching-corpus): ${truths.length} answers, ${(corpusSec / 60).toFixed(1)} min, from ${SCRIPT_SETS.length} independently written script sets`,
    `(${SCRIPT_SETS.map((s) => `"${s.name}": ${s.style}`).join('; ')}) spoken by ${VOICES.length} voices in ${VOICE_FAMILIES.length} families`,
    `(${VOICE_FAMILIES.map(
      (f) =>
        `${f}: ${VOICES.filter((v) => v.family === f)
          .map((v) => v.id)
          .join(', ')}`,
    ).join('; ')}),`,
    'at 0.85×, 1× and 1.2× speed, each answer through one of: clean, room noise, reverb, −22 dB level, 50/60 Hz hum, laptop-mic band limit (250–3600 Hz, compressed).',
    'Words are rendered one by one and concatenated with known gaps (the engines print no word timings), so the truth is exact; short "um/uh" (0.15–0.3 s) sit inside phrases, drawn-out ones (0.4–0.9 s) between them.',
    "mbrola voices are not in Debian's main archive here, so they are missing.",
    '',
    '### Goals',
    '',
    ...goals,
    '',
    '### Text filler detector (wink-nlp part-of-speech tags, context rules and a classifier trained on labelled context)',
    '',
    `Tuning: the ${TUNING_SETS_TEXT} scripts and the text-only ${TEXT_ONLY_SETS.filter(
      (s) => s.split === 'tuning',
    )
      .map((s) => `"${s.name}" (${s.style})`)
      .join(
        ', ',
      )}, and the ${TRAINING_TEXT_SETS.length} sets written for the classifier (bench/coachingCorpus/trainingScripts*.ts: ${TRAINING_TEXT_SETS.map((s) => s.style).join('; ')}). Held out: "explainer" and "chat" (rendered; their misses were listed here and the "retro" tuning set was written to cover those kinds of error, so that column flatters the detector) and the text-only ${TEXT_ONLY_SETS.filter(
      (s) => s.split === 'held-out',
    )
      .map((s) => `"${s.name}" (${s.style})`)
      .join(
        ', ',
      )} (bench/coachingCorpus/textScripts.ts, written before the rules of the second "like" revision and measured before and after it). First sealed sets: ${SEALED_TEXT_SETS.length} sets (${SEALED_TEXT_SETS.map((s) => s.style).join('; ')}; bench/coachingCorpus/sealedScripts.ts), written by another author and never shown to the rule author until their misses were listed here. Second sealed sets: ${SECOND_SEALED_TEXT_SETS.length} sets (${SECOND_SEALED_TEXT_SETS.map((s) => s.style).join('; ')}), written by the lead before the second "like" revision landed and never shown to its author or to the classifier's, measured once before and once after the classifier. Third sealed sets: ${THIRD_SEALED_TEXT_SETS.length} sets (${THIRD_SEALED_TEXT_SETS.map((s) => s.style).join('; ')}; bench/coachingCorpus/thirdSealedScripts.ts), written by the lead while the classifier was built, kept outside the repository until it had landed, and measured once. Once measured, the first three sealed sets became training data for the classifier (trainTextFiller.ts). Fourth sealed sets: ${FOURTH_SEALED_TEXT_SETS.length} sets (${FOURTH_SEALED_TEXT_SETS.map((s) => s.style).join('; ')}; bench/coachingCorpus/fourthSealedScripts.ts), written by the lead before that retraining, kept outside the repository until the retrained weights had landed, and measured once: their misses are not listed here, and a later change needs a fifth set. Each answer is scored twice, punctuated and cased, and as bare lower-case words (Whisper gives both).`,
    'Labelling, the same in every set: quotative "be like" ("she was like, why…") introduces reported speech as "said" would and is not a filler; "like" before an emphasised noun phrase after a copula ("is like my biggest supporter") is, before a plain simile ("is like a big sister") it is not.',
    '',
    `How it decides: vocal fillers always count. Each lexical phrase has a context rule over wink-nlp's part-of-speech tags (lexicalFillerRules.ts, likeFiller.ts). For ${Object.keys(
      textClassifier.models,
    )
      .map((g) => `"${g}"`)
      .join(
        ', ',
      )} a logistic-regression classifier decides with its rule (lexicalFillerModel.ts). It reads sparse binary features of the context (lexicalFillerFeatures.ts): part-of-speech tags at −2…+2 with every "like" left out, the words themselves only where they are function words, grammatical word classes (forms of "be" and "have", modals, verbs of seeming, numbers and amounts…), word endings, tag pairs, punctuation and clause breaks, the phrase's place in the sentence and the answer, and the rule's own verdict. It never sees the open-class words themselves, so it learns grammar, not vocabulary. A phrase the rule counts stays counted unless the classifier gives it less than the "veto" probability; one the rule leaves is counted when the classifier gives it at least the "add" probability. Its weights (lexicalFillerWeights.ts) are fitted by \`node bin/run-ts.mjs bench/coachingCorpus/trainTextFiller.ts --write\` on the tuning sets only. The regularisation and both thresholds are chosen by leave-one-set-out cross-validation, keeping at least the rules' precision (or 95%). A phrase group is shipped only where, held out, the classifier beats its rule with precision weighed double (F0.5).`,
    '',
    ...textClassifier.table,
    '',
    ...textTableMarkdown(text),
    '',
    `Held-out misses and false hits (${text.heldOut.mistakes.length}):`,
    '',
    ...text.heldOut.mistakes.map((m) => `- ${m.kind} ${m.type}: \`${m.context}\``),
    '',
    `First sealed sets' misses and false hits (${text.sealed.mistakes.length}):`,
    '',
    ...text.sealed.mistakes.map((m) => `- ${m.kind} ${m.type}: \`${m.context}\``),
    '',
    '### Acoustic filled-pause detector (vocal fillers missing from the transcript), word timings jittered ±0.1 s',
    '',
    'Leave-one-voice-family-out: each row is fitted on the other families\' tuning-script answers ("tuning" column: scored on those same answers; the all-families row sums the four folds, so each tuning answer counts three times) and judged on its own family\'s "explainer" and "chat" answers ("held-out", each answer once). Cells: precision / recall (fillers; short 0.15–0.3 s ones found). Hand thresholds: the same features, each with a bound, picked from a small grid for the most recall at ≥ 95% precision on the tuning answers.',
    '',
    '| held-out family | classifier: tuning | classifier: held-out | hand thresholds: tuning | hand thresholds: held-out |',
    '| --- | --- | --- | --- | --- |',
    ...acoustic.perFamily.map(
      (f) =>
        `| ${f.family} | ${acousticCell(f.classifier.tuning)} | ${acousticCell(f.classifier.heldOut)} | ${acousticCell(f.thresholds.tuning)} | ${acousticCell(f.thresholds.heldOut)} |`,
    ),
    `| **all families** | ${acousticCell(acoustic.overall.classifier.tuning)} | **${acousticCell(acoustic.overall.classifier.heldOut)}** | ${acousticCell(acoustic.overall.thresholds.tuning)} | ${acousticCell(acoustic.overall.thresholds.heldOut)} |`,
    '',
    `Stress condition, the same fitted detectors on the held-out answers with ${STRESS_DROPPED_WORD_SHARE * 100}% of the words also missing from the transcript (recognisers drop words too, and a dropped "a" sounds much like "uh"): classifier ${acousticCell(acoustic.overall.classifier.heldOutDroppedWords)}; hand thresholds ${acousticCell(acoustic.overall.thresholds.heldOutDroppedWords)}.`,
    '',
    `The shipped classifier (src/core/coaching/filledPauseWeights.ts, fitted on every family's tuning-script answers): tuning answers ${acousticCell(acoustic.shipped.tuning)}; held-out scripts ${acousticCell(acoustic.shipped.heldOutScripts)} (these voices were seen in tuning, so the table above is the honest figure).`,
    `Features: ${FEATURE_NAMES.join(', ')}.`,
    "Candidates are runs of frames with a pitch or, just above YIN's voicing threshold, periodic and loud (reverb, laptop microphones and some voices leave a held \"uh\" there), split at quiet frames and pitch jumps; the detector scores only runs that hold one note, are mostly voiced, stand out of the background and do not carry on the note of the voice just before them (a word's held end or its reverb). Each gate is set from the tuning answers' fillers.",
    '',
    '### History (held-out figures)',
    '',
    '- Before the "retro" tuning scripts, likeFiller.ts and the acoustic changes above (main at ba1e330): text overall 96% / 96%, "like" 100% / 83% (missed "the load balancer like spreads", "it is like the only tool"), "so" 80% precision, basically/actually/literally 86% precision; acoustic 93% / 68% (short 20/36), per family espeak-formant 86% / 75%, flite-clustergen 100% / 88%, cmu-slt 100% / 55%, diphone 100% / 57%.',
    '- Second "like" revision (amounts after "to", "an" and manner verbs, a bare verb after a modal or "do", emphatic noun phrases after a copula, a finite "be"/"have" after a subject, between a verb and its object ("got like complaints"), quotative "be like", inverted questions) and "you know"/"I mean" before a determiner or possessive read as taking an object, "so" before an interjection as a run-up: "like" on the text-only held-out sets 93% / 81% → 100% / 97%, on every held-out set 95% / 86% → 100% / 98%; overall held out 97% / 93% → 100% / 98%; "you know" held out 89% / 89% → 100% / 89%. The first sealed sets, whose misses were public by then: "like" 100% / 87% → 100% / 100%, overall 97% / 93% → 100% / 97% ("you know" there 67% / 67% → 100% / 50%: a bare "you know a two line email…" now reads as an object).',
    '- The classifier (stop 21), measured once on each set while unseen: second sealed sets 97% / 89% → 98% / 92% overall, 94% / 83% → 97% / 89% "like" (rules → classifier); third sealed sets 100% / 91% overall and "like". Retrained (stop 22) with the first three sealed sets added to its training data (17 → 28 sets; leave-one-set-out "like" 95% / 90% before and after): the held-out columns did not move, and the fourth sealed sets, written before the retraining, measured once after it.',
    '- The held-out tables were looked at after each change to the acoustic features and gates (a handful of times), never to fit a weight or a threshold; the unseen judging set is the real test.',
    '',
    '### Pace (fillers never counted), transcript timings jittered ±0.1 s',
    '',
    '| transcript | answers | median error | max error | worst answer |',
    '| --- | --- | --- | --- | --- |',
    ...(
      [
        ['vocal fillers dropped (as Whisper)', pace.vocalFillersDropped],
        ['vocal fillers written as words', pace.vocalFillersWritten],
        ['tuning scripts (both)', pace.tuningScripts],
        ['held-out scripts (both)', pace.heldOutScripts],
      ] as const
    ).map(
      ([name, s]) =>
        `| ${name} | ${s.answers} | ${s.medianAbsPct.toFixed(1)}% | ${s.maxAbsPct.toFixed(1)}% | ${s.worst.id} (${s.worst.trueWpm.toFixed(0)} → ${s.worst.measuredWpm.toFixed(0)} wpm) |`,
    ),
    '',
    SECTION_END,
  ].join('\n');

  console.log(md);
  const result = {
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    corpus: { answers: truths.length, minutes: corpusSec / 60 },
    text,
    acoustic,
    pace,
    elapsedSec: (performance.now() - started) / 1000,
  };
  await writeBenchmarkJson(OUTPUT_JSON, result);
  writeBenchmarkSection(SECTION, md);
  console.error(`wrote ${path.relative(ROOT, OUTPUT_JSON)} and ${path.relative(ROOT, BENCHMARKS_MD)}`);
}

async function writeWeights(model: LogisticModel): Promise<void> {
  const round = (xs: readonly number[]) => xs.map((x) => Number(x.toFixed(5)));
  const source = `// Generated by \`npm run bench:coaching -- --write-model\` (bench/coachingAccuracy.ts): the filled-pause
// classifier fitted on the tuning-script answers of every voice family. Do not edit by hand.
import type { LogisticModel } from './filledPauseModel';

export const FILLED_PAUSE_MODEL: LogisticModel = ${JSON.stringify({
    means: round(model.means),
    scales: round(model.scales),
    weights: round(model.weights),
    bias: Number(model.bias.toFixed(5)),
    threshold: Number(model.threshold.toFixed(5)),
  })};
`;
  await writeFormatted(WEIGHTS_TS, source, 'typescript');
}

await main();
