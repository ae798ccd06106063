// The practice session use-cases, independent of how they are reached (Electron IPC, CLI, server).
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AnswerResult, CaptionUpdate, LiveStats, Nudge, SessionDetail, SessionSummary } from '../domain';
import type { EngineHost } from '../asr/engineHost';
import type { Transcriber } from '../asr/transcriber';
import { analyzeAnswer } from '../coaching/answerMetrics';
import type { NudgeParams } from '../coaching/nudges';
import type { DataPaths } from '../dataPaths';
import { describeStreamParams, DEFAULT_STREAM_PARAMS, type StreamParams } from '../streaming/streamParams';
import { LiveAnswer, type LiveAnswerOptions } from './liveAnswer';
import type { SessionRepository } from './sessionRepository';

export type PracticeEvents = {
  caption: (u: CaptionUpdate) => void;
  nudge: (n: Nudge) => void;
  stats: (s: LiveStats) => void;
  answerError: (e: { answerId: string; message: string }) => void;
};

export type StartAnswerRequest = { sessionId?: string | undefined; questionId: string; questionText: string };

export class UnknownAnswerError extends Error {}

/** Longest title shown in the history list before it is cut. */
const TITLE_MAX_CHARS = 80;

export class PracticeService {
  private readonly live = new Map<string, { answer: LiveAnswer; sessionId: string }>();

  constructor(
    private readonly deps: {
      paths: DataPaths;
      repository: SessionRepository;
      engine: EngineHost;
      events: PracticeEvents;
      streamParams?: StreamParams;
      nudgeParams?: Partial<NudgeParams>;
      openWav?: LiveAnswerOptions['openWav'];
      log?: (line: string) => void;
    },
  ) {}

  async startAnswer(req: StartAnswerRequest): Promise<{ sessionId: string; answerId: string }> {
    // Fails here, before any audio is captured, when there is no usable model.
    const transcriber = await this.deps.engine.transcriber();
    const { repository, paths } = this.deps;
    const now = new Date().toISOString();
    let sessionId = req.sessionId;
    if (!sessionId || !repository.sessionExists(sessionId)) {
      sessionId = randomUUID();
      repository.createSession({ id: sessionId, startedAt: now, title: titleFor(req.questionText) });
    }
    const answerId = randomUUID();
    const dir = path.join(paths.audioDir, sessionId);
    mkdirSync(dir, { recursive: true });
    const wavPath = path.join(dir, `${answerId}.wav`);
    repository.createAnswer({
      id: answerId,
      sessionId,
      questionId: req.questionId,
      questionText: req.questionText,
      startedAt: now,
      audioPath: wavPath,
    });
    const streamParams = this.deps.streamParams ?? DEFAULT_STREAM_PARAMS;
    this.deps.log?.(`[coach] answer ${answerId} started: ${describeStreamParams(streamParams)}`);
    let answer: LiveAnswer;
    try {
      answer = this.newLiveAnswer(answerId, transcriber, wavPath, streamParams);
    } catch (err) {
      repository.deleteAnswer(answerId);
      repository.deleteSessionIfEmpty(sessionId);
      throw err;
    }
    this.live.set(answerId, { answer, sessionId });
    return { sessionId, answerId };
  }

  private newLiveAnswer(
    answerId: string,
    transcriber: Transcriber,
    wavPath: string,
    streamParams: StreamParams,
  ): LiveAnswer {
    const { events } = this.deps;
    return new LiveAnswer({
      answerId,
      transcriber,
      wavPath,
      streamParams,
      nudgeParams: this.deps.nudgeParams,
      events: {
        caption: events.caption,
        stats: events.stats,
        nudge: events.nudge,
        error: (message) => events.answerError({ answerId, message }),
      },
      openWav: this.deps.openWav,
    });
  }

  pushAudio(answerId: string, pcm16: ArrayBuffer): void {
    this.get(answerId).answer.pushPcm16(pcm16);
  }

  /** For callers that feed audio faster than real time (CLI): wait for live steps to catch up. */
  drain(answerId: string): Promise<void> {
    return this.get(answerId).answer.drain();
  }

  async stopAnswer(answerId: string): Promise<AnswerResult> {
    const { answer, sessionId } = this.get(answerId);
    try {
      const finished = await answer.stop();
      const metrics = analyzeAnswer(finished.words, finished.durationSec);
      const text = finished.words.map((w) => w.text).join(' ');
      this.deps.repository.completeAnswer(answerId, {
        durationSec: finished.durationSec,
        words: finished.words,
        text,
        metrics,
      });
      if (finished.finalPassError) {
        this.deps.events.answerError({
          answerId,
          message: `Final pass failed, kept the live transcript: ${finished.finalPassError}`,
        });
      }
      const saved = this.deps.repository.getAnswer(answerId);
      if (!saved) throw new Error(`Answer ${answerId} was not saved`);
      return { ...saved, sessionId };
    } finally {
      this.live.delete(answerId);
    }
  }

  async cancelAnswer(answerId: string): Promise<void> {
    const entry = this.live.get(answerId);
    if (!entry) return;
    this.live.delete(answerId);
    await entry.answer.cancel();
    const saved = this.deps.repository;
    saved.deleteAnswer(answerId);
    saved.deleteSessionIfEmpty(entry.sessionId);
    rmSync(path.join(this.deps.paths.audioDir, entry.sessionId, `${answerId}.wav`), { force: true });
  }

  listSessions(): SessionSummary[] {
    return this.deps.repository.listSessions();
  }

  getSession(sessionId: string): SessionDetail {
    const s = this.deps.repository.getSession(sessionId);
    if (!s) throw new Error(`No saved session with id ${sessionId}`);
    return s;
  }

  /** Stops every live answer, saving what was recorded (used on quit). */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.live.keys()].map((id) => this.stopAnswer(id)));
  }

  private get(answerId: string): { answer: LiveAnswer; sessionId: string } {
    const entry = this.live.get(answerId);
    if (!entry) throw new UnknownAnswerError(`No answer is recording with id ${answerId}`);
    return entry;
  }
}

function titleFor(questionText: string): string {
  const t = questionText.trim();
  return t.length > TITLE_MAX_CHARS ? `${t.slice(0, TITLE_MAX_CHARS - 1)}…` : t;
}
