// `coach`: the headless front door. `analyze` streams a recording through the same PracticeService
// pipeline the desktop app uses; `sessions` lists what is saved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeAudioFile } from '../core/audio/decodeFile';
import { float32ToPcm16, SAMPLE_RATE_HZ } from '../core/audio/pcm';
import { EngineHost } from '../core/asr/engineHost';
import { parseTranscriptJson } from '../core/asr/transcriptImport';
import { analyzeAnswer } from '../core/coaching/answerMetrics';
import { dataPaths, type DataPaths } from '../core/dataPaths';
import { openDatabase } from '../core/sessions/database';
import { PracticeService } from '../core/sessions/practiceService';
import { SessionRepository } from '../core/sessions/sessionRepository';
import { formatAnswerReport, formatSessionList } from './formatReport';

const USAGE = `Usage:
  coach analyze <audio file> [--json] [--no-save] [--question "text"] [--model path] [--realtime]
  coach analyze --transcript <transcript.json> [--json]
  coach sessions [--json]

Audio: wav, mp3, m4a, webm, ogg or anything else ffmpeg reads.
Transcripts: [{"text","startSec","endSec"}] or whisper.cpp's -ojf JSON.
Data folder: $COACH_DATA_DIR or the platform default; model: --model, $COACH_WHISPER_MODEL or <data>/models.`;

/** The app's microphone frames are 200 ms; the CLI feeds the pipeline the same way. */
const FRAME_SAMPLES = SAMPLE_RATE_HZ / 5;

type Io = { out: (s: string) => void; err: (s: string) => void };
const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'analyze') return await analyze(rest, io);
    if (command === 'sessions') return sessions(rest, io);
    io.err(
      command && command !== '--help' && command !== 'help'
        ? `Unknown command: ${command}\n\n${USAGE}`
        : USAGE,
    );
    return command === '--help' || command === 'help' ? 0 : 2;
  } catch (err) {
    io.err(`coach: ${(err as Error).message}`);
    return 1;
  }
}

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
    },
  });
  if (values.transcript) return analyzeTranscript(values.transcript, values.json, io);
  const file = positionals[0];
  if (!file) {
    io.err(`coach analyze: give an audio file or --transcript <file.json>\n\n${USAGE}`);
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
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(db),
      engine,
      events: {
        caption: (u) => progress(u.audioSec),
        stats: () => {},
        nudge: () => {},
        answerError: (e) => io.err(`warning: ${e.message}`),
      },
    });
    const questionText = values.question ?? `Recording: ${path.basename(file)}`;
    const { sessionId, answerId } = await service.startAnswer({ questionId: 'imported', questionText });
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
  };
}

function analyzeTranscript(file: string, json: boolean, io: Io): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Could not read ${file} as JSON: ${(err as Error).message}`);
  }
  const words = parseTranscriptJson(raw);
  const durationSec = words.length ? words[words.length - 1]!.endSec : 0;
  const metrics = analyzeAnswer(words, durationSec);
  if (json)
    io.out(
      JSON.stringify({ durationSec, text: words.map((w) => w.text).join(' '), words, metrics }, null, 2),
    );
  else io.out(formatAnswerReport({ title: `Transcript: ${path.basename(file)}`, words, metrics }));
  return 0;
}

function sessions(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const db = openDatabase(dataPaths().dbPath);
  try {
    const list = new SessionRepository(db).listSessions();
    io.out(values.json ? JSON.stringify(list, null, 2) : formatSessionList(list));
    return 0;
  } finally {
    db.close();
  }
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
