// Streaming sessions from clients other than the app (a /ws/transcribe socket, or HTTP chunks): each
// is one answer in PracticeService, so it is transcribed, scored and saved exactly like a recording
// made in the app. The registry owns their limits (duration, idle time) and how they end.
import { randomUUID } from 'node:crypto';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../shared/audioFormat';
import {
  AudioStreamDecoder,
  DEFAULT_STREAM_FORMAT,
  StreamFormatError,
  type StreamFormat,
} from '../core/audio/streamDecoder';
import type { AnswerResult, LiveStats, Word } from '../shared/domain';
import type { FinalTextUpdate, LiveWordsUpdate } from '../core/practice/liveAnswerEvents';
import type { PracticeService } from '../core/practice/practiceService';
import type { AnswerEventRouter } from './answerEvents';
import type { ServerLimits } from './limits';
import { ServerError } from './serverErrors';
import { StreamSlots, type ReleaseSlot } from './streamSlots';

export type StreamTransport = 'websocket' | 'http';

/** Why a session ended: its client asked, the HTTP API asked, a limit, the client went away, the server stopped. */
export type EndReason =
  'client' | 'api' | 'idle_timeout' | 'max_duration' | 'rate_limited' | 'disconnected' | 'shutdown';

export type EndedStream = {
  reason: EndReason;
  /** The saved answer; null when no audio arrived (nothing is saved then) or saving failed. */
  result: AnswerResult | null;
  error?: string;
};

export type StreamSessionEvents = {
  words?: (u: LiveWordsUpdate) => void;
  /** An utterance's final-pass words, replacing the live words sent for its span. */
  finalText?: (u: FinalTextUpdate) => void;
  stats?: (s: LiveStats) => void;
  error?: (message: string) => void;
  /** Called once when the session has ended, whoever ended it. */
  ended?: (ended: EndedStream) => void;
};

/** Question recorded for streamed answers when the client names none. */
export const STREAM_QUESTION_ID = 'stream';
export const DEFAULT_STREAM_QUESTION = 'Streamed answer';

/** Client-chosen session ids: safe in URLs, logs and JSON; UUIDs fit. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_QUESTION_CHARS = 500;

const joinWords = (words: readonly Word[]): string => words.map((w) => w.text).join(' ');

export class StreamSession {
  state: 'streaming' | 'ending' | 'ended' = 'streaming';
  /** Words committed so far (never change), and the current tentative tail. */
  readonly committed: Word[] = [];
  tentative: Word[] = [];
  stats: LiveStats | null = null;
  audioBytes = 0;
  lastActivityMs: number;
  ending: Promise<EndedStream> | null = null;
  /** Idle timer first, then the wall-clock limit. */
  timers: NodeJS.Timeout[] = [];
  /** Stops routing the answer's events here. */
  detach: () => void = () => undefined;
  /** Frees this session's place under the server-wide maxStreams once it has ended. */
  releaseSlot: ReleaseSlot = () => undefined;
  /** The client's audio (its declared format, or the WAV header it starts with) as 16 kHz PCM. */
  readonly decoder: AudioStreamDecoder;
  /** Frames being decoded, in order; the end waits for them. */
  intake: Promise<void> = Promise.resolve();
  /** Set when the final pass starts: nothing more can be added. */
  finishing = false;

  constructor(
    readonly id: string,
    readonly transport: StreamTransport,
    readonly question: string,
    readonly practiceSessionId: string,
    readonly answerId: string,
    readonly startedAtMs: number,
    readonly events: StreamSessionEvents,
    format: StreamFormat = DEFAULT_STREAM_FORMAT,
  ) {
    this.lastActivityMs = startedAtMs;
    this.decoder = new AudioStreamDecoder(format);
  }

  get audioSec(): number {
    return this.audioBytes / BYTES_PER_SAMPLE / SAMPLE_RATE_HZ;
  }

  get committedText(): string {
    return joinWords(this.committed);
  }

  get tentativeText(): string {
    return joinWords(this.tentative);
  }

  /** Progress, as GET /api/sessions and the session_info message report it. */
  info(nowMs = Date.now()) {
    return {
      session_id: this.id,
      transport: this.transport,
      state: this.state,
      question: this.question,
      practice_session_id: this.practiceSessionId,
      answer_id: this.answerId,
      started_at: new Date(this.startedAtMs).toISOString(),
      audio_sec: round2(this.audioSec),
      idle_sec: round2((nowMs - this.lastActivityMs) / 1000),
      committed_text: this.committedText,
      tentative_text: this.tentativeText,
      word_count: this.committed.length,
      words_per_minute: round2(this.stats?.wordsPerMinute ?? 0),
      filler_count: this.stats?.fillerCount ?? 0,
      behind: this.stats?.behind ?? false,
    };
  }
}

