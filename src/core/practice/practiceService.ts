// The practice session use-cases, independent of how they are reached (Electron IPC, CLI, server).
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type {
  AnswerResult,
  Question,
  RoleFamily,
  SessionDetail,
  SessionSummary,
  TargetLength,
} from '../../shared/domain';
import { answerRoles } from '../questions/practiceSet';
import type { EngineHost } from '../asr/engineHost';
import type { Transcriber } from '../asr/transcriber';
import { transcriptOnlyReport } from '../coaching/answerReport';
import type { NudgeParams } from '../coaching/nudges';
import { scoreSession } from '../coaching/sessionScore';
import { nudgeParamsFrom, type CoachSettings } from '../settings/coachSettings';
import type { DataPaths } from '../dataPaths';
import { describeStreamParams, DEFAULT_STREAM_PARAMS, type StreamParams } from '../streaming/streamParams';
import { sessionTitle } from './sessionTitle';
import { findInterruptedAnswers, finishFromDisk, type FinishedAnswer } from './crashRecovery';
import { LiveAnswer, type LiveAnswerOptions, type LiveAnswerSnapshot, type WavSink } from './liveAnswer';
import type { SessionRepository } from '../storage/sessionRepository';
import type { LiveWordStore } from '../storage/liveWordStore';
import { AnswerSaver } from './answerSaver';
import { TranscribeAgain } from './transcribeAgain';
import { UnknownAnswerError } from './practiceErrors';
import { liveAnswerEvents, type PracticeEvents } from './practiceEvents';
import { resolveTarget } from './targetLength';
import { finalPassCosts } from '../streaming/passCostEstimator';
import { PitchTrackAppender, pitchTrackPathFor, removePitchTrackFile } from '../storage/pitchTrackFile';

export type StartAnswerRequest = {
  sessionId?: string | undefined;
  questionId: string;
  questionText: string;
  /** The answer length aimed for; else the question's own, else the settings' default. */
  target?: TargetLength | undefined;
  /** The question itself when it is not in the catalog (the CLI's --kind describes an ad-hoc one). */
  question?: Question | undefined;
  /**
   * "Keep no history": nothing of this answer touches the disk (no session or answer rows, no WAV, no
   * crash-recovery words); its audio and transcript live in memory only until the result is returned.
   */
  keepNoHistory?: boolean | undefined;
  /** The role the practice set was chosen for, filed with the answer for History's role filter. */
  practisedForRole?: RoleFamily | undefined;
};

/** What the service needs to know about questions: their kind and talking points pick the structure check. */
export type QuestionLookup = { get(id: string): Question | undefined };

type LiveEntry = {
  answer: LiveAnswer;
  sessionId: string;
  questionText: string;
  /** '' for a "keep no history" answer. */
  audioPath: string;
  question: Question | null;
  target: TargetLength;
  /** Set for a "keep no history" answer: its result is built in memory and never saved. */
  unsavedText?: string;
};

/** Where a "keep no history" answer's audio goes: nowhere (it stays in memory for the final pass). */
const NO_DISK: WavSink = { append: () => undefined, close: () => undefined };

export class PracticeService {
  private readonly live = new Map<string, LiveEntry>();
  /** Final passes as timed on this machine, over every answer: Stop's estimate starts from them. */
  private readonly passCosts = finalPassCosts();
  private readonly saver: AnswerSaver;
  private readonly retranscriber: TranscribeAgain;

  constructor(
    private readonly deps: {
      paths: DataPaths;
      repository: SessionRepository;
      engine: EngineHost;
      events: PracticeEvents;
      streamParams?: StreamParams;
      nudgeParams?: Partial<NudgeParams>;
      /** Questions by id; without it answers get no structure check. */
      questions?: QuestionLookup;
      /** Read at the start of every answer, so changed thresholds apply to the next one. */
      settings?: { get(): CoachSettings };
      openWav?: LiveAnswerOptions['openWav'];
      restTimer?: LiveAnswerOptions['restTimer'];
      /** Where committed words go as they commit; without it a crash loses the live transcript. */
      liveWords?: LiveWordStore;
      log?: (line: string) => void;
    },
  ) {
    this.saver = new AnswerSaver({
      repository: deps.repository,
      answerError: (e) => this.deps.events.answerError(e),
      liveWords: deps.liveWords,
      wavPathOf: (sessionId, answerId) => this.answerWavPath(sessionId, answerId),
    });
    this.retranscriber = new TranscribeAgain({
      repository: deps.repository,
      engine: deps.engine,
      saver: this.saver,
      streamParams: deps.streamParams ?? DEFAULT_STREAM_PARAMS,
      questionAndTarget: (answerId) => this.questionAndTarget(answerId),
    });
  }

