// The plain-HTTP API, for clients that cannot hold a WebSocket. Pure request → response functions:
// httpServer.ts does the sockets, the token check and the body reading (with its size limits).
//   GET  /health                     engine, model, uptime
//   GET  /api/sessions               active streaming sessions and their progress
//   POST /api/sessions/{id}/end      end one (saved), answered with its analysis
//   GET  /api/v1/websocket/sessions, POST /api/v1/websocket/sessions/{id}/end   aliases of the two above
//   GET  /streaming/stats            sessions streaming now and totals since start
//   POST /stt/stream-chunk           multipart audio chunks (sttRoutes.ts)
//   POST /api/stream-chunk           PCM for a session (is_final on the last), answered with the captions so far
//   POST /api/transcribe             a whole recording, any format ffmpeg reads, answered with the full analysis
//   GET  /api/answers/{id}/audio     a saved answer's recording (the app's review player in a browser)
//   POST /api/recordings             the app's "Import a recording" in a browser: the file as the body,
//                                    the question in the query; progress goes to the page's WebSocket
import { existsSync } from 'node:fs';
import type { EngineHost } from '../core/asr/engineHost';
import { AudioDecodeError, AudioTooLongError } from '../core/audio/decodeFile';
import type { DataPaths } from '../core/dataPaths';
import { isInside } from '../core/pathContainment';
import type { AnswerResult } from '../shared/domain';
import { analyzeRecording } from '../core/practice/analyzeRecording';
import type { PracticeService } from '../core/practice/practiceService';
import type { SessionRepository } from '../core/storage/sessionRepository';
import {
  answerIdSchema,
  describeValidationError,
  importRecordingSchema,
  sessionIdSchema,
} from '../shared/ipcSchemas';
import { exportFormatSchema, MAX_IMPORT_BYTES } from '../shared/reviewSchemas';
import type { CoachHandlers } from '../core/api/coachHandlers';
import type { ServerLimits } from './limits';
import { takeChunk, type AudioChunk } from './chunkSessions';
import { createSttRoutes } from './sttRoutes';
import { ServerError } from './serverErrors';
import { streamFormatFrom } from './streamFormatParams';
import {
  DEFAULT_STREAM_QUESTION,
  STREAM_QUESTION_ID,
  type EndedStream,
  type StreamSession,
  type StreamSessionRegistry,
} from './streamSessions';

export type RouteRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
  contentType: string;
  /** The body, for routes that read it into memory. */
  body: Buffer | null;
  /** The body saved to a temporary file (deleted afterwards), for uploads. */
  bodyFile: string | null;
};

export type RouteResponse =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; file: string; contentType: string }
  /** Bytes made for this request, offered for download as `fileName`. */
  | { status: number; bytes: Buffer; contentType: string; fileName: string };

export type Route = {
  method: 'GET' | 'POST';
  /** Path with `{name}` placeholders. */
  path: string;
  body?: { kind: 'buffer' | 'file'; maxBytes: number };
  handle: (req: RouteRequest) => Promise<RouteResponse>;
};

export type ApiDeps = {
  registry: StreamSessionRegistry;
  service: PracticeService;
  engine: EngineHost;
  repository: SessionRepository;
  paths: DataPaths;
  limits: ServerLimits;
  startedAtMs: number;
  /** Open WebSockets, for /health. */
  connections: () => number;
  /**
   * Decodes an uploaded file to 16 kHz mono samples, chunk by chunk, refusing anything over `maxSec`
   * (decodeAudioChunks: ffmpeg in the app; injectable for tests).
   */
  decode: (file: string, opts: { maxSec: number }) => AsyncIterable<Float32Array>;
  version: string;
  /** Session export and bundle import (issue #5): the handler table's own, over HTTP for the browser. */
  review?: Pick<CoachHandlers, 'session:export' | 'bundle:import' | 'recording:import'>;
};

/** base64 is 4 bytes per 3, plus room for the JSON around it. */
const JSON_OVERHEAD_BYTES = 4096;
/** An upload is refused while another is being transcribed; clients retry after this. */
const BUSY_RETRY_AFTER_SEC = 5;

const ok = (json: unknown): RouteResponse => ({ status: 200, json });
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1';

