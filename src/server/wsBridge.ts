// The IPC contract over one WebSocket (wire format: src/shared/bridgeProtocol.ts). It registers the
// same handler tables Electron's IPC registers, and validates with the same schemas; only the
// transport differs. Each connection receives the events of the answers it started.
import type WebSocket from 'ws';
import type { CoachHandlers, CoachSendHandlers } from '../core/api/coachHandlers';
import type { EngineHost } from '../core/asr/engineHost';
import type { ModelManager } from '../core/models/modelManager';
import { z } from 'zod';
import { decodeAudioFrame, type BridgeServerMessage } from '../shared/bridgeProtocol';
import {
  answerIdSchema,
  describeValidationError,
  invokeArgSchemas,
  sendArgSchemas,
  type InvokeChannel,
  type PushChannel,
  type PushChannels,
  type StartedAnswer,
} from '../shared/ipcContract';
import type { AnswerEventRouter } from './answerEvents';
import { keepAlive } from './heartbeat';
import type { ServerLimits } from './limits';
import { connectionRateLimiter } from './rateLimit';
import { BoundedSender } from './socketSender';

export type BridgeDeps = {
  handlers: CoachHandlers;
  sendHandlers: CoachSendHandlers;
  router: AnswerEventRouter;
  engine: EngineHost;
  /** Model download progress is pushed to every connection, like the engine's status. */
  models?: ModelManager;
  limits: ServerLimits;
  log: (line: string) => void;
};

const bridgeClientMessageSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(100),
  args: z.array(z.unknown()),
});

/** WebSocket close codes (RFC 6455 §7.4.1): a rate limit (policy), a message over the size limit. */
const CLOSE_POLICY = 1008;
const CLOSE_TOO_BIG = 1009;

const isInvokeChannel = (channel: string): channel is InvokeChannel =>
  Object.hasOwn(invokeArgSchemas, channel);

