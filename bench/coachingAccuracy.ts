// Accuracy of the coaching detectors on material with known answers:
//   1. the text filler detector on scripted transcripts with labelled fillers and context traps;
//   2. the acoustic filled-pause detector on espeak-ng answers (scripts/makeCoachingFixtures.ts) whose
//      fillers are left out of the transcript, as Whisper leaves them out, with exact word timings and
//      with timings jittered like an engine's; the held-out fixtures were never used to choose thresholds;
//   3. pace: words per minute from the analysis against the fixtures' true rate.
// Writes bench/coaching-accuracy.json and replaces its own section of docs/benchmarks.md.
//
//   node bin/run-ts.mjs bench/coachingAccuracy.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ensureCoachingFixtures, type FixtureTruth } from '../scripts/makeCoachingFixtures';
import { FILLER_TRANSCRIPTS } from '../tests/fixtures/coaching/fillerTranscripts';
import {
  fixtureAudio,
  meanAbsolute,
  rates,
  scoreAcousticDetector,
  scorePace,
  scoreTextDetector,
} from './coachingEvaluation';
import { analyzeVoice } from '../src/core/coaching/voiceMetrics';
import { BENCHMARKS_MD, sectionMarkers, writeBenchmarkSection } from './benchDocs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_JSON = path.join(ROOT, 'bench', 'coaching-accuracy.json');
const SECTION = 'coaching-accuracy';
const { start: SECTION_START, end: SECTION_END } = sectionMarkers(SECTION);
const JITTERS_SEC = [0, 0.05, 0.1, 0.15] as const;

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const round2 = (x: number): number => Math.round(x * 100) / 100;

