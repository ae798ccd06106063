// Sending to one WebSocket without ever buffering without bound. A client that reads slowly first
// loses replaceable updates (the next tentative caption or metrics supersede them anyway); one that
// stops reading altogether is disconnected instead of growing the server's memory.
import type WebSocket from 'ws';
import type { ServerLimits } from './limits';

export type SendOutcome = 'sent' | 'skipped' | 'disconnected';

type Socket = Pick<WebSocket, 'send' | 'bufferedAmount' | 'readyState' | 'terminate'>;

/** ws's readyState for an open socket (WebSocket.OPEN), without importing ws's runtime here. */
const OPEN = 1;

export class BoundedSender {
  /** Replaceable updates not sent because the client was behind. */
  skipped = 0;

  constructor(
    private readonly socket: Socket,
    private readonly limits: Pick<ServerLimits, 'droppableAfterBytes' | 'maxBufferedBytes'>,
    /** Told once, before a client that stopped reading is disconnected. */
    private readonly onOverflow: (queuedBytes: number) => void,
  ) {}

  send(data: string | ArrayBuffer | Uint8Array, options: { droppable?: boolean } = {}): SendOutcome {
    if (this.socket.readyState !== OPEN) return 'skipped';
    const queued = this.socket.bufferedAmount;
    if (options.droppable && queued > this.limits.droppableAfterBytes) {
      this.skipped += 1;
      return 'skipped';
    }
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (queued + size > this.limits.maxBufferedBytes) {
      this.onOverflow(queued);
      this.socket.terminate();
      return 'disconnected';
    }
    this.socket.send(data);
    return 'sent';
  }

  json(message: unknown, options: { droppable?: boolean } = {}): SendOutcome {
    return this.send(JSON.stringify(message), options);
  }
}
