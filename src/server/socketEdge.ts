// The one WebSocket edge every route stands behind (/ws/api, /ws/transcribe, /stt/stream): the frame
// size limit, the per-connection rate limits, the heartbeat, bounded sending and the close codes are
// implemented here once. Each protocol only says how it words an error and what it does with a message.
import type WebSocket from 'ws';
import { keepAlive } from './heartbeat';
import type { ServerLimits } from './limits';
import { connectionRateLimiter, type RateRefusal } from './rateLimit';
import type { ErrorCode } from './serverErrors';
import { BoundedSender } from './socketSender';

/** WebSocket close codes (RFC 6455 §7.4.1), one name each for every protocol. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  policy: 1008,
  tooBig: 1009,
  serverError: 1011,
} as const;

export type SocketEdgeOptions = {
  /** For log lines: "/ws/transcribe client …". */
  name: string;
  limits: ServerLimits;
  log: (line: string) => void;
  /** This protocol's error message, as sent to its client. */
  errorMessage: (code: ErrorCode, message: string) => unknown;
  /** The rate limiters' clock (tests freeze it); performance.now() by default. */
  nowMs?: () => number;
};

export type MessageHandlers = {
  message: (data: Buffer, isBinary: boolean) => void;
  /**
   * What a binary frame costs against the audio rate, in bytes of 16 kHz 16-bit mono (the unit of
   * limits.maxAudioBytesPerSec): protocols that accept other rates and encodings scale it.
   */
  audioCost?: (frame: Buffer) => number;
  /** After a rate limit the socket reads nothing more; by default it closes at once (1008). */
  rateLimited?: (refusal: RateRefusal) => void;
};

export class SocketEdge {
  readonly sender: BoundedSender;
  private rateRefused = false;

  constructor(
    readonly socket: WebSocket,
    private readonly opts: SocketEdgeOptions,
  ) {
    const { name, limits, log } = opts;
    this.sender = new BoundedSender(socket, limits, (queued) =>
      log(`[serve] ${name} client stopped reading (${queued} bytes queued); disconnected`),
    );
    keepAlive(socket, limits.heartbeatSec * 1000, () => log(`[serve] ${name} client missed a heartbeat`));
  }

  json(message: unknown, options: { droppable?: boolean } = {}): void {
    this.sender.json(message, options);
  }

  error(code: ErrorCode, message: string): void {
    this.sender.json(this.opts.errorMessage(code, message));
  }

  close(code: keyof typeof CLOSE, reason: string): void {
    this.socket.close(CLOSE[code], reason);
  }

  /** Reads the socket's messages within the limits; call once. */
  onMessage(handlers: MessageHandlers): void {
    const { limits } = this.opts;
    const overRate = connectionRateLimiter(limits, this.opts.nowMs);
    this.socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.rateRefused) return;
      if (data.byteLength > limits.maxFrameBytes) {
        this.error(
          'frame_too_large',
          `A frame of ${data.byteLength} bytes exceeds the ${limits.maxFrameBytes}-byte limit; send audio in smaller chunks (100–500 ms is typical).`,
        );
        this.close('tooBig', 'frame too large');
        return;
      }
      const cost = isBinary ? (handlers.audioCost?.(data) ?? data.byteLength) : data.byteLength;
      const refusal = overRate(cost, isBinary);
      if (refusal) {
        this.rateRefused = true;
        this.error(refusal.code, refusal.message);
        if (handlers.rateLimited) handlers.rateLimited(refusal);
        else this.close('policy', 'rate limit');
        return;
      }
      handlers.message(data, isBinary);
    });
  }
}

/** A text message as a JSON object with a string `type`, or the reason it is not one. */
export function parseTypedMessage(
  text: string,
): { ok: true; type: string; message: Record<string, unknown> } | { ok: false; why: string } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return {
      ok: false,
      why: 'Text messages must be JSON like {"type":"ping"}; audio goes in binary frames.',
    };
  }
  const type =
    typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    return {
      ok: false,
      why: 'Text messages must be JSON objects with a "type" field, like {"type":"ping"}.',
    };
  }
  return { ok: true, type, message: message as Record<string, unknown> };
}
