// `coach analyze`: streams a recording through the same PracticeService pipeline the desktop app
// uses (200 ms PCM frames → live sliding window → final pass → scores → saved session).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeAudioFile } from '../../core/audio/decodeFile';
import { float32ToPcm16 } from '../../core/audio/pcm';
import { FRAME_SAMPLES, SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import { EngineHost } from '../../core/asr/engineHost';
import { parseTranscriptJson } from '../../core/asr/transcriptImport';
import { computeAnswerAnalysis } from '../../core/coaching/answerAnalysis';
import { analyzeAnswer } from '../../core/coaching/answerMetrics';
import { dataPaths, type DataPaths } from '../../core/dataPaths';
import { QUESTION_KINDS, type Question, type QuestionKind, type TargetLength } from '../../shared/domain';
import { loadQuestionBank } from '../../core/questions/questionBank';
import { QuestionCatalog, type CustomQuestionStore } from '../../core/questions/questionCatalog';
import { resourcesDir } from '../../core/resourcesDir';
import { CustomQuestionRepository } from '../../core/storage/customQuestionRepository';
import { openDatabase } from '../../core/storage/database';
import { PracticeService } from '../../core/practice/practiceService';
import { SessionRepository } from '../../core/storage/sessionRepository';
import { LiveWordStore } from '../../core/storage/liveWordStore';
import { SettingsStore } from '../../core/settings/settingsStore';
import { targetLengthSchema } from '../../shared/coachingSchemas';
import { formatAnswerReport } from '../formatReport';
import type { Command, Io } from '../io';

export const analyzeCommand: Command = {
  usage: `coach analyze <audio file> [--json] [--no-save] [--question "text"] [--model path] [--realtime]
                [--question-id id | --kind behavioural|situational|motivational|technical-communication]
                [--target 60-120]
  coach analyze --transcript <transcript.json> [--json] [--question-id id | --kind …] [--target 60-120]`,
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
      realtime: { type: 'boolean', default: false },
      'question-id': { type: 'string' },
      kind: { type: 'string' },
      target: { type: 'string' },
    },
  });
  const target = values.target === undefined ? undefined : parseTarget(values.target);
  if (values.transcript) {
    const db = openDatabase(dataPaths().dbPath);
    try {
      const question = resolveQuestion(questionCatalog(new CustomQuestionRepository(db)), values);
      return analyzeTranscript(values.transcript, values.json, io, question, target);
    } finally {
      db.close();
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
  const scratch = save ? null : mkdtempSync(path.join(os.tmpdir(), 'coach-nosave-'));
  const paths = scratch ? dataPaths(scratch) : dataPaths();
  const db = openDatabase(paths.dbPath);
  const engine = new EngineHost({
    modelsDir: dataPaths().modelsDir,
    modelPath: values.model ?? process.env.COACH_WHISPER_MODEL,
  });
  try {
    const progress = progressPrinter(io, samples.length / SAMPLE_RATE_HZ);
    // Custom questions and settings live in the real data folder, even for --no-save.
    const realDb = scratch ? openDatabase(dataPaths().dbPath) : db;
    const catalog = questionCatalog(new CustomQuestionRepository(realDb));
    const question = resolveQuestion(catalog, values);
    if (realDb !== db) realDb.close();
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      liveWords: new LiveWordStore(db),
      engine,
      questions: { get: (id) => (question && id === question.id ? question : undefined) },
      settings: SettingsStore.inDataDir(dataPaths().dataDir),
      events: {
        caption: (u) => progress(u.audioSec),
        stats: () => {},
        nudge: () => {},
        answerError: (e) => io.err(`warning: ${e.message}`),
      },
    });
    const questionText = question?.text ?? values.question ?? `Recording: ${path.basename(file)}`;
    const { sessionId, answerId } = await service.startAnswer({
      questionId: question?.id ?? 'imported',
      questionText,
      ...(target ? { target } : {}),
    });
    await feed(service, answerId, samples, values.realtime);
    const result = await service.stopAnswer(answerId);
    progress.done();
    if (values.json) {
      io.out(JSON.stringify(jsonReport(result, save ? sessionId : null, paths), null, 2));
    } else {
      io.out(
        formatAnswerReport({
          title: questionText,
          words: result.words,
          metrics: result.metrics,
          analysis: result.analysis,
          savedAs: save ? sessionId : undefined,
        }),
      );
    }
    return 0;
  } finally {
    await engine.dispose();
    db.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function feed(
  service: PracticeService,
  answerId: string,
  samples: Float32Array,
  realtime: boolean,
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < samples.length; i += FRAME_SAMPLES) {
    const frame = float32ToPcm16(samples.subarray(i, i + FRAME_SAMPLES));
    service.pushAudio(answerId, frame.buffer as ArrayBuffer);
    if (realtime) {
      const dueMs = ((i + FRAME_SAMPLES) / SAMPLE_RATE_HZ) * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, dueMs - (performance.now() - started))));
    } else {
      // Faster than real time: let each live step finish, as if the machine were infinitely fast.
      await service.drain(answerId);
    }
  }
}

function jsonReport(
  result: Awaited<ReturnType<PracticeService['stopAnswer']>>,
  sessionId: string | null,
  paths: DataPaths,
) {
  return {
    sessionId,
    answerId: result.answerId,
    saved: sessionId !== null,
    audioPath: sessionId ? result.audioPath : null,
    dataDir: sessionId ? paths.dataDir : null,
    durationSec: result.metrics.durationSec,
    text: result.text,
    words: result.words,
    metrics: result.metrics,
    analysis: result.analysis ?? null,
  };
}

function analyzeTranscript(
  file: string,
  json: boolean,
  io: Io,
  question: Question | null,
  target: TargetLength | undefined,
): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Could not read ${file} as JSON: ${(err as Error).message}`);
  }
  const words = parseTranscriptJson(raw);
  const durationSec = words.length ? words[words.length - 1]!.endSec : 0;
  const metrics = analyzeAnswer(words, durationSec);
  const analysis = computeAnswerAnalysis({
    words,
    durationSec,
    question,
    target:
      target ?? question?.target ?? SettingsStore.inDataDir(dataPaths().dataDir).get().practice.defaultTarget,
  });
  const text = words.map((w) => w.text).join(' ');
  if (json) io.out(JSON.stringify({ durationSec, text, words, metrics, analysis }, null, 2));
  else {
    const title = question ? question.text : `Transcript: ${path.basename(file)}`;
    io.out(formatAnswerReport({ title, words, metrics, analysis }));
  }
  return 0;
}

function questionCatalog(custom: CustomQuestionStore): QuestionCatalog {
  return new QuestionCatalog(loadQuestionBank(path.join(resourcesDir(), 'questions.json')), custom);
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