  async startAnswer(req: StartAnswerRequest): Promise<{ sessionId: string; answerId: string }> {
    // Fails here, before any audio is captured, when there is no usable model.
    const transcriber = await this.deps.engine.transcriber();
    if (req.keepNoHistory) return this.startUnsavedAnswer(req, transcriber);
    const { repository, paths } = this.deps;
    const now = new Date().toISOString();
    let sessionId = req.sessionId;
    if (!sessionId || !repository.sessionExists(sessionId)) {
      sessionId = randomUUID();
      repository.createSession({ id: sessionId, startedAt: now, title: sessionTitle(req.questionText) });
    }
    const answerId = randomUUID();
    const asked = req.question ?? this.deps.questions?.get(req.questionId);
    const dir = path.join(paths.audioDir, sessionId);
    mkdirSync(dir, { recursive: true });
    const wavPath = this.answerWavPath(sessionId, answerId);
    repository.createAnswer({
      id: answerId,
      sessionId,
      questionId: req.questionId,
      questionText: req.questionText,
      startedAt: now,
      audioPath: wavPath,
      questionKind: asked?.kind ?? null,
      questionRoles: answerRoles(asked, req.practisedForRole),
    });
    this.deps.liveWords?.claim(answerId);
    const streamParams = this.deps.streamParams ?? DEFAULT_STREAM_PARAMS;
    const question = asked ?? null;
    const target = resolveTarget(req.target, question, this.deps.settings);
    this.deps.log?.(
      `[coach] answer ${answerId} started: target=${target.minSec}-${target.maxSec}s ${describeStreamParams(streamParams)}`,
    );
    let answer: LiveAnswer;
    try {
      answer = this.newLiveAnswer(answerId, transcriber, wavPath, streamParams, this.nudgeParamsFor(target));
    } catch (err) {
      repository.deleteAnswer(answerId);
      repository.deleteSessionIfEmpty(sessionId);
      throw err;
    }
    this.live.set(answerId, {
      answer,
      sessionId,
      questionText: req.questionText,
      audioPath: wavPath,
      question,
      target,
    });
    return { sessionId, answerId };
  }

  /** A "keep no history" answer: no rows, no files, no live words on disk; only this process holds it. */
  private startUnsavedAnswer(
    req: StartAnswerRequest,
    transcriber: Transcriber,
  ): { sessionId: string; answerId: string } {
    const sessionId = randomUUID();
    const answerId = randomUUID();
    const question = req.question ?? this.deps.questions?.get(req.questionId) ?? null;
    const target = resolveTarget(req.target, question, this.deps.settings);
    const streamParams = this.deps.streamParams ?? DEFAULT_STREAM_PARAMS;
    this.deps.log?.(
      `[coach] answer ${answerId} started, keeping no history: ${describeStreamParams(streamParams)}`,
    );
    const answer = this.newLiveAnswer(answerId, transcriber, '', streamParams, this.nudgeParamsFor(target), {
      keepNoHistory: true,
    });
    this.live.set(answerId, {
      answer,
      sessionId,
      questionText: req.questionText,
      audioPath: '',
      question,
      target,
      unsavedText: req.questionText,
    });
    return { sessionId, answerId };
  }

  /** Settings first, then explicit overrides (tests, the CLI); "time's up" comes at the target's end. */
  private nudgeParamsFor(target: TargetLength): Partial<NudgeParams> {
    const settings = this.deps.settings?.get();
    const fromSettings = settings ? nudgeParamsFrom(settings, target.maxSec) : { targetSec: target.maxSec };
    return { ...fromSettings, ...this.deps.nudgeParams };
  }

