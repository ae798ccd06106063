// `coach analyze`: streams a recording through the app the desktop and `coach serve` assemble
// (createCoachApp: FRAME_MS PCM frames → live sliding window → final pass → scores → saved session),
// so the model and language chosen in Settings apply here too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeAudioFile } from '../../core/audio/decodeFile';
import { samplesToSec } from '../../core/audio/pcm';
import { parseTranscriptJson } from '../../core/asr/transcriptImport';
import { computeAnswerReport } from '../../core/coaching/answerReport';
import type { DataPaths } from '../../core/dataPaths';
import { analyzeRecording } from '../../core/practice/analyzeRecording';
import { resolveTarget } from '../../core/practice/targetLength';
import type { QuestionCatalog } from '../../core/questions/questionCatalog';
import { targetLengthSchema } from '../../shared/coachingSchemas';
import {
  QUESTION_KINDS,
  type AnswerResult,
  type Question,
  type QuestionKind,
  type TargetLength,
} from '../../shared/domain';
import { LANGUAGE_CODES } from '../../shared/modelsContract';
import { formatAnswerReport } from '../formatReport';
import { analyzeAudioWithTranscript } from './analyzeWithTranscript';
import type { Command, Io } from '../io';
import { openCliApp } from '../openApp';

export const analyzeCommand: Command = {
  usage: `coach analyze <audio file> [--json] [--no-save] [--question "text"] [--model path] [--realtime]
                [--language de|auto|…] (multilingual models; default: the language set in the app)
                [--question-id id | --kind behavioural|situational|motivational|technical-communication]
                [--target 60-120]
  coach analyze --transcript <transcript.json> [--json] [--question-id id | --kind …] [--target 60-120]
  coach analyze <audio file> --transcript <transcript.json> [--json] [--question-id id | --kind …] [--target 60-120]
      (the full analysis, acoustic detectors included, with the given words instead of transcribing; not saved)`,
  run: analyze,
};

