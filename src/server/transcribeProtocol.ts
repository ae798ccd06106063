// /ws/transcribe[/{session_id}]: the streaming protocol common real-time transcription clients speak.
//   client → server  binary: 16-bit little-endian 16 kHz mono PCM, any length up to the frame limit
//                    text:   {"type":"ping"} | {"type":"session_info"} | {"type":"end_session"}
//   server → client  connected · transcript (text, is_final, start, end, session_id) · metrics (pace,
//                    fillers) · pong · session_info · error (code, message)
// Every session is one answer in PracticeService, so it is saved like a recording made in the app.
import type WebSocket from 'ws';
import { BYTES_PER_SAMPLE, SAMPLE_RATE_HZ } from '../shared/audioFormat';
import type { AnswerResult, LiveStats, Word } from '../shared/domain';
import type { LiveWordsUpdate } from '../core/practice/liveAnswer';
import { keepAlive } from './heartbeat';
import type { ServerLimits } from './limits';
import { connectionRateLimiter } from './rateLimit';
import { ServerError, toServerError, type ErrorCode } from './serverErrors';
import { BoundedSender } from './socketSender';
import type { EndedStream, StreamSession, StreamSessionRegistry } from './streamSessions';

export const TRANSCRIBE_PATH = '/ws/transcribe';

/** Audio a client may send before the engine is ready (model still loading) is held, up to this much. */
export const PRE_START_AUDIO_SEC = 10;

const CONTROL_TYPES = ['ping', 'session_info', 'end_session'] as const;

/** WebSocket close codes (RFC 6455 §7.4.1). */
const CLOSE = { normal: 1000, policy: 1008, tooBig: 1009, serverError: 1011 } as const;

type Options = {
  registry: StreamSessionRegistry;
  limits: ServerLimits;
  /** From the URL: /ws/transcribe/{session_id}, or null for a new id. */
  sessionId: string | null;
  question: string | null;
  /** The rate limiter's clock (tests freeze it); performance.now() by default. */
  nowMs?: () => number;
  log: (line: string) => void;
};

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function transcriptMessage(sessionId: string, words: Word[], isFinal: boolean) {
  return {
    type: 'transcript',
    session_id: sessionId,
    text: words.map((w) => w.text).join(' '),
    is_final: isFinal,
    start: round3(words[0]?.startSec ?? 0),
    end: round3(words.at(-1)?.endSec ?? 0),
    words: words.map((w) => ({ word: w.text, start: round3(w.startSec), end: round3(w.endSec) })),
  };
}

function liveMetricsMessage(sessionId: string, s: LiveStats) {
  return {
    type: 'metrics',
    session_id: sessionId,
    final: false,
    elapsed_sec: round3(s.elapsedSec),
    words_per_minute: Math.round(s.wordsPerMinute),
    filler_count: s.fillerCount,
    long_pause_count: s.longPauseCount,
    behind: s.behind,
  };
}

function finalMetricsMessage(sessionId: string, result: AnswerResult) {
  const m = result.metrics;
  return {
    type: 'metrics',
    session_id: sessionId,
    final: true,
    elapsed_sec: round3(m.durationSec),
    words_per_minute: Math.round(m.wordsPerMinute),
    filler_count: m.fillerCount,
    fillers_per_minute: round3(m.fillersPerMinute),
    fillers: m.fillers.map((f) => ({
      text: f.text,
      kind: f.kind,
      start: round3(f.startSec),
      end: round3(f.endSec),
    })),
    long_pauses: m.longPauses.map((p) => ({ start: round3(p.startSec), end: round3(p.endSec) })),
    speaking_sec: round3(m.speakingSec),
    word_count: m.wordCount,
  };
}

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