  private newLiveAnswer(
    answerId: string,
    transcriber: Transcriber,
    wavPath: string,
    streamParams: StreamParams,
    nudgeParams: Partial<NudgeParams>,
    { keepNoHistory = false } = {},
  ): LiveAnswer {
    const { events } = this.deps;
    const liveWords = keepNoHistory ? undefined : this.deps.liveWords;
    return new LiveAnswer({
      answerId,
      transcriber,
      wavPath,
      streamParams,
      nudgeParams,
      passCosts: this.passCosts,
      events: liveAnswerEvents(answerId, events, liveWords, this.deps.log),
      openWav: keepNoHistory ? () => NO_DISK : this.deps.openWav,
      pitchFile: keepNoHistory ? null : new PitchTrackAppender(pitchTrackPathFor(wavPath), this.deps.log),
      ...(this.deps.restTimer ? { restTimer: this.deps.restTimer } : {}),
      speechModel: this.deps.engine.speechModel(),
    });
  }

  pushAudio(answerId: string, pcm16: ArrayBuffer): void {
    this.get(answerId).answer.pushPcm16(pcm16);
  }

  /** For callers that feed audio faster than real time (CLI): wait for live steps to catch up. */
  drain(answerId: string): Promise<void> {
    return this.get(answerId).answer.drain();
  }

  /** Waits for live steps and for the final text of every closed utterance (tests, benchmarks). */
  settle(answerId: string): Promise<void> {
    return this.get(answerId).answer.settled();
  }

  async stopAnswer(answerId: string): Promise<AnswerResult> {
    const { answer, sessionId, question, target, unsavedText } = this.get(answerId);
    try {
      const stopped = await answer.stop();
      if (unsavedText !== undefined) {
        return await this.unsavedResult(answerId, sessionId, unsavedText, stopped, question, target);
      }
      const finished: FinishedAnswer = stopped.finalPassError
        ? { ...stopped, engineError: this.engineFailed(stopped.finalPassError) }
        : stopped;
      return await this.saver.saveOrKeep(answerId, { sessionId, finished, question, target });
    } finally {
      this.live.delete(answerId);
    }
  }

  /**
   * The report of an answer whose Stop is still finishing, from its live transcript (final text where
   * it is ready, live words after it), analysed by the same code as the saved one. Nothing is saved:
   * the answer saved is always the one Stop returns.
   */
  async liveReport(answerId: string): Promise<AnswerResult> {
    const entry = this.live.get(answerId);
    if (!entry) {
      throw new UnknownAnswerError(
        `No answer is finishing with id ${answerId}: its final report is ready, or it was discarded.`,
      );
    }
    const draft = entry.answer.provisional();
    if (!draft) throw new Error('This answer is still recording: stop it first.');
    const text = draft.words.map((w) => w.text).join(' ');
    return {
      answerId,
      sessionId: entry.sessionId,
      questionText: entry.questionText,
      words: draft.words,
      text,
      report: await this.saver.report(answerId, draft, entry.question, entry.target, { live: true }),
      audioPath: entry.audioPath,
    };
  }

  /** A "keep no history" answer's result, analysed like any other, and handed back without being saved. */
  private async unsavedResult(
    answerId: string,
    sessionId: string,
    questionText: string,
    stopped: Awaited<ReturnType<LiveAnswer['stop']>>,
    question: Question | null,
    target: TargetLength,
  ): Promise<AnswerResult> {
    const base = { answerId, sessionId, questionText, audioPath: '' };
    if (stopped.finalPassError !== undefined) {
      const reason = this.engineFailed(stopped.finalPassError);
      return {
        ...base,
        words: stopped.words,
        text: stopped.words.map((w) => w.text).join(' '),
        report: transcriptOnlyReport([], stopped.durationSec),
        notTranscribed: { reason },
      };
    }
    return {
      ...base,
      words: stopped.words,
      text: stopped.words.map((w) => w.text).join(' '),
      report: await this.saver.report(answerId, stopped, question, target),
    };
  }

  /** Tells the engine's status (the header) about a failed pass; returns the reason saved with the answer. */
  private engineFailed(message: string): string {
    return this.deps.engine.reportFailure(message);
  }

  /** "Transcribe again" for an answer the engine failed on (transcribeAgain.ts). */
  transcribeAgain(answerId: string): Promise<AnswerResult> {
    return this.retranscriber.run(answerId);
  }