export function createApiRoutes(deps: ApiDeps): Route[] {
  const { registry, limits } = deps;
  let uploadRunning = false;

  const captions = (s: StreamSession) => ({
    ...s.info(),
    is_final: false,
    words: s.committed.map((w) => ({ word: w.text, start: round3(w.startSec), end: round3(w.endSec) })),
  });

  const endedBody = (s: StreamSession, ended: EndedStream) => ({
    ...captions(s),
    state: 'ended',
    is_final: true,
    reason: ended.reason,
    saved: ended.result !== null,
    ...(ended.error ? { error: ended.error } : {}),
    transcript: ended.result?.text ?? s.committedText,
    result: ended.result,
  });

  return [
    {
      method: 'GET',
      path: '/health',
      handle: async () => {
        const engine = deps.engine.status;
        return ok({
          status: engine.state === 'ready' ? 'ok' : engine.state,
          engine: { state: engine.state, message: engine.message },
          model: engine.state === 'ready' ? engine.modelPath : null,
          uptime_sec: Math.round((Date.now() - deps.startedAtMs) / 1000),
          active_sessions: registry.size,
          connections: deps.connections(),
          version: deps.version,
        });
      },
    },
    // The WebSocket transcription service's own names for these two (/api/v1/websocket/…) are aliases.
    ...['/api/sessions', '/api/v1/websocket/sessions'].map((path): Route => ({
      method: 'GET',
      path,
      handle: async () => ok({ sessions: registry.list() }),
    })),
    ...['/api/sessions/{id}/end', '/api/v1/websocket/sessions/{id}/end'].map((path): Route => ({
      method: 'POST',
      path,
      handle: async ({ params }) => {
        const session = registry.get(params.id!);
        if (!session) throw new ServerError('unknown_session', `No streaming session with id ${params.id}.`);
        return ok(endedBody(session, await registry.end(session, 'api')));
      },
    })),
    {
      method: 'GET',
      path: '/streaming/stats',
      handle: async () =>
        ok({
          ...registry.stats(),
          connections: deps.connections(),
          engine: deps.engine.status.state,
          uptime_sec: Math.round((Date.now() - deps.startedAtMs) / 1000),
        }),
    },
    ...createSttRoutes(registry, limits),
    {
      method: 'POST',
      path: '/api/stream-chunk',
      body: { kind: 'buffer', maxBytes: Math.ceil((limits.maxChunkBytes * 4) / 3) + JSON_OVERHEAD_BYTES },
      handle: async (req) => {
        const { session, ended } = await takeChunk(
          registry,
          limits,
          parseStreamChunk(req, limits.maxChunkBytes),
        );
        return ok(ended ? endedBody(session, ended) : captions(session));
      },
    },
    {
      method: 'POST',
      path: '/api/transcribe',
      body: { kind: 'file', maxBytes: limits.maxUploadBytes },
      handle: async (req) => {
        if (uploadRunning) {
          return {
            status: 503,
            headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SEC) },
            json: {
              error: { code: 'busy', message: 'Another recording is being transcribed; try again shortly.' },
            },
          };
        }
        uploadRunning = true;
        try {
          return ok(await transcribeUpload(deps, req));
        } finally {
          uploadRunning = false;
        }
      },
    },
    {
      method: 'GET',
      path: '/api/answers/{id}/audio',
      handle: async ({ params }) => {
        const answerId = params.id!;
        if (!answerIdSchema.safeParse(answerId).success) {
          throw new ServerError('bad_request', 'An answer id is a UUID.');
        }
        const answer = deps.repository.getAnswer(answerId);
        const file = answer?.audioPath;
        // Only recordings inside the data folder's audio/, whatever the database says.
        if (!file || !isInside(deps.paths.audioDir, file) || !existsSync(file)) {
          throw new ServerError('not_found', `No saved recording for answer ${answerId}.`);
        }
        return { status: 200, file, contentType: 'audio/wav' };
      },
    },
    {
      method: 'GET',
      path: '/api/sessions/{id}/export',
      handle: async ({ params, query }) => {
        const review = deps.review;
        if (!review) throw new ServerError('not_found', 'Export is not available on this server.');
        const id = sessionIdSchema.safeParse(params.id);
        const format = exportFormatSchema.safeParse(query.get('format'));
        if (!id.success || !format.success) {
          throw new ServerError('bad_request', 'Use /api/sessions/{uuid}/export?format=md|json|pdf|coach.');
        }
        const file = await review['session:export'](id.data, format.data);
        return {
          status: 200,
          bytes: Buffer.from(file.bytes),
          contentType: file.mimeType,
          fileName: file.fileName,
        };
      },
    },
    {
      method: 'POST',
      path: '/api/recordings',
      // Streamed to a temporary file, never held in memory; ffmpeg decodes it from there.
      body: { kind: 'file', maxBytes: limits.maxUploadBytes },
      handle: async (req) => {
        const review = deps.review;
        if (!review) throw new ServerError('not_found', 'Import is not available on this server.');
        if (!req.bodyFile) throw new ServerError('bad_request', 'Send the recording as the request body.');
        const q = (name: string) => req.query.get(name) ?? undefined;
        const parsed = importRecordingSchema.safeParse({
          importId: q('import_id'),
          fileName: q('name') ?? 'recording',
          filePath: req.bodyFile,
          questionId: q('question_id'),
          questionText: q('question_text'),
          sessionId: q('session_id'),
          keepNoHistory: q('keep_no_history') === 'true' ? true : undefined,
        });
        if (!parsed.success) {
          throw new ServerError('bad_request', describeValidationError('POST /api/recordings', parsed.error));
        }
        try {
          return ok(await review['recording:import'](parsed.data));
        } catch (err) {
          throw new ServerError('bad_request', (err as Error).message);
        }
      },
    },
    {
      method: 'POST',
      path: '/api/bundles',
      body: { kind: 'buffer', maxBytes: MAX_IMPORT_BYTES },
      handle: async (req) => {
        const review = deps.review;
        if (!review) throw new ServerError('not_found', 'Import is not available on this server.');
        const body = req.body ?? Buffer.alloc(0);
        if (body.length === 0)
          throw new ServerError('bad_request', 'Send the bundle file as the request body.');
        const name = (req.query.get('name') ?? 'bundle.coach').slice(0, 255);
        const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
        try {
          return ok(await review['bundle:import'](bytes, name));
        } catch (err) {
          throw new ServerError('bad_request', (err as Error).message);
        }
      },
    },
  ];
}

