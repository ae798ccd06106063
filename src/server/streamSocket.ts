// One streaming session over one WebSocket, whatever the protocol's wording: audio frames in the
// client's declared format (or a WAV header's), control messages, live words out, and the saved
// answer at the end. /ws/transcribe and /stt/stream differ only in their messages (a StreamDialect).
import type WebSocket from 'ws';
import { formatBytesPerSec, type StreamFormat } from '../core/audio/streamDecoder';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../shared/audioFormat';
import type { LiveStats, Word } from '../shared/domain';
import type { FinalUtterance } from '../core/streaming/utteranceFinalizer';
import { FinalRevisions } from './finalRevisions';
import type { ServerLimits } from './limits';
import { ServerError, toServerError, type ErrorCode } from './serverErrors';
import { parseTypedMessage, SocketEdge } from './socketEdge';
import type { EndedStream, StreamSession, StreamSessionRegistry } from './streamSessions';

/** Audio a client may send before the engine is ready (model still loading) is held, up to this much. */
export const PRE_START_AUDIO_SEC = 10;

/** What a client may send as text; `end` and `stop` are the words other streaming services use. */
export const CONTROL_TYPES = ['ping', 'session_info', 'end_session', 'end', 'stop'] as const;

/** How one protocol words its messages. */
export type StreamDialect = {
  /** For log lines. */
  name: string;
  errorMessage: (code: ErrorCode, message: string) => unknown;
  started: (s: StreamSession, ctx: { limits: ServerLimits; format: StreamFormat }) => unknown;
  /** Newly committed words (`isFinal`), or the current tentative tail. */
  words: (s: StreamSession, words: Word[], isFinal: boolean) => unknown;
  /**
   * An utterance's final-pass words, saying which committed text they replace. Dialects without it
   * get the final pass's words for audio no live pass heard at the end, as before.
   */
  finalText?: (s: StreamSession, u: FinalUtterance, revision: number) => unknown;
  liveMetrics?: (s: StreamSession, stats: LiveStats) => unknown;
  /** What follows the end: a summary, final metrics… (an error for a limit is sent before these). */
  ended: (s: StreamSession, ended: EndedStream, extra: { droppedUpdates: number }) => unknown[];
  sessionInfo: (s: StreamSession, extra: { droppedUpdates: number; limits: ServerLimits }) => unknown;
};

export type StreamSocketOptions = {
  registry: StreamSessionRegistry;
  limits: ServerLimits;
  /** From the URL, or null for a new id. */
  sessionId: string | null;
  question: string | null;
  format: StreamFormat;
  /** The rate limiter's clock (tests freeze it); performance.now() by default. */
  nowMs?: () => number;
  log: (line: string) => void;
};

const LIMIT_ERRORS: Partial<Record<EndedStream['reason'], (limits: ServerLimits) => [ErrorCode, string]>> = {
  idle_timeout: (l) => [
    'idle_timeout',
    `Nothing was received for ${l.idleTimeoutSec} s, so the session was ended and saved. Send audio or a ping more often.`,
  ],
  max_duration: (l) => [
    'max_duration',
    `The session reached the ${l.maxSessionSec} s limit, so it was ended and saved. Start a new session to continue.`,
  ],
};

/** Bytes of 16 kHz 16-bit mono: the unit of the audio rate limit. */
const REAL_TIME_BYTES_PER_SEC = SAMPLE_RATE_HZ * BYTES_PER_SAMPLE;