export function serveTranscribeSocket(socket: WebSocket, opts: Options): void {
  const { registry, limits, log } = opts;
  const sender = new BoundedSender(socket, limits, (queued) =>
    log(`[serve] /ws/transcribe client stopped reading (${queued} bytes queued); disconnected`),
  );
  const error = (code: ErrorCode, message: string) => sender.json({ type: 'error', code, message });
  let session: StreamSession | null = null;
  let closed = false;
  let endRequested = false;
  let pendingAudio: ArrayBuffer[] = [];
  let pendingBytes = 0;
  let sentTentative = false;
  const overRate = connectionRateLimiter(limits, opts.nowMs);
  /** Set once a rate limit is hit: nothing more from this client is read. */
  let rateRefused = false;

  keepAlive(socket, limits.heartbeatSec * 1000, () =>
    log('[serve] /ws/transcribe client missed a heartbeat'),
  );

  const onWords = (u: LiveWordsUpdate) => {
    if (!session) return;
    if (u.committed.length > 0) sender.json(transcriptMessage(session.id, u.committed, true));
    // An emptied tentative tail is sent once, so a client can clear the line it shows.
    if (u.tentative.length > 0 || sentTentative) {
      sender.json(transcriptMessage(session.id, u.tentative, false), { droppable: true });
      sentTentative = u.tentative.length > 0;
    }
  };

  const onEnded = (ended: EndedStream) => {
    const s = session;
    if (!s || closed) return;
    const limit = LIMIT_ERRORS[ended.reason]?.(limits);
    if (limit) error(...limit);
    if (ended.error) error('internal', `The session could not be saved: ${ended.error}`);
    if (ended.result) sender.json(finalMetricsMessage(s.id, ended.result));
    sender.json({
      ...sessionInfo(s),
      state: 'ended',
      reason: ended.reason,
      saved: ended.result !== null,
      duration_sec: round3(s.audioSec),
      // The final pass over the whole recording: more accurate than the live segments.
      transcript: ended.result?.text ?? s.committedText,
    });
    const code = limit || ended.reason === 'rate_limited' ? CLOSE.policy : CLOSE.normal;
    socket.close(code, ended.reason === 'api' ? 'session ended by the API' : 'session ended');
  };

  const sessionInfo = (s: StreamSession) => ({
    type: 'session_info',
    ...s.info(),
    dropped_updates: sender.skipped,
    limits: { max_session_sec: limits.maxSessionSec, idle_timeout_sec: limits.idleTimeoutSec },
  });

  const feed = (pcm16: ArrayBuffer) => {
    if (!session) {
      pendingBytes += pcm16.byteLength;
      if (pendingBytes > PRE_START_AUDIO_SEC * SAMPLE_RATE_HZ * BYTES_PER_SAMPLE) {
        error('busy', `The engine is still starting; wait for the "connected" message before sending audio.`);
        socket.close(CLOSE.policy, 'not ready');
        return;
      }
      pendingAudio.push(pcm16);
      return;
    }
    if (session.state !== 'streaming') return;
    try {
      registry.push(session, pcm16);
    } catch (err) {
      const e = toServerError(err);
      error(e.code, e.message);
    }
  };

  const onControl = (text: string) => {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      error('bad_message', 'Text messages must be JSON like {"type":"ping"}; audio goes in binary frames.');
      return;
    }
    const type =
      typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (typeof type !== 'string') {
      error('bad_message', 'Text messages must be JSON objects with a "type" field, like {"type":"ping"}.');
      return;
    }
    if (session) registry.touch(session);
    switch (type) {
      case 'ping': {
        const timestamp = (message as { timestamp?: unknown }).timestamp;
        sender.json({
          type: 'pong',
          session_id: session?.id ?? opts.sessionId,
          server_time: Date.now(),
          ...(timestamp !== undefined ? { timestamp } : {}),
        });
        return;
      }
      case 'session_info':
        if (session) sender.json(sessionInfo(session));
        else sender.json({ type: 'session_info', session_id: opts.sessionId, state: 'starting' });
        return;
      case 'end_session':
        endRequested = true;
        if (session) void registry.end(session, 'client');
        return;
      default:
        error('unknown_type', `Unknown message type "${type}"; expected one of ${CONTROL_TYPES.join(', ')}.`);
    }
  };

  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (rateRefused) return;
    if (data.byteLength > limits.maxFrameBytes) {
      error(
        'frame_too_large',
        `A frame of ${data.byteLength} bytes exceeds the ${limits.maxFrameBytes}-byte limit; send audio in smaller chunks (100–500 ms is typical).`,
      );
      socket.close(CLOSE.tooBig, 'frame too large');
      return;
    }
    const refusal = overRate(data.byteLength, isBinary);
    if (refusal) {
      rateRefused = true;
      error(refusal.code, refusal.message);
      // What was received is still transcribed and saved; the summary follows, then the close.
      if (session?.state === 'streaming') void registry.end(session, 'rate_limited');
      else if (!session) socket.close(CLOSE.policy, 'rate limit');
      return;
    }
    if (!isBinary) return onControl(data.toString('utf8'));
    if (data.byteLength === 0 || data.byteLength % 2 !== 0) {
      error(
        'bad_audio',
        `Binary frames must be 16-bit little-endian PCM (an even, non-zero number of bytes); got ${data.byteLength} bytes.`,
      );
      return;
    }
    // Copied into its own buffer: ws may hand over a slice of a shared pool at an odd offset.
    const pcm16 = new ArrayBuffer(data.byteLength);
    new Uint8Array(pcm16).set(data);
    feed(pcm16);
  });

  socket.on('close', () => {
    closed = true;
    pendingAudio = [];
    // A client that disconnects without end_session still has its answer saved.
    if (session?.state === 'streaming') void registry.end(session, 'disconnected');
  });

  registry
    .open({
      id: opts.sessionId,
      transport: 'websocket',
      question: opts.question,
      events: {
        words: onWords,
        stats: (s) => {
          if (session) sender.json(liveMetricsMessage(session.id, s), { droppable: true });
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
        sender.json({
          type: 'connected',
          session_id: started.id,
          practice_session_id: started.practiceSessionId,
          answer_id: started.answerId,
          audio: { encoding: 'pcm_s16le', sample_rate: SAMPLE_RATE_HZ, channels: 1 },
          limits: {
            max_frame_bytes: limits.maxFrameBytes,
            max_session_sec: limits.maxSessionSec,
            idle_timeout_sec: limits.idleTimeoutSec,
          },
        });
        const queued = pendingAudio;
        pendingAudio = [];
        for (const pcm16 of queued) feed(pcm16);
        if (endRequested) void registry.end(started, 'client');
      },
      (err: unknown) => {
        const e = err instanceof ServerError ? err : toServerError(err);
        error(e.code, e.message);
        socket.close(e.code === 'engine_unavailable' ? CLOSE.serverError : CLOSE.policy, e.code);
      },
    );
}
