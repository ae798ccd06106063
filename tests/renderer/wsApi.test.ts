// window.api over the server's WebSocket: the renderer's side of browser mode, with a scripted socket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeAccessToken } from '../../src/renderer/src/bridge/accessToken';
import {
  CONNECTION_LOST_MESSAGE,
  createWsApi,
  SERVER_SILENT_MESSAGE,
  type WsApi,
} from '../../src/renderer/src/bridge/wsApi';
import { decodeAudioFrame } from '../../src/shared/bridgeProtocol';
import { ANSWER_ID, ENGINE_READY, QUESTIONS } from './fakeApi';

/** Just enough of a browser WebSocket to script the server's side. */
class FakeSocket {
  static all: FakeSocket[] = [];
  binaryType = 'blob';
  sent: (string | ArrayBuffer)[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string | ArrayBuffer) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.();
  }
  open() {
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  invokes() {
    return this.sent.filter((d): d is string => typeof d === 'string').map((d) => JSON.parse(d));
  }
}

const latest = () => FakeSocket.all.at(-1)!;

/** The page's API over scripted sockets, which the tests open, feed and close. */
function scriptedApi(diagnose: () => Promise<string | null>): WsApi {
  FakeSocket.all = [];
  return createWsApi({
    url: 'ws://127.0.0.1:1/ws/api?token=t',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    diagnose,
    reconnectDelaysMs: [1000],
  });
}

describe('createWsApi', () => {
  let api: WsApi;
  const diagnose = vi.fn(async (): Promise<string | null> => null);

  beforeEach(() => {
    vi.useFakeTimers();
    diagnose.mockReset().mockResolvedValue(null);
    api = scriptedApi(diagnose);
  });
  afterEach(() => {
    api.close();
    vi.useRealTimers();
  });

  it('queues invokes until the socket opens, then resolves each by its id', async () => {
    const questions = api.listQuestions();
    const status = api.getStatus();
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().binaryType).toBe('arraybuffer');
    const [q, s] = latest().invokes();
    expect(q).toEqual({ kind: 'invoke', id: 1, channel: 'questions:list', args: [] });
    expect(s).toEqual({ kind: 'invoke', id: 2, channel: 'app:status', args: [] });
    latest().receive({
      kind: 'result',
      id: 2,
      ok: true,
      value: { dataDir: '/d', modelsDir: '/m', engine: ENGINE_READY },
    });
    latest().receive({ kind: 'result', id: 1, ok: true, value: QUESTIONS });
    await expect(questions).resolves.toEqual(QUESTIONS);
    await expect(status).resolves.toMatchObject({ dataDir: '/d' });
  });

  it("rejects with the server's message when a handler fails", async () => {
    latest().open();
    const start = api.startAnswer({ questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 });
    expect(latest().invokes()[0]).toMatchObject({
      channel: 'answer:start',
      args: [{ questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 }],
    });
    latest().receive({ kind: 'result', id: 1, ok: false, error: 'No speech model found' });
    await expect(start).rejects.toThrow('No speech model found');
  });

  it('delivers pushes to their subscribers until they unsubscribe', () => {
    latest().open();
    const captions = vi.fn();
    const nudges = vi.fn();
    const stop = api.onCaption(captions);
    api.onNudge(nudges);
    const caption = { answerId: ANSWER_ID, seq: 1, committedText: 'a', tentativeText: 'b', audioSec: 1 };
    latest().receive({ kind: 'push', channel: 'caption:update', payload: caption });
    stop();
    latest().receive({ kind: 'push', channel: 'caption:update', payload: { ...caption, seq: 2 } });
    expect(captions.mock.calls).toEqual([[caption]]);
    expect(nudges).not.toHaveBeenCalled();
  });

  it('sends audio as binary frames tagged with the answer id, and drops it while disconnected', () => {
    const pcm = new Int16Array([1, -2, 3]).buffer;
    api.sendAudio(ANSWER_ID, pcm);
    expect(latest().sent).toEqual([]);
    latest().open();
    api.sendAudio(ANSWER_ID, pcm);
    const frame = latest().sent[0] as ArrayBuffer;
    const decoded = decodeAudioFrame(new Uint8Array(frame));
    expect(decoded?.answerId).toBe(ANSWER_ID);
    expect([...new Int16Array(decoded!.pcm16)]).toEqual([1, -2, 3]);
  });

  it('on a lost connection: fails pending calls with the reason, shows it as the engine status, reconnects', async () => {
    latest().open();
    const statuses = vi.fn();
    api.onEngineStatus(statuses);
    const pending = api.listSessions();
    diagnose.mockResolvedValueOnce('The server did not accept this page’s access token.');
    latest().close();
    await expect(pending).rejects.toThrow('The server did not accept this page’s access token.');
    expect(statuses).toHaveBeenLastCalledWith({
      state: 'error',
      message: 'The server did not accept this page’s access token.',
    });
    // Calls while down fail at once with the same reason instead of hanging.
    await expect(api.listSessions()).rejects.toThrow('access token');

    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    // After reconnecting it asks for the engine status again and shows it.
    const ask = latest().invokes()[0];
    expect(ask).toMatchObject({ channel: 'app:status' });
    latest().receive({
      kind: 'result',
      id: ask.id,
      ok: true,
      value: { dataDir: '/d', modelsDir: '/m', engine: ENGINE_READY },
    });
    await vi.waitFor(() => expect(statuses).toHaveBeenLastCalledWith(ENGINE_READY));
  });

  it("says the server is 'lost' the moment an open socket closes, before any diagnosis has answered", async () => {
    const states: string[] = [];
    api.onServerConnection!((state) => states.push(state));
    // A first connection that never opened is no loss: nothing was recording into it.
    latest().close();
    expect(states).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    latest().open();
    expect(states).toEqual([]);
    // The diagnosis (an HTTP request) never answers here: the loss is known without it.
    diagnose.mockReturnValue(new Promise(() => undefined));
    latest().close();
    expect(states).toEqual(['lost']);
  });

  it("says 'back' once a lost connection opens again", async () => {
    const states: string[] = [];
    api.onServerConnection!((state) => states.push(state));
    latest().open();
    latest().close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(states).toEqual(['lost']);
    latest().open();
    expect(states).toEqual(['lost', 'back']);
  });

  it('falls back to a generic message when it cannot tell why', async () => {
    const statuses = vi.fn();
    api.onEngineStatus(statuses);
    latest().close();
    await vi.waitFor(() =>
      expect(statuses).toHaveBeenCalledWith({ state: 'error', message: CONNECTION_LOST_MESSAGE }),
    );
  });
});