function acousticRows(truths: readonly FixtureTruth[]) {
  return JITTERS_SEC.map((jitterSec) => {
    const withSpectrum = rates(scoreAcousticDetector(truths, jitterSec, true));
    const pitchOnly = rates(scoreAcousticDetector(truths, jitterSec, false));
    return { jitterSec, withSpectrum, pitchOnly };
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const fixtures = await ensureCoachingFixtures();
  const withFillers = fixtures.filter((f) => f.fillers.length > 0);
  const tuning = withFillers.filter((f) => !f.spec.heldOut);
  const heldOut = withFillers.filter((f) => f.spec.heldOut);

  const text = scoreTextDetector(FILLER_TRANSCRIPTS);
  const textRates = rates(text);
  const acousticTuning = acousticRows(tuning);
  const acousticHeldOut = acousticRows(heldOut);
  const cleanFalsePositives = scoreAcousticDetector(
    fixtures.filter((f) => f.fillers.length === 0),
    0.1,
  ).falsePositives;

  const paceExact = scorePace(fixtures, false, 0);
  const paceWhisperLike = scorePace(fixtures, true, 0.1);
  const paceNoFillers = scorePace(fixtures, false, 0.1);
  const voice = ['voice-monotone', 'voice-varied', 'voice-trailing'].map((name) => {
    const truth = fixtures.find((f) => f.name === name)!;
    const v = analyzeVoice(fixtureAudio(truth).track, truth.words);
    return {
      name,
      pitchVariationSemitones: round2(v.pitchVariationSemitones),
      monotone: v.monotone,
      trailingOffsFound: v.trailingOffs.map((t) => t.wordIndex),
      trailingOffsTrue: truth.quietWordIndexes,
    };
  });

  const result = {
    measuredAt: new Date().toISOString(),
    fixtures: fixtures.map((f) => ({
      name: f.name,
      heldOut: f.spec.heldOut ?? false,
      durationSec: round2(f.durationSec),
      words: f.words.length,
      fillers: f.fillers.length,
      droppedWords: f.droppedWords.length,
      trueWpm: round2(f.wordsPerMinute),
    })),
    textDetector: {
      transcripts: FILLER_TRANSCRIPTS.length,
      ...textRates,
      mistakes: text.mistakes,
    },
    acousticDetector: {
      tuning: acousticTuning,
      heldOut: acousticHeldOut,
      falsePositivesOnCleanAnswers: cleanFalsePositives,
    },
    pace: {
      exactTimingsMeanAbsErrorWpm: round2(meanAbsolute(paceExact.map((c) => c.errorWpm))),
      whisperLikeMeanAbsErrorWpm: round2(meanAbsolute(paceWhisperLike.map((c) => c.errorWpm))),
      jitterNoFillersMeanAbsErrorWpm: round2(meanAbsolute(paceNoFillers.map((c) => c.errorWpm))),
      cases: paceWhisperLike.map((c) => ({
        ...c,
        measuredWpm: round2(c.measuredWpm),
        errorWpm: round2(c.errorWpm),
      })),
    },
    voice,
  };
  // Formatted like the rest of the repository, so `prettier --check` stays clean after a run.
  const prettierOptions = (await resolveConfig(OUTPUT_JSON)) ?? {};
  writeFileSync(OUTPUT_JSON, await format(JSON.stringify(result), { ...prettierOptions, parser: 'json' }));

  const md = section(result);
  console.log(md);
  writeBenchmarkSection(SECTION, md);
  console.log(
    `\nwrote ${path.relative(ROOT, OUTPUT_JSON)} and ${path.relative(ROOT, BENCHMARKS_MD)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

type Result = {
  fixtures: { name: string; heldOut: boolean; fillers: number; droppedWords: number; trueWpm: number }[];
  textDetector: ReturnType<typeof rates> & { transcripts: number; mistakes: string[] };
  acousticDetector: {
    tuning: ReturnType<typeof acousticRows>;
    heldOut: ReturnType<typeof acousticRows>;
    falsePositivesOnCleanAnswers: number;
  };
  pace: {
    exactTimingsMeanAbsErrorWpm: number;
    whisperLikeMeanAbsErrorWpm: number;
    jitterNoFillersMeanAbsErrorWpm: number;
    cases: { name: string; trueWpm: number; measuredWpm: number; errorWpm: number }[];
  };
  voice: {
    name: string;
    pitchVariationSemitones: number;
    monotone: boolean;
    trailingOffsFound: number[];
    trailingOffsTrue: number[];
  }[];
};

function section(r: Result): string {
  const t = r.textDetector;
  const fillerCount = (heldOut: boolean) =>
    r.fixtures.filter((f) => f.heldOut === heldOut).reduce((n, f) => n + f.fillers, 0);
  const acousticTable = (rows: ReturnType<typeof acousticRows>) => [
    '| word-timing jitter | precision | recall | precision (pitch only) | recall (pitch only) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ±${row.jitterSec.toFixed(2)} s | ${pct(row.withSpectrum.precision)} (${row.withSpectrum.truePositives}/${row.withSpectrum.truePositives + row.withSpectrum.falsePositives}) | ${pct(row.withSpectrum.recall)} | ${pct(row.pitchOnly.precision)} | ${pct(row.pitchOnly.recall)} |`,
    ),
  ];
  return [
    SECTION_START,
    '## Coaching detectors: filler recall and precision, pace error',
    '',
    'Measured by `node bin/run-ts.mjs bench/coachingAccuracy.ts` (numbers in `bench/coaching-accuracy.json`). Audio',
    'fixtures are espeak-ng answers built by `scripts/makeCoachingFixtures.ts`: every word and every drawn-out',
    '"um/uh/er/erm/ah/hmm" is rendered separately and concatenated with known gaps, so their times are exact.',
    'Gaps also hold breath noise and words the transcript "dropped" (voiced sounds that are not fillers), and one',
    'fixture has a 120 Hz hum. Synthetic speech is cleaner than a person in a room: treat these as an upper bound.',
    '',
    `**Text detector** (${t.transcripts} scripted transcripts with labelled fillers, including context traps such as`,
    `"I like Python", "what I mean by", "as you know", "this kind of"): precision ${pct(t.precision)}, recall`,
    `${pct(t.recall)} (${t.truePositives} found, ${t.falsePositives} false, ${t.falseNegatives} missed).`,
    ...(t.mistakes.length
      ? ['Misses and false hits:', '', ...t.mistakes.map((m) => `- \`${m}\``), '']
      : ['']),
    `**Acoustic filled-pause detector** on the gaps between transcript words (fillers absent from the transcript,`,
    'as Whisper usually leaves them). Fixtures used while choosing the thresholds ' +
      `(${fillerCount(false)} fillers):`,
    '',
    ...acousticTable(r.acousticDetector.tuning),
    '',
    `Held-out fixtures, never looked at while choosing thresholds (${fillerCount(true)} fillers):`,
    '',
    ...acousticTable(r.acousticDetector.heldOut),
    '',
    `False alarms on the answers without fillers (±0.10 s jitter): ${r.acousticDetector.falsePositivesOnCleanAnswers}.`,
    '"Pitch only" switches off the spectral-stability check (see `src/core/coaching/spectralChange.ts`).',
    '',
    '**Pace**: mean absolute error of the analysis’s words per minute against the true rate (words only,',
    'over the speaking span):',
    '',
    `- exact timings: ${r.pace.exactTimingsMeanAbsErrorWpm} wpm;`,
    `- Whisper-like transcript (fillers written as words, timings jittered ±0.1 s): ${r.pace.whisperLikeMeanAbsErrorWpm} wpm;`,
    `- fillers dropped, timings jittered ±0.1 s: ${r.pace.jitterNoFillersMeanAbsErrorWpm} wpm.`,
    '',
    '| fixture | true wpm | measured (Whisper-like) | error |',
    '| --- | --- | --- | --- |',
    ...r.pace.cases.map(
      (c) =>
        `| ${c.name} | ${c.trueWpm.toFixed(1)} | ${c.measuredWpm.toFixed(1)} | ${c.errorWpm.toFixed(1)} |`,
    ),
    '',
    '**Voice**: ' +
      r.voice
        .map((v) =>
          v.name === 'voice-trailing'
            ? `trailing-off found at words [${v.trailingOffsFound.join(', ')}] (true: [${v.trailingOffsTrue.join(', ')}])`
            : `${v.name} ${v.pitchVariationSemitones} semitones, monotone=${v.monotone}`,
        )
        .join('; ') +
      '.',
    '',
    'Not measurable here: the effect of the disfluency prompt on what Whisper writes. The only model',
    'available offline is the synthetic one (random weights), whose words are meaningless; the prompt is',
    'passed to every live step and the final pass (tests/core/asr/whisperPrompt.test.ts).',
    SECTION_END,
  ].join('\n');
}

await main();