export function serveStreamSocket(
  socket: WebSocket,
  dialect: StreamDialect,
  opts: StreamSocketOptions,
): void {
  const { registry, limits, log } = opts;
  const edge = new SocketEdge(socket, {
    name: dialect.name,
    limits,
    log,
    errorMessage: dialect.errorMessage,
    ...(opts.nowMs ? { nowMs: opts.nowMs } : {}),
  });
  const error = (code: ErrorCode, message: string) => edge.error(code, message);
  let session: StreamSession | null = null;
  let closed = false;
  let endRequested = false;
  let pendingAudio: Buffer[] = [];
  let pendingBytes = 0;
  let sentTentative = false;
  const revisions = new FinalRevisions();
  const format = () => session?.decoder.format ?? opts.format;

  const onEnded = (ended: EndedStream) => {
    const s = session;
    if (!s || closed) return;
    const limit = LIMIT_ERRORS[ended.reason]?.(limits);
    if (limit) error(...limit);
    if (ended.error) error('internal', `The session could not be saved: ${ended.error}`);
    for (const message of dialect.ended(s, ended, { droppedUpdates: edge.sender.skipped }))
      edge.json(message);
    edge.close(
      limit || ended.reason === 'rate_limited' ? 'policy' : 'normal',
      ended.reason === 'api' ? 'session ended by the API' : 'session ended',
    );
  };

  const feed = (frame: Buffer) => {
    if (!session) {
      pendingBytes += frame.byteLength;
      if (pendingBytes > PRE_START_AUDIO_SEC * formatBytesPerSec(opts.format)) {
        error('busy', `The engine is still starting; wait for the first message before sending audio.`);
        edge.close('policy', 'not ready');
        return;
      }
      pendingAudio.push(frame);
      return;
    }
    const s = session;
    if (s.state !== 'streaming') return;
    registry.pushEncoded(s, frame).catch((err: unknown) => {
      if (s.state !== 'streaming') return;
      const e = toServerError(err);
      error(e.code, e.message);
    });
  };

  const onControl = (text: string) => {
    const parsed = parseTypedMessage(text);
    if (!parsed.ok) return error('bad_message', parsed.why);
    const { type, message } = parsed;
    if (session) registry.touch(session);
    switch (type) {
      case 'ping':
        edge.json({
          type: 'pong',
          session_id: session?.id ?? opts.sessionId,
          server_time: Date.now(),
          ...(message.timestamp !== undefined ? { timestamp: message.timestamp } : {}),
        });
        return;
      case 'session_info':
        if (session) {
          edge.json(dialect.sessionInfo(session, { droppedUpdates: edge.sender.skipped, limits }));
        } else edge.json({ type: 'session_info', session_id: opts.sessionId, state: 'starting' });
        return;
      case 'end_session':
      case 'end':
      case 'stop':
        endRequested = true;
        if (session) void registry.end(session, 'client');
        return;
      default:
        error('unknown_type', `Unknown message type "${type}"; expected one of ${CONTROL_TYPES.join(', ')}.`);
    }
  };

  edge.onMessage({
    message: (data, isBinary) => (isBinary ? feed(data) : onControl(data.toString('utf8'))),
    audioCost: (frame) =>
      Math.ceil((frame.byteLength * REAL_TIME_BYTES_PER_SEC) / formatBytesPerSec(format())),
    rateLimited: () => {
      // What was received is still transcribed and saved; the summary follows, then the close.
      if (session?.state === 'streaming') void registry.end(session, 'rate_limited');
      else if (!session) edge.close('policy', 'rate limit');
    },
  });

  socket.on('close', () => {
    closed = true;
    pendingAudio = [];
    // A client that disconnects without ending still has its answer saved.
    if (session?.state === 'streaming') void registry.end(session, 'disconnected');
  });

  registry
    .open({
      id: opts.sessionId,
      transport: 'websocket',
      question: opts.question,
      format: opts.format,
      events: {
        words: (u) => {
          const s = session;
          if (!s) return;
          // With revisions, the final-pass text of every utterance has been sent already: the closing
          // flush would repeat words a revision replaced.
          const committed = u.final && dialect.finalText ? [] : u.committed;
          if (committed.length > 0) {
            edge.json(dialect.words(s, committed, true));
            revisions.committedSent(committed);
          }
          // An emptied tentative tail is sent once, so a client can clear the line it shows.
          if (u.tentative.length > 0 || sentTentative) {
            edge.json(dialect.words(s, u.tentative, false), { droppable: true });
            sentTentative = u.tentative.length > 0;
          }
        },
        finalText: (u) => {
          if (!session || !dialect.finalText) return;
          const revised = revisions.revise(u.utterance);
          if (revised) edge.json(dialect.finalText(session, revised.utterance, revised.revision));
        },
        stats: (stats) => {
          if (session && dialect.liveMetrics)
            edge.json(dialect.liveMetrics(session, stats), { droppable: true });
        },
        // A failed live step: the session goes on, and the final pass transcribes everything again.
        error: (message) => error('engine_error', message),
        ended: onEnded,
      },
    })
    .then(
      (started) => {
        session = started;
        if (closed) {
          void registry.end(started, 'disconnected');
          return;
        }
        edge.json(dialect.started(started, { limits, format: opts.format }));
        const queued = pendingAudio;
        pendingAudio = [];
        for (const frame of queued) feed(frame);
        if (endRequested) void registry.end(started, 'client');
      },
      (err: unknown) => {
        const e = err instanceof ServerError ? err : toServerError(err);
        error(e.code, e.message);
        edge.close(e.code === 'engine_unavailable' ? 'serverError' : 'policy', e.code);
      },
    );
}
