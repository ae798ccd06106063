// The IPC edge: every payload validated against the contract and every sender checked before a
// handler runs. Electron's ipcMain is replaced by a recorder; the validation is the real code.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (event: unknown, ...args: unknown[]) => unknown;
const registered = vi.hoisted(() => ({
  handle: new Map<string, Listener>(),
  on: new Map<string, Listener>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Listener) => registered.handle.set(channel, fn),
    on: (channel: string, fn: Listener) => registered.on.set(channel, fn),
  },
}));

const { handle, on } = await import('../../src/main/ipc');
const { invokeArgSchemas, sendArgSchemas } = await import('../../src/shared/ipcSchemas');
const { isTrustedIpcSender, ownPage } = await import('../../src/main/security');

const ownSender = { id: 1 };
const ownEvent = { sender: ownSender, senderFrame: { url: 'app://coach/index.html' } };
const isTrusted = (sender: unknown, url: string | undefined) =>
  sender === ownSender && !!url?.startsWith('app://coach/');
const uuid = '8a1f6c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('typed IPC registration', () => {
  beforeEach(() => {
    registered.handle.clear();
    registered.on.clear();
  });

  it('passes validated arguments to the handler', async () => {
    const handler = vi.fn(async () => ({ sessionId: uuid, answerId: uuid }));
    handle('answer:start', isTrusted as never, handler);
    const opts = { questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 };
    await expect(registered.handle.get('answer:start')!(ownEvent, opts)).resolves.toEqual({
      sessionId: uuid,
      answerId: uuid,
    });
    expect(handler).toHaveBeenCalledWith(opts);
  });

  it('rejects malformed payloads with a readable error and never calls the handler', async () => {
    const handler = vi.fn();
    handle('answer:start', isTrusted as never, handler);
    await expect(
      registered.handle.get('answer:start')!(ownEvent, { questionId: 'q', sampleRateHz: 44100 }),
    ).rejects.toThrow(/Invalid payload for answer:start: .*questionText.*sampleRateHz/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses calls from another page or frame', async () => {
    const handler = vi.fn();
    handle('sessions:list', isTrusted as never, handler);
    await expect(
      registered.handle.get('sessions:list')!({ sender: { id: 2 }, senderFrame: { url: 'file:///x' } }),
    ).rejects.toThrow(/untrusted sender/);
    await expect(
      registered.handle.get('sessions:list')!({
        sender: ownSender,
        senderFrame: { url: 'https://evil.example' },
      }),
    ).rejects.toThrow(/untrusted sender/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('drops oversized or malformed audio chunks, telling the sender why', () => {
    const handler = vi.fn();
    const onInvalid = vi.fn();
    on('audio:chunk', isTrusted as never, handler, onInvalid);
    const send = registered.on.get('audio:chunk')!;
    send(ownEvent, uuid, new ArrayBuffer(1 << 20));
    send(ownEvent, uuid, 'not audio');
    send(ownEvent, uuid, new ArrayBuffer(6400));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(onInvalid).toHaveBeenCalledTimes(2);
    expect(onInvalid.mock.calls[0]![1]).toMatch(/exceeds/);
  });

  it('reports a handler failure on a send channel instead of throwing into Electron', () => {
    const onInvalid = vi.fn();
    on(
      'audio:chunk',
      isTrusted as never,
      () => {
        throw new Error('No answer is recording with id x');
      },
      onInvalid,
    );
    registered.on.get('audio:chunk')!(ownEvent, uuid, new ArrayBuffer(6400));
    expect(onInvalid).toHaveBeenCalledWith(ownSender, 'No answer is recording with id x');
  });

  it('every channel refuses other windows, iframes and other pages, and payloads its schema rejects', async () => {
    // Wired as src/main/index.ts wires it: the real sender check against our own page.
    const own = ownPage(undefined);
    const check = (sender: unknown, frameUrl: string | undefined, isMainFrame: boolean) =>
      isTrustedIpcSender({ fromOwnWindow: sender === ownSender, frameUrl, isMainFrame }, own);
    const page = 'app://coach/index.html#/practice';
    const top = { url: page, parent: null };
    const refused = [
      { sender: { id: 2 }, senderFrame: top },
      { sender: ownSender, senderFrame: { url: page, parent: top } },
      { sender: ownSender, senderFrame: { url: 'file:///tmp/evil.html', parent: null } },
      { sender: ownSender, senderFrame: null },
    ];
    const channels = Object.keys(invokeArgSchemas) as (keyof typeof invokeArgSchemas)[];
    expect(channels.length).toBeGreaterThan(20);
    for (const channel of channels) {
      const handler = vi.fn();
      handle(channel, check as never, handler as never);
      const fn = registered.handle.get(channel)!;
      for (const event of refused) await expect(fn(event), channel).rejects.toThrow(/untrusted sender/);
      // Too many arguments, or the wrong kind, never reach a handler.
      const junk = [{ __proto__: { polluted: true } }, 'x'.repeat(10), 1, 2, 3, 4, 5];
      await expect(fn({ sender: ownSender, senderFrame: top }, ...junk), channel).rejects.toThrow(
        /^Invalid payload for /,
      );
      expect(handler, channel).not.toHaveBeenCalled();
    }
    for (const channel of Object.keys(sendArgSchemas) as (keyof typeof sendArgSchemas)[]) {
      const handler = vi.fn();
      on(channel, check as never, handler as never, vi.fn());
      for (const event of refused) registered.on.get(channel)!(event, uuid, new ArrayBuffer(6400));
      expect(handler, channel).not.toHaveBeenCalled();
      registered.on.get(channel)!({ sender: ownSender, senderFrame: top }, uuid, new ArrayBuffer(6400));
      expect(handler, channel).toHaveBeenCalledTimes(1);
    }
  });
});
