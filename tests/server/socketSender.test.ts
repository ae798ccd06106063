// The outgoing queue per client is bounded: replaceable updates are skipped first, then the client goes.
import { describe, expect, it } from 'vitest';
import { BoundedSender } from '../../src/server/socketSender';

function fakeSocket() {
  return {
    readyState: 1,
    bufferedAmount: 0,
    sent: [] as unknown[],
    terminated: false,
    send(data: unknown) {
      this.sent.push(data);
    },
    terminate() {
      this.terminated = true;
      this.readyState = 3;
    },
  };
}

const limits = { droppableAfterBytes: 100, maxBufferedBytes: 1000 };

describe('BoundedSender', () => {
  it('sends while the client keeps up', () => {
    const socket = fakeSocket();
    const sender = new BoundedSender(socket as never, limits, () => undefined);
    expect(sender.json({ a: 1 }, { droppable: true })).toBe('sent');
    expect(sender.send('x')).toBe('sent');
    expect(socket.sent).toEqual(['{"a":1}', 'x']);
  });

  it('skips replaceable updates for a client that is behind, but not the others', () => {
    const socket = fakeSocket();
    socket.bufferedAmount = 500;
    const sender = new BoundedSender(socket as never, limits, () => undefined);
    expect(sender.send('tentative', { droppable: true })).toBe('skipped');
    expect(sender.send('final')).toBe('sent');
    expect(sender.skipped).toBe(1);
    expect(socket.sent).toEqual(['final']);
  });

  it('disconnects a client whose queue would pass the limit, telling the caller once', () => {
    const socket = fakeSocket();
    socket.bufferedAmount = 990;
    const overflows: number[] = [];
    const sender = new BoundedSender(socket as never, limits, (q) => overflows.push(q));
    expect(sender.send('x'.repeat(20))).toBe('disconnected');
    expect(socket.terminated).toBe(true);
    expect(overflows).toEqual([990]);
    expect(sender.send('more')).toBe('skipped');
    expect(overflows).toHaveLength(1);
  });
});