describe('createWsApi with a server that stops answering (stopped process, frozen machine)', () => {
  let api: WsApi;
  const diagnose = vi.fn(async (): Promise<string | null> => null);
  const pings = (socket: FakeSocket) => socket.invokes().filter((m) => m.kind === 'ping').length;

  beforeEach(() => {
    vi.useFakeTimers();
    // A stopped server's HTTP side does not answer either.
    diagnose.mockReset().mockReturnValue(new Promise(() => undefined));
    api = scriptedApi(diagnose);
  });
  afterEach(() => {
    api.close();
    vi.useRealTimers();
  });

  it('keeps a quiet connection that answers its pings', async () => {
    const states: string[] = [];
    api.onServerConnection!((state) => states.push(state));
    const socket = latest();
    socket.open();
    for (let i = 0; i < 12; i++) {
      await vi.advanceTimersByTimeAsync(5000);
      socket.receive({ kind: 'pong' });
    }
    expect(pings(socket)).toBeGreaterThanOrEqual(10);
    expect(states).toEqual([]);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("says 'lost' within 20 s of silence, fails pending calls with why, and tries again", async () => {
    const states: string[] = [];
    const statuses = vi.fn();
    api.onServerConnection!((state) => states.push(state));
    api.onEngineStatus(statuses);
    const socket = latest();
    socket.open();
    // Heard once, then never again.
    await vi.advanceTimersByTimeAsync(2000);
    socket.receive({ kind: 'pong' });
    const pending = api.listSessions();
    const failed = expect(pending).rejects.toThrow(SERVER_SILENT_MESSAGE);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(states).toEqual([]);
    expect(pings(socket)).toBe(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(states).toEqual(['lost']);
    // The diagnosis hangs too: the page still says why, once it has waited for it long enough.
    await vi.advanceTimersByTimeAsync(5000);
    await failed;
    expect(statuses).toHaveBeenLastCalledWith({ state: 'error', message: SERVER_SILENT_MESSAGE });
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(states).toEqual(['lost', 'back']);
  });

  it('gives up on a connection that never opens, and tries again', async () => {
    const statuses = vi.fn();
    api.onEngineStatus(statuses);
    const pending = api.listQuestions();
    const failed = expect(pending).rejects.toThrow(SERVER_SILENT_MESSAGE);
    await vi.advanceTimersByTimeAsync(9000);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000 + 5000);
    await failed;
    expect(statuses).toHaveBeenLastCalledWith({ state: 'error', message: SERVER_SILENT_MESSAGE });
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe('takeAccessToken', () => {
  it('takes the token from the link, keeps it for the tab and removes it from the address bar', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const history = { state: null, replaceState: vi.fn() };
    expect(takeAccessToken({ href: 'http://127.0.0.1:8765/?token=abc&x=1#h' }, storage, history)).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1#h');
    // A reload no longer has it in the URL, but the tab still does.
    expect(takeAccessToken({ href: 'http://127.0.0.1:8765/' }, storage, history)).toBe('abc');
    expect(
      takeAccessToken(
        { href: 'http://127.0.0.1:8765/' },
        { getItem: () => null, setItem: () => undefined },
        history,
      ),
    ).toBeNull();
  });
});

describe('createWsApi: files over HTTP (recordings, exports, bundles)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches recordings and exports, and posts bundles, with the token; review calls go over the socket', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, ...(init ? { init } : {}) });
        if (url.startsWith('/api/bundles')) {
          return new Response(JSON.stringify({ status: 'imported', sessionId: 's', answers: 1 }));
        }
        if (url.includes('format=exe')) {
          return new Response(JSON.stringify({ error: { message: 'Use format=md|json|pdf|coach.' } }), {
            status: 400,
          });
        }
        return new Response(new Uint8Array([1, 2, 3]), {
          headers: {
            'content-type': 'text/markdown',
            'content-disposition': `attachment; filename="x.md"; filename*=UTF-8''2026%20R%C3%A9sum%C3%A9.md`,
          },
        });
      }),
    );
    const api = createWsApi({
      url: 'ws://127.0.0.1:1/ws/api?token=t',
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      answerAudioUrl: (id) => `/api/answers/${id}/audio?token=t`,
      apiUrl: (p) => `${p}${p.includes('?') ? '&' : '?'}token=t`,
    });
    expect((await api.getAnswerAudio(ANSWER_ID)).byteLength).toBe(3);
    const file = await api.exportSession(ANSWER_ID, 'md');
    expect(file).toMatchObject({ fileName: '2026 Résumé.md', mimeType: 'text/markdown' });
    expect(await api.importBundle(new ArrayBuffer(4), 'a b.coach')).toMatchObject({ status: 'imported' });
    await expect(api.exportSession(ANSWER_ID, 'exe' as 'md')).rejects.toThrow(
      'Use format=md|json|pdf|coach.',
    );
    expect(calls.map((c) => c.url)).toEqual([
      `/api/answers/${ANSWER_ID}/audio?token=t`,
      `/api/sessions/${ANSWER_ID}/export?format=md&token=t`,
      '/api/bundles?name=a%20b.coach&token=t',
      `/api/sessions/${ANSWER_ID}/export?format=exe&token=t`,
    ]);
    expect(calls[2]!.init?.method).toBe('POST');

    void api.listHistory({ sort: 'score' });
    latest().open();
    expect(latest().invokes()).toEqual([
      { kind: 'invoke', id: 1, channel: 'history:list', args: [{ sort: 'score' }] },
    ]);
    api.close();
  });
});