export function serveBridgeSocket(socket: WebSocket, deps: BridgeDeps): void {
  const { handlers, router, limits, log } = deps;
  const sender = new BoundedSender(socket, limits, (queued) =>
    log(`[serve] app client stopped reading (${queued} bytes queued); disconnected`),
  );
  const send = (message: BridgeServerMessage, droppable = false) => sender.json(message, { droppable });
  const push = <C extends PushChannel>(
    channel: C,
    payload: Parameters<PushChannels[C]>[0],
    droppable = false,
  ) => send({ kind: 'push', channel, payload } as BridgeServerMessage, droppable);

  /** Answers this connection started: it receives their events, and only it may send their audio. */
  const owned = new Map<string, () => void>();
  const claim = (answerId: string) => {
    owned.set(
      answerId,
      router.listen(answerId, {
        // Captions and stats each carry the whole current state, so a skipped one loses nothing.
        caption: (u) => push('caption:update', u, true),
        stats: (s) => push('live:stats', s, true),
        nudge: (n) => push('coach:nudge', n),
        answerError: (message) => push('answer:error', { answerId, message }),
      }),
    );
  };
  /** Answers this connection is already stopping or cancelling. */
  const finishing = new Set<string>();
  const release = (answerId: string) => {
    owned.get(answerId)?.();
    owned.delete(answerId);
  };

  const unsubscribeStatus = deps.engine.onStatus((status) => push('engine:status', status));
  // Each progress message carries the whole state, so a skipped one loses nothing; outcomes are kept.
  const unsubscribeModels = deps.models?.onDownload((p) =>
    push('models:download', p, p.state === 'downloading'),
  );
  keepAlive(socket, limits.heartbeatSec * 1000, () => log('[serve] app client missed a heartbeat'));

  const invoke = async (id: number, channel: InvokeChannel, raw: unknown[]): Promise<void> => {
    const parsed = invokeArgSchemas[channel].safeParse(raw);
    if (!parsed.success) {
      send({ kind: 'result', id, ok: false, error: describeValidationError(channel, parsed.error) });
      return;
    }
    if (channel === 'answer:start' && owned.size >= limits.maxStreams) {
      send({
        kind: 'result',
        id,
        ok: false,
        code: 'too_many_streams',
        error: `${limits.maxStreams} answers are already recording on this connection (the server's limit); stop one first.`,
      });
      return;
    }
    const finishes = channel === 'answer:stop' || channel === 'answer:cancel';
    if (finishes) finishing.add(parsed.data[0] as string);
    try {
      const value: unknown = await (handlers[channel] as (...a: unknown[]) => Promise<unknown>)(
        ...(parsed.data as unknown[]),
      );
      if (channel === 'answer:start') claim((value as StartedAnswer).answerId);
      // JSON cannot carry bytes; recordings have their own HTTP route (the browser's api uses it).
      if (value instanceof ArrayBuffer) {
        send({ kind: 'result', id, ok: false, error: 'Fetch recordings from GET /api/answers/{id}/audio.' });
        return;
      }
      send({ kind: 'result', id, ok: true, value });
    } catch (err) {
      send({ kind: 'result', id, ok: false, error: (err as Error).message });
    } finally {
      if (finishes) release(parsed.data[0] as string);
    }
  };

  const onAudio = (frame: Buffer) => {
    const decoded = decodeAudioFrame(frame);
    const answerId = decoded && answerIdSchema.safeParse(decoded.answerId).success ? decoded.answerId : '';
    const reject = (message: string) => push('answer:error', { answerId, message });
    if (!decoded || !answerId)
      return reject('Malformed audio frame: expected a 36-byte answer id, then PCM.');
    const parsed = sendArgSchemas['audio:chunk'].safeParse([answerId, decoded.pcm16]);
    if (!parsed.success) return reject(describeValidationError('audio:chunk', parsed.error));
    if (!owned.has(answerId)) return reject(`Answer ${answerId} was not started on this connection.`);
    try {
      deps.sendHandlers['audio:chunk'](...parsed.data);
    } catch (err) {
      reject((err as Error).message);
    }
  };

  const onText = (text: string) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      send({
        kind: 'error',
        error: 'Messages must be JSON: {"kind":"invoke","id":1,"channel":"…","args":[]}.',
      });
      return;
    }
    const message = bridgeClientMessageSchema.safeParse(json);
    if (!message.success) {
      send({ kind: 'error', error: describeValidationError('bridge message', message.error) });
      return;
    }
    const { id, channel, args } = message.data;
    if (!isInvokeChannel(channel)) {
      send({ kind: 'result', id, ok: false, error: `Unknown channel: ${channel}` });
      return;
    }
    void invoke(id, channel, args);
  };

  const overRate = connectionRateLimiter(limits);
  let rateRefused = false;
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (rateRefused) return;
    if (data.byteLength > limits.maxFrameBytes) {
      send({
        kind: 'error',
        code: 'frame_too_large',
        error: `A frame of ${data.byteLength} bytes exceeds the ${limits.maxFrameBytes}-byte limit.`,
      });
      socket.close(CLOSE_TOO_BIG, 'frame too large');
      return;
    }
    const refusal = overRate(data.byteLength, isBinary);
    if (refusal) {
      // Nothing more is read; closing saves any answer still recording (see 'close' below).
      rateRefused = true;
      send({ kind: 'error', code: refusal.code, error: refusal.message });
      socket.close(CLOSE_POLICY, 'rate limit');
      return;
    }
    if (isBinary) onAudio(data);
    else onText(data.toString('utf8'));
  });

  socket.on('close', () => {
    unsubscribeStatus();
    unsubscribeModels?.();
    // Like closing the desktop window: answers still recording are saved, not lost.
    for (const answerId of [...owned.keys()]) {
      release(answerId);
      if (!finishing.has(answerId)) handlers['answer:stop'](answerId).catch(() => undefined);
    }
  });
}
