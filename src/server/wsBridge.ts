// The IPC contract over one WebSocket (wire format: src/shared/bridgeProtocol.ts). It registers the
// same handler tables Electron's IPC registers, and validates with the same schemas; only the
// transport differs. Each connection receives the events of the answers it started.
import type WebSocket from 'ws';
import type { CoachHandlers, CoachSendHandlers } from '../core/api/coachHandlers';
import type { EngineHost } from '../core/asr/engineHost';
import type { ModelManager } from '../core/models/modelManager';
import type { RecordingImports } from '../core/practice/recordingImport';
import { z } from 'zod';
import { decodeAudioFrame, type BridgeServerMessage } from '../shared/bridgeProtocol';
import {
  type InvokeChannel,
  type PushChannel,
  type PushChannels,
  type StartedAnswer,
} from '../shared/ipcContract';
import {
  answerIdSchema,
  describeValidationError,
  invokeArgSchemas,
  sendArgSchemas,
} from '../shared/ipcSchemas';
import type { AnswerEventRouter } from './answerEvents';
import type { ServerLimits } from './limits';
import { SocketEdge } from './socketEdge';
import { tooManyStreams } from './streamSessions';
import type { ReleaseSlot, StreamSlots } from './streamSlots';

export type BridgeDeps = {
  handlers: CoachHandlers;
  sendHandlers: CoachSendHandlers;
  router: AnswerEventRouter;
  engine: EngineHost;
  /** Model download progress is pushed to every connection, like the engine's status. */
  models?: ModelManager;
  /** Import progress too: it carries only the page's own import id and a fraction, never content. */
  imports?: RecordingImports;
  limits: ServerLimits;
  /** The server-wide cap on answers streaming at once, shared with /ws/transcribe and HTTP chunks. */
  slots: StreamSlots;
  /** The rate limiter's clock (tests freeze it); performance.now() by default. */
  nowMs?: () => number;
  log: (line: string) => void;
};

const bridgeClientMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().min(1).max(100),
    args: z.array(z.unknown()),
  }),
  z.object({ kind: z.literal('ping') }),
]);

const isInvokeChannel = (channel: string): channel is InvokeChannel =>
  Object.hasOwn(invokeArgSchemas, channel);

export function serveBridgeSocket(socket: WebSocket, deps: BridgeDeps): void {
  const { handlers, router, limits, log } = deps;
  const edge = new SocketEdge(socket, {
    name: 'app',
    limits,
    log,
    errorMessage: (code, error): BridgeServerMessage => ({ kind: 'error', code, error }),
    ...(deps.nowMs ? { nowMs: deps.nowMs } : {}),
  });
  const send = (message: BridgeServerMessage, droppable = false) => edge.json(message, { droppable });
  const push = <C extends PushChannel>(
    channel: C,
    payload: Parameters<PushChannels[C]>[0],
    droppable = false,
  ) => send({ kind: 'push', channel, payload } as BridgeServerMessage, droppable);

  /**
   * Answers this connection started: it receives their events, and only it may send their audio.
   * Each holds one of the server's stream slots until it has been stopped (and saved) or cancelled.
   */
  const owned = new Map<string, { unlisten: () => void; releaseSlot: ReleaseSlot }>();
  const claim = (answerId: string, releaseSlot: ReleaseSlot) => {
    const unlisten = router.listen(answerId, {
      // Captions and stats each carry the whole current state, so a skipped one loses nothing.
      caption: (u) => push('caption:update', u, true),
      stats: (s) => push('live:stats', s, true),
      nudge: (n) => push('coach:nudge', n),
      answerError: (message) => push('answer:error', { answerId, message }),
      finishing: (p) => push('answer:finishing', p, true),
    });
    owned.set(answerId, { unlisten, releaseSlot });
  };
  /** Answers this connection is already stopping or cancelling. */
  const finishing = new Set<string>();
  const release = (answerId: string) => {
    const entry = owned.get(answerId);
    entry?.unlisten();
    entry?.releaseSlot();
    owned.delete(answerId);
  };
  /** Set by 'close': an answer whose start resolves after this has nobody to record it. */
  let closed = false;

  const unsubscribeStatus = deps.engine.onStatus((status) => push('engine:status', status));
  // Each progress message carries the whole state, so a skipped one loses nothing; outcomes are kept.
  const unsubscribeModels = deps.models?.onDownload((p) =>
    push('models:download', p, p.state === 'downloading'),
  );

  const unsubscribeImports = deps.imports?.onProgress((p) =>
    push('import:progress', p, p.stage === 'transcribing'),
  );

  const invoke = async (id: number, channel: InvokeChannel, raw: unknown[]): Promise<void> => {
    const parsed = invokeArgSchemas[channel].safeParse(raw);
    if (!parsed.success) {
      send({ kind: 'result', id, ok: false, error: describeValidationError(channel, parsed.error) });
      return;
    }
    // The slot is taken before the await, so back-to-back starts cannot all pass the check.
    let slot: ReleaseSlot | null = null;
    if (channel === 'answer:start') {
      slot = deps.slots.tryTake();
      if (!slot) {
        const refusal = tooManyStreams(deps.slots.max);
        send({ kind: 'result', id, ok: false, code: refusal.code, error: refusal.message });
        return;
      }
    }
    const finishes = channel === 'answer:stop' || channel === 'answer:cancel';
    if (finishes) finishing.add(parsed.data[0] as string);
    try {
      const value: unknown = await (handlers[channel] as (...a: unknown[]) => Promise<unknown>)(
        ...(parsed.data as unknown[]),
      );
      if (slot) {
        const { answerId } = value as StartedAnswer;
        if (closed) {
          // The page went away while the answer was starting: no audio can reach it, so drop it.
          const releaseSlot = slot;
          slot = null;
          handlers['answer:cancel'](answerId)
            .catch(() => undefined)
            .finally(releaseSlot);
          return;
        }
        claim(answerId, slot);
        slot = null;
      }
      // JSON cannot carry bytes; recordings have their own HTTP route (the browser's api uses it).
      if (value instanceof ArrayBuffer) {
        send({ kind: 'result', id, ok: false, error: 'Fetch recordings from GET /api/answers/{id}/audio.' });
        return;
      }
      send({ kind: 'result', id, ok: true, value });
    } catch (err) {
      send({ kind: 'result', id, ok: false, error: (err as Error).message });
    } finally {
      slot?.();
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
    // The page's check that this process still answers (a stopped server keeps its sockets open).
    if (message.data.kind === 'ping') {
      send({ kind: 'pong' });
      return;
    }
    const { id, channel, args } = message.data;
    if (!isInvokeChannel(channel)) {
      send({ kind: 'result', id, ok: false, error: `Unknown channel: ${channel}` });
      return;
    }
    void invoke(id, channel, args);
  };

  // Past a rate limit nothing more is read and the socket closes; 'close' below saves any answer.
  edge.onMessage({
    message: (data, isBinary) => (isBinary ? onAudio(data) : onText(data.toString('utf8'))),
  });

  socket.on('close', () => {
    closed = true;
    unsubscribeStatus();
    unsubscribeModels?.();
    unsubscribeImports?.();
    // Like closing the desktop window: answers still recording are saved, not lost. Each keeps its
    // slot until it is saved; one already stopping or cancelling frees it when that call returns.
    for (const [answerId, entry] of [...owned]) {
      entry.unlisten();
      if (finishing.has(answerId)) continue;
      owned.delete(answerId);
      handlers['answer:stop'](answerId)
        .catch(() => undefined)
        .finally(entry.releaseSlot);
    }
  });
}
