// The soak benchmark's run (bench/soak.ts): the app core as `coach serve` and Electron main build it
// (createCoachApp: database, EngineHost with the real whisper.cpp engine and the Silero VAD, practice
// service), fed 100 ms frames of 16-bit PCM through the audio handler on the wall clock, answer after
// answer in one practice session, its events consumed through a message channel as the renderer
// consumes IPC. Every second it samples memory and every queue that could grow; it records each
// engine pass, caption and stats event, and each Stop.
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { createCoachApp, type CoachApp } from '../src/core/app/coachApp';
import type { AsrResult, TranscribeOptions, Transcriber } from '../src/core/asr/transcriber';
import { WhisperTranscriber } from '../src/core/asr/whisperTranscriber';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../src/shared/audioFormat';
import { dataPaths } from '../src/core/dataPaths';
import type { CaptionUpdate, LiveStats } from '../src/shared/domain';
import { invokeArgSchemas, sendArgSchemas } from '../src/shared/ipcSchemas';
import { DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import { startOthersCpuShare } from './streamingCpu';
import type { SoakAnswer, SoakCaption, SoakPass, SoakRun, SoakSample, SoakStats } from './soakReport';

/** The soak feeds 100 ms frames (its own choice; the app's microphone sends FRAME_MS frames). */
export const SOAK_FRAME_MS = 100;
const FRAME_BYTES = (SAMPLE_RATE_HZ * SOAK_FRAME_MS * BYTES_PER_SAMPLE) / 1000;
const SAMPLE_EVERY_MS = 1000;
/** Between answers the speaker reads the feedback and the next question; no audio flows. */
export const BETWEEN_ANSWERS_SEC = 3;
const MB = 2 ** 20;

export type SoakOptions = {
  /** Total audio to stream, over all answers. */
  minutes: number;
  /** Audio per answer; the last answer takes what is left. */
  answerMinutes: number;
  bucketMinutes: number;
  /** A 16 kHz mono 16-bit WAV, read frame by frame (looped if shorter than the run). */
  wavPath: string;
  modelPath: string;
  vadModelPath: string;
  threads: number;
  betweenAnswersSec?: number;
  log?: (line: string) => void;
};

/** Where the samples of a 16 kHz mono 16-bit WAV start and how many bytes they take. */
export function wavDataRange(fd: number): { offset: number; bytes: number } {
  const head = Buffer.alloc(4096);
  const got = readSync(fd, head, 0, head.length, 0);
  if (got < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a WAV file');
  for (let at = 12; at + 8 <= got;) {
    const id = head.toString('ascii', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      const channels = head.readUInt16LE(at + 10);
      const rate = head.readUInt32LE(at + 12);
      const bits = head.readUInt16LE(at + 22);
      if (channels !== 1 || rate !== SAMPLE_RATE_HZ || bits !== 16)
        throw new Error(`need 16 kHz mono 16-bit PCM, got ${rate} Hz × ${channels} ch × ${bits} bit`);
    }
    if (id === 'data') return { offset: at + 8, bytes: size - (size % FRAME_BYTES) };
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in the first 4 KiB');
}

/** The recording as 100 ms frames, read from disk as they are needed so it costs no memory. */
class FrameSource {
  private readonly fd: number;
  private readonly range: { offset: number; bytes: number };
  private frame = 0;

  constructor(wavPath: string) {
    this.fd = openSync(wavPath, 'r');
    this.range = wavDataRange(this.fd);
    if (this.range.bytes === 0) throw new Error(`${wavPath} has no audio`);
  }

  /** The next frame, in its own ArrayBuffer as one IPC message would carry it. */
  next(): ArrayBuffer {
    const frames = this.range.bytes / FRAME_BYTES;
    const buf = new ArrayBuffer(FRAME_BYTES);
    readSync(
      this.fd,
      new Uint8Array(buf),
      0,
      FRAME_BYTES,
      this.range.offset + (this.frame % frames) * FRAME_BYTES,
    );
    this.frame++;
    return buf;
  }

  close(): void {
    closeSync(this.fd);
  }
}

type PassListener = {
  start: (kind: SoakPass['kind']) => void;
  done: (kind: SoakPass['kind'], r: AsrResult, windowSec: number) => void;
};

/** The real engine, with each pass reported: a thorough pass is Stop's final pass, others are live steps. */
class MeteredTranscriber implements Transcriber {
  constructor(
    private readonly inner: Transcriber,
    private readonly listener: PassListener,
  ) {}

  async transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<AsrResult> {
    const kind = options?.thorough ? 'final' : 'live';
    this.listener.start(kind);
    const result = await this.inner.transcribe(audio, options);
    this.listener.done(kind, result, audio.length / SAMPLE_RATE_HZ);
    return result;
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

type UiMessage =
  | { kind: 'caption'; caption: CaptionUpdate; sourceArrivalMs: number }
  | { kind: 'stats'; stats: LiveStats }
  | { kind: 'other' };

/** Frames per answer: equal answers, a last one taking the rest (a sliver under 5 s joins the one before). */
export function answerPlan(totalFrames: number, framesPerAnswer: number): number[] {
  const minLastFrames = 5000 / SOAK_FRAME_MS;
  const plan: number[] = [];
  for (let left = totalFrames; left > 0;) {
    const take = left - framesPerAnswer < minLastFrames ? left : framesPerAnswer;
    plan.push(take);
    left -= take;
  }
  return plan;
}

const sleepUntil = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms - performance.now())));

export async function runSoak(opts: SoakOptions): Promise<SoakRun> {
  const log = opts.log ?? (() => {});
  const totalFrames = Math.round((opts.minutes * 60_000) / SOAK_FRAME_MS);
  const framesPerAnswer = Math.max(1, Math.round((opts.answerMinutes * 60_000) / SOAK_FRAME_MS));
  const betweenMs = (opts.betweenAnswersSec ?? BETWEEN_ANSWERS_SEC) * 1000;

  const samples: SoakSample[] = [];
  const passes: SoakPass[] = [];
  const captions: SoakCaption[] = [];
  const stats: SoakStats[] = [];
  const answers: SoakAnswer[] = [];

  let streaming = false;
  let pushedFrames = 0;
  let lastPushMs = 0;
  /** Arrival of the newest frame the running live pass heard, until its caption goes out. */
  let passSourceMs: number | null = null;
  let finalPassMs: number | null = null;
  const audioSec = () => (pushedFrames * SOAK_FRAME_MS) / 1000;

  // The UI side: events cross a message channel (structured clone, delivered on a later turn of the
  // event loop), as Electron's webContents.send crosses to the renderer.
  const channel = new MessageChannel();
  let posted = 0;
  let received = 0;
  const post = (m: UiMessage) => {
    posted++;
    channel.port1.postMessage(m);
  };
  channel.port2.on('message', (m: UiMessage) => {
    received++;
    if (!streaming) return;
    const now = performance.now();
    if (m.kind === 'caption') {
      captions.push({
        audioSec: audioSec(),
        latencyMs: now - m.sourceArrivalMs,
        chars: m.caption.committedText.length + m.caption.tentativeText.length,
      });
    } else if (m.kind === 'stats') {
      stats.push({ audioSec: audioSec(), behind: m.stats.behind });
    }
  });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coach-soak-'));
  const paths = dataPaths(dataDir);
  // Interrupted: leave no temporary data behind (the engine's threads end with the process).
  const onInterrupt = () => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  let frames: FrameSource | null = null;
  let coach: CoachApp | null = null;
  let sampler: NodeJS.Timeout | null = null;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    frames = new FrameSource(opts.wavPath);
    coach = createCoachApp({
      paths,
      modelPath: opts.modelPath,
      engine: {
        vadModelPath: opts.vadModelPath,
        load: async (modelPath) =>
          new MeteredTranscriber(await WhisperTranscriber.load(modelPath, { threads: opts.threads }), {
            start: (kind) => {
              if (kind === 'live') passSourceMs = lastPushMs;
            },
            done: (kind, r, windowSec) => {
              if (!streaming) return;
              passes.push({ kind, audioSec: audioSec(), computeMs: r.computeMs, windowSec });
              if (kind === 'final') finalPassMs = r.computeMs;
            },
          }),
      },
      log: (line) => log(line),
      events: {
        caption: (caption) => {
          // A caption follows each live step; one without a pass (silence skipped, Stop) covers the newest frame.
          const sourceArrivalMs = passSourceMs ?? lastPushMs;
          passSourceMs = null;
          post({ kind: 'caption', caption, sourceArrivalMs });
        },
        stats: (s) => post({ kind: 'stats', stats: s }),
        nudge: () => post({ kind: 'other' }),
        answerError: (e) => {
          log(`answer error: ${e.message}`);
          post({ kind: 'other' });
        },
      },
    });
    const app = coach;
    await app.recovery;
    if (!app.engine.speechModel()) throw new Error(`no VAD model at ${opts.vadModelPath}`);
    // Load the model and run one pass first, as the app does at start, so loading is not in the numbers.
    const engine = await app.engine.transcriber();
    await engine.transcribe(new Float32Array(SAMPLE_RATE_HZ), {
      audioCtx: DEFAULT_STREAM_PARAMS.minAudioCtx,
    });
    const questions = (await app.handlers['questions:list']()).slice(0, 12);
    const walPath = `${paths.dbPath}-wal`;
    const liveWords = app.storage.liveWords;
    const fdDir = '/proc/self/fd';
    const hasFds = (() => {
      try {
        readdirSync(fdDir);
        return true;
      } catch {
        return false;
      }
    })();

    let answerIndex = -1;
    let phase: SoakSample['phase'] = 'between';
    let answerId: string | null = null;
    const startedMs = performance.now();
    const sample = () => {
      const now = performance.now();
      const mem = process.memoryUsage();
      const live = app.service.liveSnapshots();
      const current = live.find((a) => a.answerId === answerId) ?? live[0];
      samples.push({
        wallSec: (now - startedMs) / 1000,
        audioSec: audioSec(),
        answerIndex,
        phase,
        rssMb: mem.rss / MB,
        heapUsedMb: mem.heapUsed / MB,
        externalMb: mem.external / MB,
        arrayBuffersMb: mem.arrayBuffers / MB,
        pendingSec: current?.pendingSec ?? 0,
        windowSec: current?.windowSec ?? 0,
        bufferedAudioSec: current?.receivedSec ?? 0,
        bufferedCapacitySec: current?.bufferedCapacitySec ?? 0,
        committedWords: current?.committedWords ?? 0,
        tentativeWords: current?.tentativeWords ?? 0,
        liveAnswers: live.length,
        eventQueue: posted - received,
        walBytes: statSync(walPath, { throwIfNoEntry: false })?.size ?? 0,
        liveWordRows: liveWords.count(),
        openFds: hasFds ? readdirSync(fdDir).length : null,
        // Longest event-loop delay since the previous sample (frames and events wait that long).
        loopLagMs: loopDelay.max / 1e6,
      });
      loopDelay.reset();
    };

    const othersCpu = startOthersCpuShare();
    loopDelay.enable();
    streaming = true;
    sample();
    sampler = setInterval(sample, SAMPLE_EVERY_MS);
    let sessionId: string | undefined;
    const plan = answerPlan(totalFrames, framesPerAnswer);
    for (const [i, answerFrames] of plan.entries()) {
      answerIndex = i;
      const question = questions[i % questions.length]!;
      // Through the handler tables and their validators, as Electron main's IPC registration calls them.
      const [startOptions] = invokeArgSchemas['answer:start'].parse([
        {
          ...(sessionId ? { sessionId } : {}),
          questionId: question.id,
          questionText: question.text,
          sampleRateHz: SAMPLE_RATE_HZ,
        },
      ]);
      const started = await app.handlers['answer:start'](startOptions);
      sessionId = started.sessionId;
      answerId = started.answerId;
      phase = 'recording';
      const t0 = performance.now();
      for (let k = 0; k < answerFrames;) {
        // Frame k exists once its last sample has been spoken: (k + 1) × 100 ms after the answer began.
        await sleepUntil(t0 + (k + 1) * SOAK_FRAME_MS);
        const now = performance.now();
        while (k < answerFrames && t0 + (k + 1) * SOAK_FRAME_MS <= now) {
          lastPushMs = performance.now();
          const [id, pcm16] = sendArgSchemas['audio:chunk'].parse([answerId, frames.next()]);
          app.sendHandlers['audio:chunk'](id, pcm16);
          pushedFrames++;
          k++;
        }
      }
      phase = 'stopping';
      const stopStarted = performance.now();
      finalPassMs = null;
      const result = await app.handlers['answer:stop'](answerId);
      const stopMs = performance.now() - stopStarted;
      phase = 'between';
      const rssAfterStopMb = process.memoryUsage().rss / MB;
      answers.push({
        index: i,
        audioSec: (answerFrames * SOAK_FRAME_MS) / 1000,
        words: result.words.length,
        stopMs: Math.round(stopMs),
        finalPassMs: finalPassMs === null ? null : Math.round(finalPassMs),
        rssAfterStopMb: Number(rssAfterStopMb.toFixed(1)),
      });
      log(
        `answer ${i + 1}/${plan.length}: ${((answerFrames * SOAK_FRAME_MS) / 1000).toFixed(0)} s of audio, ` +
          `${result.words.length} words, stop ${(stopMs / 1000).toFixed(1)} s, RSS ${rssAfterStopMb.toFixed(0)} MB`,
      );
      answerId = null;
      if (i < plan.length - 1) await sleepUntil(performance.now() + betweenMs);
    }
    // Let the UI drain what is still in flight, then one last sample.
    await sleepUntil(performance.now() + 50);
    sample();
    streaming = false;
    const othersCpuShare = othersCpu();
    return {
      bucketSec: opts.bucketMinutes * 60,
      audioSec: audioSec(),
      samples,
      passes,
      captions,
      stats,
      answers,
      othersCpuShare,
    };
  } finally {
    streaming = false;
    if (sampler) clearInterval(sampler);
    loopDelay.disable();
    frames?.close();
    // Saves anything still recording (after an error), releases the engine's threads and the database.
    await coach?.close().catch((err: Error) => log(`closing the app: ${err.message}`));
    channel.port1.close();
    channel.port2.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