export type StreamSessionInfo = ReturnType<StreamSession['info']>;

export class StreamSessionRegistry {
  private readonly sessions = new Map<string, StreamSession>();
  /** Ids taken by sessions still starting (the engine may be loading). */
  private readonly starting = new Set<string>();
  private readonly slots: StreamSlots;
  /** Since the server started, for GET /streaming/stats. */
  private readonly totals = { started: 0, ended: 0, saved: 0, audioSec: 0 };

  constructor(
    private readonly deps: {
      service: PracticeService;
      router: AnswerEventRouter;
      limits: Pick<ServerLimits, 'maxSessionSec' | 'idleTimeoutSec' | 'maxStreams'>;
      /** The server-wide cap, shared with the app bridge; without it, a cap of limits.maxStreams of its own. */
      slots?: StreamSlots;
      log?: (line: string) => void;
    },
  ) {
    this.slots = deps.slots ?? new StreamSlots(deps.limits.maxStreams);
  }

  /**
   * Starts a session (and its answer). `id` is the client's own id, or a new UUID; if it names a
   * saved practice session, the answer is added to that session.
   */
  async open(opts: {
    id?: string | null;
    transport: StreamTransport;
    question?: string | null;
    events?: StreamSessionEvents;
    /** The audio format the client declared; 16 kHz 16-bit mono by default. */
    format?: StreamFormat;
  }): Promise<StreamSession> {
    const id = opts.id ?? randomUUID();
    if (!SESSION_ID_PATTERN.test(id)) {
      throw new ServerError('bad_session_id', 'A session id is 1–64 letters, digits, "-" or "_".');
    }
    if (this.sessions.has(id) || this.starting.has(id)) {
      throw new ServerError(
        'session_in_use',
        `Session ${id} is already streaming; end it first or use another id.`,
      );
    }
    const releaseSlot = this.slots.tryTake();
    if (!releaseSlot) throw tooManyStreams(this.slots.max);
    const question = (opts.question?.trim() || DEFAULT_STREAM_QUESTION).slice(0, MAX_QUESTION_CHARS);
    this.starting.add(id);
    let started: { sessionId: string; answerId: string };
    try {
      started = await this.deps.service.startAnswer({
        questionId: STREAM_QUESTION_ID,
        questionText: question,
        sessionId: UUID_PATTERN.test(id) ? id : undefined,
      });
    } catch (err) {
      releaseSlot();
      throw new ServerError('engine_unavailable', (err as Error).message);
    } finally {
      this.starting.delete(id);
    }
    const events = opts.events ?? {};
    const session = new StreamSession(
      id,
      opts.transport,
      question,
      started.sessionId,
      started.answerId,
      Date.now(),
      events,
      opts.format,
    );
    session.releaseSlot = releaseSlot;
    session.detach = this.deps.router.listen(started.answerId, {
      words: (u) => {
        session.committed.push(...u.committed);
        session.tentative = u.tentative;
        events.words?.(u);
      },
      stats: (s) => {
        session.stats = s;
        events.stats?.(s);
      },
      finalText: (u) => events.finalText?.(u),
      answerError: (message) => events.error?.(message),
    });
    session.timers = [
      this.timer(() => void this.end(session, 'idle_timeout'), this.deps.limits.idleTimeoutSec),
      // Wall-clock life: a client that keeps a session open without sending audio still ends.
      this.timer(() => void this.end(session, 'max_duration'), this.deps.limits.maxSessionSec),
    ];
    this.sessions.set(id, session);
    this.totals.started += 1;
    this.deps.log?.(`[serve] ${opts.transport} session ${id} started (answer ${started.answerId})`);
    return session;
  }

  get(id: string): StreamSession | undefined {
    return this.sessions.get(id);
  }

  list(): StreamSessionInfo[] {
    const now = Date.now();
    return [...this.sessions.values()].map((s) => s.info(now));
  }