async function analyze(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'no-save': { type: 'boolean', default: false },
      transcript: { type: 'string' },
      question: { type: 'string' },
      model: { type: 'string' },
      language: { type: 'string' },
      realtime: { type: 'boolean', default: false },
      'question-id': { type: 'string' },
      kind: { type: 'string' },
      target: { type: 'string' },
    },
  });
  const target = values.target === undefined ? undefined : parseTarget(values.target);
  if (values.language !== undefined && !LANGUAGE_CODES.includes(values.language)) {
    io.err(
      `coach analyze: --language ${values.language} is not a language Whisper knows (e.g. en, de, fr, auto)`,
    );
    return 2;
  }
  if (values.transcript && positionals[0]) {
    const coach = openCliApp({});
    let question: Question | null;
    let resolved: TargetLength;
    try {
      question = resolveQuestion(coach.catalog, values);
      resolved = resolveTarget(target, question, coach.settings);
    } finally {
      await coach.close();
    }
    const result = await analyzeAudioWithTranscript({
      audioFile: positionals[0],
      transcriptFile: values.transcript,
      question,
      target: resolved,
    });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else {
      const title = question ? question.text : `Recording: ${path.basename(positionals[0])}`;
      io.out(
        formatAnswerReport({
          title,
          words: result.words,
          report: result.report,
        }),
      );
    }
    return 0;
  }
  if (values.transcript) {
    const coach = openCliApp({});
    try {
      const question = resolveQuestion(coach.catalog, values);
      const resolved = resolveTarget(target, question, coach.settings);
      return analyzeTranscript(values.transcript, values.json, io, question, resolved);
    } finally {
      await coach.close();
    }
  }
  const file = positionals[0];
  if (!file) {
    io.err(
      `coach analyze: give an audio file or --transcript <file.json>\n\nUsage:\n  ${analyzeCommand.usage}`,
    );
    return 2;
  }
  const samples = await decodeAudioFile(file);
  const save = !values['no-save'];
  const scratch = save ? undefined : mkdtempSync(path.join(os.tmpdir(), 'coach-nosave-'));
  const progress = progressPrinter(io, samplesToSec(samples.length));
  const coach = openCliApp({
    modelPath: values.model,
    language: values.language,
    scratchDir: scratch,
    events: {
      caption: (u) => progress(u.audioSec),
      answerError: (e) => io.err(`warning: ${e.message}`),
    },
  });
  try {
    const question = resolveQuestion(coach.catalog, values);
    const questionText = question?.text ?? values.question ?? `Recording: ${path.basename(file)}`;
    const result = await analyzeRecording(
      coach.service,
      samples,
      {
        questionId: question?.id ?? 'imported',
        questionText,
        ...(question ? { question } : {}),
        ...(target ? { target } : {}),
      },
      { realtime: values.realtime },
    );
    progress.done();
    const model = coach.engine.status.state === 'ready' ? coach.engine.status.modelPath : null;
    if (values.json) {
      io.out(JSON.stringify(jsonReport(result, save ? result.sessionId : null, coach.paths, model), null, 2));
    } else {
      io.out(
        formatAnswerReport({
          title: questionText,
          words: result.words,
          report: result.report,
          savedAs: save ? result.sessionId : undefined,
        }),
      );
    }
    return 0;
  } finally {
    await coach.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function jsonReport(result: AnswerResult, sessionId: string | null, paths: DataPaths, model: string | null) {
  return {
    sessionId,
    answerId: result.answerId,
    saved: sessionId !== null,
    audioPath: sessionId ? result.audioPath : null,
    dataDir: sessionId ? paths.dataDir : null,
    durationSec: result.report.durationSec,
    text: result.text,
    words: result.words,
    report: result.report,
    /** The speech model that transcribed it: --model, COACH_WHISPER_MODEL, else Settings → Models. */
    model,
  };
}

function analyzeTranscript(
  file: string,
  json: boolean,
  io: Io,
  question: Question | null,
  target: TargetLength,
): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Could not read ${file} as JSON: ${(err as Error).message}`);
  }
  const words = parseTranscriptJson(raw);
  const durationSec = words.length ? words[words.length - 1]!.endSec : 0;
  const report = computeAnswerReport({ words, durationSec, question, target });
  const text = words.map((w) => w.text).join(' ');
  if (json) io.out(JSON.stringify({ durationSec, text, words, report }, null, 2));
  else {
    const title = question ? question.text : `Transcript: ${path.basename(file)}`;
    io.out(formatAnswerReport({ title, words, report }));
  }
  return 0;
}

/** --question-id picks a bank (or custom) question; --kind describes an ad-hoc one for the structure check. */
function resolveQuestion(
  catalog: QuestionCatalog,
  values: { 'question-id'?: string | undefined; kind?: string | undefined; question?: string | undefined },
): Question | null {
  const id = values['question-id'];
  if (id !== undefined) {
    const found = catalog.get(id);
    if (!found) throw new Error(`No question with id ${id}; see resources/questions.json for the ids`);
    return found;
  }
  if (values.kind === undefined) return null;
  if (!(QUESTION_KINDS as readonly string[]).includes(values.kind)) {
    throw new Error(`--kind must be one of ${QUESTION_KINDS.join(', ')}`);
  }
  return { id: 'imported', kind: values.kind as QuestionKind, text: values.question ?? 'Imported answer' };
}

function parseTarget(raw: string): TargetLength {
  const match = /^(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)$/.exec(raw.trim());
  const parsed = match
    ? targetLengthSchema.safeParse({ minSec: Number(match[1]), maxSec: Number(match[2]) })
    : null;
  if (!parsed?.success)
    throw new Error(`--target must look like 60-120 (seconds, shortest first); got ${raw}`);
  return parsed.data;
}

/** Progress on stderr for people watching a terminal; silent when piped. */
function progressPrinter(io: Io, totalSec: number): ((sec: number) => void) & { done: () => void } {
  const tty = process.stderr.isTTY;
  let last = -1;
  const fn = (sec: number) => {
    const pct = Math.floor((sec / Math.max(totalSec, 0.001)) * 100);
    if (tty && pct !== last) process.stderr.write(`\rTranscribing… ${pct}%`);
    last = pct;
  };
  return Object.assign(fn, {
    done: () => {
      if (tty) process.stderr.write('\rTranscribing… done.        \n');
      void io;
    },
  });
}