  /** The question a saved answer was for and its target, to analyse it after the fact. */
  private questionAndTarget(answerId: string): { question: Question | null; target: TargetLength } {
    const questionId = this.deps.repository.answerQuestionId(answerId);
    const question = (questionId && this.deps.questions?.get(questionId)) || null;
    return { question, target: resolveTarget(undefined, question, this.deps.settings) };
  }

  /** Saves an answer whose save failed at Stop (the user freed disk space and pressed Save again). */
  retrySave(answerId: string): Promise<AnswerResult> {
    return this.saver.retry(answerId);
  }

  /**
   * Finishes answers whose recording process died (crashRecovery.ts rebuilds them from disk) and saves
   * them like any other answer. Answers this process is recording or keeping for Save again are skipped.
   */
  async recoverInterrupted(): Promise<AnswerResult[]> {
    const liveWords = this.deps.liveWords;
    if (!liveWords) return [];
    const deps = {
      liveWords,
      engine: this.deps.engine,
      streamParams: this.deps.streamParams ?? DEFAULT_STREAM_PARAMS,
      log: this.deps.log,
    };
    const recovered: AnswerResult[] = [];
    for (const lost of findInterruptedAnswers(deps)) {
      if (this.live.has(lost.id) || this.saver.keeps(lost.id)) continue;
      if (!liveWords.claimInterrupted(lost)) continue;
      try {
        const finished = await finishFromDisk(lost, deps);
        const { question, target } = this.questionAndTarget(lost.id);
        recovered.push(await this.saver.saveFinished(lost.id, lost.sessionId, finished, question, target));
        this.deps.log?.(`[coach] recovered interrupted answer ${lost.id}`);
      } catch (err) {
        this.deps.log?.(`[coach] could not recover answer ${lost.id}: ${(err as Error).message}`);
      }
    }
    return recovered;
  }

  async cancelAnswer(answerId: string): Promise<void> {
    const entry = this.live.get(answerId);
    if (!entry) return;
    this.live.delete(answerId);
    await entry.answer.cancel();
    if (entry.unsavedText !== undefined) return;
    const saved = this.deps.repository;
    saved.deleteAnswer(answerId);
    saved.deleteSessionIfEmpty(entry.sessionId);
    const wavPath = this.answerWavPath(entry.sessionId, answerId);
    rmSync(wavPath, { force: true });
    removePitchTrackFile(pitchTrackPathFor(wavPath));
  }

  /** Where an answer recorded here keeps its audio (and, while it records, its pitch frames). */
  private answerWavPath(sessionId: string, answerId: string): string {
    return path.join(this.deps.paths.audioDir, sessionId, `${answerId}.wav`);
  }

  listSessions(): SessionSummary[] {
    return this.deps.repository.listSessions();
  }

  getSession(sessionId: string): SessionDetail {
    const s = this.deps.repository.getSession(sessionId);
    if (!s) throw new Error(`No saved session with id ${sessionId}`);
    return { ...s, sessionScore: scoreSession(s.answers.map((a) => a.report.coaching)) };
  }

  /** True while an answer of this session is being recorded or waits to be saved again (it cannot be deleted then). */
  isRecordingIn(sessionId: string): boolean {
    return (
      [...this.live.values()].some((entry) => entry.sessionId === sessionId) ||
      this.saver.keepsAnswerOf(sessionId)
    );
  }

  /** True while any answer is being recorded (the engine must not be swapped under it). */
  isRecording(): boolean {
    return this.live.size > 0;
  }

  /** What each answer being recorded holds in memory right now (monitoring; the soak benchmark). */
  liveSnapshots(): (LiveAnswerSnapshot & { sessionId: string })[] {
    return [...this.live.values()].map((entry) => ({
      ...entry.answer.snapshot(),
      sessionId: entry.sessionId,
    }));
  }

  /** Stops every live answer, saving what was recorded (used on quit). */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.live.keys()].map((id) => this.stopAnswer(id)));
  }

  private get(answerId: string): LiveEntry {
    const entry = this.live.get(answerId);
    if (!entry) throw new UnknownAnswerError(`No answer is recording with id ${answerId}`);
    return entry;
  }
}