  /** Counts since the server started, and the sessions streaming now. */
  stats() {
    const sessions = this.list();
    return {
      active_sessions: sessions.length,
      max_streams: this.slots.max,
      streams_in_use: this.slots.size,
      sessions_started: this.totals.started,
      sessions_ended: this.totals.ended,
      sessions_saved: this.totals.saved,
      audio_sec_total: round2(this.totals.audioSec + sessions.reduce((sum, s) => sum + s.audio_sec, 0)),
      by_transport: {
        websocket: sessions.filter((s) => s.transport === 'websocket').length,
        http: sessions.filter((s) => s.transport === 'http').length,
      },
      sessions,
    };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Any message from the client counts as activity. */
  touch(session: StreamSession): void {
    session.lastActivityMs = Date.now();
    session.timers[0]?.refresh();
  }

  /**
   * Feeds 16 kHz 16-bit PCM to the session. Returns false, and ends (and saves) the session, when this
   * audio would take it past the duration limit.
   */
  push(session: StreamSession, pcm16: ArrayBuffer): boolean {
    if (session.state !== 'streaming') {
      throw new ServerError('unknown_session', `Session ${session.id} has ended; start a new one.`);
    }
    if (pcm16.byteLength === 0 || pcm16.byteLength % BYTES_PER_SAMPLE !== 0) {
      throw new ServerError(
        'bad_audio',
        `Audio must be 16-bit little-endian PCM (an even, non-zero number of bytes); got ${pcm16.byteLength} bytes.`,
      );
    }
    this.touch(session);
    return this.append(session, pcm16);
  }

  /**
   * Feeds a frame in the session's own format (see AudioStreamDecoder): decoded and resampled, then
   * added like `push`. Frames are taken in the order they arrive, and an end asked for meanwhile waits
   * for the frames before it.
   */
  pushEncoded(session: StreamSession, frame: Uint8Array): Promise<boolean> {
    if (session.state !== 'streaming') {
      return Promise.reject(
        new ServerError('unknown_session', `Session ${session.id} has ended; start a new one.`),
      );
    }
    if (frame.byteLength === 0) {
      return Promise.reject(new ServerError('bad_audio', 'An audio frame must hold audio; got 0 bytes.'));
    }
    this.touch(session);
    const decoded = session.decoder.push(frame);
    const taken = session.intake.then(async () => {
      let pcm16: Int16Array;
      try {
        pcm16 = await decoded;
      } catch (err) {
        if (err instanceof StreamFormatError) throw new ServerError('bad_audio', err.message);
        throw err;
      }
      if (session.finishing) return false;
      return pcm16.length === 0 || this.append(session, pcm16.buffer as ArrayBuffer);
    });
    session.intake = taken.then(
      () => undefined,
      () => undefined,
    );
    return taken;
  }

  private append(session: StreamSession, pcm16: ArrayBuffer): boolean {
    const maxBytes = this.deps.limits.maxSessionSec * SAMPLE_RATE_HZ * BYTES_PER_SAMPLE;
    if (session.audioBytes + pcm16.byteLength > maxBytes) {
      void this.end(session, 'max_duration');
      return false;
    }
    session.audioBytes += pcm16.byteLength;
    this.deps.service.pushAudio(session.answerId, pcm16);
    return true;
  }

  /** Ends the session once, whoever asks: the recording so far is transcribed in full and saved. */
  end(session: StreamSession, reason: EndReason): Promise<EndedStream> {
    if (session.ending) return session.ending;
    session.state = 'ending';
    for (const t of session.timers) clearTimeout(t);
    // Frames that arrived before the end are still being decoded: they belong to the answer.
    session.ending = session.intake
      .then(() => {
        session.finishing = true;
        return this.finish(session, reason);
      })
      .then((ended) => {
        session.state = 'ended';
        session.detach();
        session.decoder.dispose();
        this.sessions.delete(session.id);
        session.releaseSlot();
        this.totals.ended += 1;
        if (ended.result) this.totals.saved += 1;
        this.totals.audioSec += session.audioSec;
        this.deps.log?.(
          `[serve] session ${session.id} ended (${reason}, ${session.audioSec.toFixed(1)} s${ended.result ? ', saved' : ''})`,
        );
        session.events.ended?.(ended);
        return ended;
      });
    return session.ending;
  }

  async endAll(reason: EndReason): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => this.end(s, reason)));
  }

  private async finish(session: StreamSession, reason: EndReason): Promise<EndedStream> {
    const { service } = this.deps;
    try {
      if (session.audioBytes === 0) {
        // Nothing was said: keep no empty answer (or session) around.
        await service.cancelAnswer(session.answerId);
        return { reason, result: null };
      }
      return { reason, result: await service.stopAnswer(session.answerId) };
    } catch (err) {
      return { reason, result: null, error: (err as Error).message };
    }
  }

  private timer(fn: () => void, seconds: number): NodeJS.Timeout {
    const t = setTimeout(fn, seconds * 1000);
    t.unref();
    return t;
  }
}

/** The refusal every way into the server gives once maxStreams answers are streaming. */
export const tooManyStreams = (maxStreams: number): ServerError =>
  new ServerError(
    'too_many_streams',
    `${maxStreams} answers are already streaming (the server's limit); end one and retry.`,
  );

const round2 = (x: number): number => Math.round(x * 100) / 100;