async function transcribeUpload(deps: ApiDeps, req: RouteRequest) {
  if (!req.bodyFile) throw new ServerError('bad_request', 'Send the recording as the request body.');
  const samples = uploadSamples(deps.decode(req.bodyFile, { maxSec: deps.limits.maxSessionSec }));
  const question = req.query.get('question')?.trim() || DEFAULT_STREAM_QUESTION;
  const result: AnswerResult = await analyzeRecording(deps.service, samples, {
    questionId: STREAM_QUESTION_ID,
    questionText: question,
  });
  return {
    session_id: result.sessionId,
    answer_id: result.answerId,
    saved: true,
    duration_sec: round3(result.report.durationSec),
    transcript: result.text,
    result,
  };
}

/** The decoder's chunks, with its errors worded for HTTP clients. */
async function* uploadSamples(chunks: AsyncIterable<Float32Array>): AsyncGenerator<Float32Array> {
  try {
    yield* chunks;
  } catch (err) {
    if (err instanceof AudioTooLongError) throw new ServerError('max_duration', err.message);
    if (err instanceof AudioDecodeError) throw new ServerError('decode_failed', err.message);
    throw err;
  }
}

/**
 * Raw audio in the body with `?session_id=…&is_final=true` (and `sample_rate`, `encoding`, `channels`
 * when it is not 16 kHz 16-bit mono), or JSON `{"session_id":"…","audio":"<base64>","is_final":true}`
 * with the same format fields.
 */
function parseStreamChunk(req: RouteRequest, maxChunkBytes: number): AudioChunk {
  const body = req.body ?? Buffer.alloc(0);
  let fields: (name: string) => string | null;
  let audio: Buffer;
  if (req.contentType.startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ServerError('bad_request', 'The JSON body could not be parsed.');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new ServerError(
        'bad_request',
        'The JSON body must be an object with "session_id", "audio", "is_final".',
      );
    }
    const o = json as Record<string, unknown>;
    if (o.audio !== undefined && typeof o.audio !== 'string') {
      throw new ServerError(
        'bad_audio',
        '"audio" must be base64-encoded audio (16-bit PCM unless "encoding" says otherwise).',
      );
    }
    audio = Buffer.from((o.audio as string | undefined) ?? '', 'base64');
    fields = (name) => {
      const v = o[name];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
    };
  } else if (req.contentType === '' || /^(application\/octet-stream|audio\/)/.test(req.contentType)) {
    audio = body;
    fields = (name) => req.query.get(name);
  } else {
    throw new ServerError(
      'unsupported_media_type',
      'Send raw PCM as application/octet-stream, or JSON with base64 "audio".',
    );
  }
  if (audio.byteLength > maxChunkBytes) {
    throw new ServerError('payload_too_large', `A chunk may hold at most ${maxChunkBytes} bytes of PCM.`);
  }
  return {
    sessionId: fields('session_id'),
    question: fields('question'),
    format: streamFormatFrom(fields),
    formatDeclared: ['sample_rate', 'encoding', 'channels'].some((n) => fields(n) !== null),
    audio,
    isFinal: truthy(fields('is_final')),
  };
}
