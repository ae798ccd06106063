// The app bridge's answers and the server-wide cap on streams, with the handlers faked so a start
// can be held open: back-to-back starts, and a page that goes away while its answer is starting.
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import { describe, expect, it, vi } from 'vitest';
import type { CoachHandlers, CoachSendHandlers } from '../../src/core/api/coachHandlers';
import type { EngineHost } from '../../src/core/asr/engineHost';
import type { AnswerResult } from '../../src/shared/domain';
import { AnswerEventRouter } from '../../src/server/answerEvents';
import { DEFAULT_SERVER_LIMITS } from '../../src/server/limits';
import { StreamSlots } from '../../src/server/streamSlots';
import { serveBridgeSocket } from '../../src/server/wsBridge';
import type { StartedAnswer } from '../../src/shared/ipcContract';

/** Enough of a ws socket for serveBridgeSocket: it records what is sent and can be "closed". */
class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Record<string, unknown>[] = [];
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  ping(): void {}
  terminate(): void {}
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
  receive(message: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
  result(id: number): Record<string, unknown> | undefined {
    return this.sent.find((m) => m.kind === 'result' && m.id === id);
  }
}

const START_ARGS = [{ questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 }];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup(maxStreams: number) {
  /** Starts wait here until the test lets them finish. */
  const pendingStarts: ((a: StartedAnswer) => void)[] = [];
  const handlers = {
    'answer:start': vi.fn(() => new Promise<StartedAnswer>((resolve) => pendingStarts.push(resolve))),
    'answer:stop': vi.fn(async () => ({}) as AnswerResult),
    'answer:cancel': vi.fn(async () => undefined),
  };
  const slots = new StreamSlots(maxStreams);
  const serve = () => {
    const socket = new FakeSocket();
    serveBridgeSocket(socket as unknown as WebSocket, {
      handlers: handlers as unknown as CoachHandlers,
      sendHandlers: { 'audio:chunk': () => undefined } as CoachSendHandlers,
      router: new AnswerEventRouter(),
      engine: { onStatus: () => () => undefined } as unknown as EngineHost,
      limits: { ...DEFAULT_SERVER_LIMITS, maxStreams },
      slots,
      log: () => undefined,
    });
    return socket;
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { handlers, slots, serve, pendingStarts, settle };
}

describe('answers over the app bridge hold one of the server-wide stream slots', () => {
  it('counts a start while it is still starting: a burst gets no more than maxStreams', async () => {
    const { handlers, slots, serve, pendingStarts, settle } = setup(2);
    const a = serve();
    const b = serve();
    for (const id of [1, 2, 3]) a.receive({ kind: 'invoke', id, channel: 'answer:start', args: START_ARGS });
    b.receive({ kind: 'invoke', id: 1, channel: 'answer:start', args: START_ARGS });
    await settle();
    // Two starts are still in flight; the third on `a` and the one on `b` are refused at once.
    expect(handlers['answer:start']).toHaveBeenCalledTimes(2);
    expect(a.result(3)).toMatchObject({ ok: false, code: 'too_many_streams' });
    expect(b.result(1)).toMatchObject({ ok: false, code: 'too_many_streams' });
    expect(slots.size).toBe(2);
    pendingStarts.forEach((resolve, i) => resolve({ sessionId: uuid(100), answerId: uuid(i) }));
    await settle();
    expect([a.result(1), a.result(2)]).toMatchObject([{ ok: true }, { ok: true }]);
    // Closing the page stops (and saves) both; their slots are free once that is done.
    a.close();
    await settle();
    expect((handlers['answer:stop'].mock.calls as unknown as [string][]).map(([id]) => id).sort()).toEqual([
      uuid(0),
      uuid(1),
    ]);
    expect(slots.size).toBe(0);
  });

  it('cancels an answer whose start resolves after its page has gone, and frees its slot', async () => {
    const { handlers, slots, serve, pendingStarts, settle } = setup(1);
    const page = serve();
    page.receive({ kind: 'invoke', id: 1, channel: 'answer:start', args: START_ARGS });
    await settle();
    page.close();
    expect(slots.size).toBe(1);
    pendingStarts[0]!({ sessionId: uuid(100), answerId: uuid(7) });
    await settle();
    expect(handlers['answer:cancel']).toHaveBeenCalledWith(uuid(7));
    expect(slots.size).toBe(0);
    // Another page can start an answer now.
    const next = serve();
    next.receive({ kind: 'invoke', id: 1, channel: 'answer:start', args: START_ARGS });
    await settle();
    expect(handlers['answer:start']).toHaveBeenCalledTimes(2);
  });

  it('frees the slot of a start that failed', async () => {
    const { handlers, slots, serve, settle } = setup(1);
    handlers['answer:start'].mockImplementationOnce(() => Promise.reject(new Error('No model')));
    const page = serve();
    page.receive({ kind: 'invoke', id: 1, channel: 'answer:start', args: START_ARGS });
    await settle();
    expect(page.result(1)).toMatchObject({ ok: false, error: 'No model' });
    expect(slots.size).toBe(0);
  });
});
