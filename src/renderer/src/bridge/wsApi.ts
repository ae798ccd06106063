// `window.api` over the server's WebSocket bridge, for the renderer in a plain browser (`coach serve`).
// Same CoachApi as Electron's preload, so nothing above this file knows which transport it runs on.
import { bindApiMethods } from '../../../shared/apiMethods';
import {
  encodeAudioFrame,
  type BridgeInvoke,
  type BridgePing,
  type BridgeServerMessage,
} from '../../../shared/bridgeProtocol';
import type {
  ImportProgress,
  InvokeChannel,
  InvokeChannels,
  PushChannel,
  PushChannels,
} from '../../../shared/ipcContract';
import type { CoachApi, ServerConnectionState } from '../../../shared/apiMethods';

export type WsApiOptions = {
  /** ws://host:port/ws/api?token=… */
  url: string;
  /** Injectable for tests. */
  createSocket?: (url: string) => WebSocket;
  /** Says why the connection failed, when it can tell (a rejected token, a stopped server). */
  diagnose?: () => Promise<string | null>;
  /** Waits between reconnection attempts; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
  /** Where a saved answer's recording is served over HTTP (the bridge carries JSON, not bytes). */
  answerAudioUrl?: (answerId: string) => string;
  /** An HTTP API path of `coach serve` with the access token added, for exports and imports (bytes). */
  apiUrl?: (pathAndQuery: string) => string;
};

export type WsApi = CoachApi & {
  /** Closes the connection for good (tests; a page simply goes away). */
  close: () => void;
};

const DEFAULT_RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10_000] as const;

export const CONNECTION_LOST_MESSAGE =
  'Lost the connection to the Interview Coach server. Reconnecting… If this lasts, check that “coach serve” is still running.';

export const SERVER_SILENT_MESSAGE =
  'The Interview Coach server stopped answering. Reconnecting… If this lasts, check that “coach serve” is still running and not paused (Ctrl+Z or a suspended machine).';

/**
 * A server process that is stopped (Ctrl+Z, SIGSTOP) or frozen keeps its sockets open, so the page
 * would wait for it forever. An open connection that has heard nothing for a tick sends a ping; one
 * that hears nothing for SILENT_SERVER_MS is given up and retried, like a closed one.
 */
const LIVENESS_TICK_MS = 5000;
const SILENT_SERVER_MS = 15_000;
/** Such a server also accepts new connections without ever completing them. */
const OPEN_TIMEOUT_MS = 10_000;
/** Nor does it answer the diagnosis's HTTP request. */
const DIAGNOSE_TIMEOUT_MS = 5000;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type AnyListener = (payload: unknown) => void;

/** The server's `{"error":{"message"}}`, or the fallback. */
async function httpError(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}

/** Of the bar, the share the upload fills over `coach serve` (the server's own progress fills the rest). */
const UPLOAD_SHARE = 0.1;

export function createWsApi(options: WsApiOptions): WsApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const delays = options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
  const listeners = new Map<PushChannel, Set<AnyListener>>();
  const pending = new Map<number, Pending>();
  /** Invokes made while the connection is opening, sent once it is open. */
  let queued: string[] = [];
  let socket: WebSocket | null = null;
  let state: 'connecting' | 'open' | 'down' | 'closed' = 'connecting';
  let lastFailure = CONNECTION_LOST_MESSAGE;
  let nextId = 1;
  let attempt = 0;
  let everOpened = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Imports this page is uploading (abort cancels them) or the server is analysing. */
  const uploads = new Map<string, XMLHttpRequest>();
  /** Imports whose file has reached the server: Cancel then goes to the server. */
  const uploaded = new Set<string>();

  const connectionListeners = new Set<(state: ServerConnectionState) => void>();
  /** Set when an open connection closed; cleared (with 'back') when one opens again. */
  let lost = false;
  const connectionChanged = (state: ServerConnectionState) => {
    lost = state === 'lost';
    for (const cb of connectionListeners) cb(state);
  };

  const emit = <C extends PushChannel>(channel: C, payload: Parameters<PushChannels[C]>[0]) => {
    for (const cb of listeners.get(channel) ?? []) cb(payload);
  };

  /** Why the connection failed, if the server's HTTP side can tell in time (a stopped one cannot). */
  const diagnose = async (): Promise<string | null> => {
    if (!options.diagnose) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), DIAGNOSE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([options.diagnose().catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    let message: BridgeServerMessage;
    try {
      message = JSON.parse(event.data) as BridgeServerMessage;
    } catch {
      return;
    }
    if (message.kind === 'result') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
    } else if (message.kind === 'pong') {
      // Heard: nothing else to do.
    } else if (message.kind === 'push') {
      if (message.channel === 'import:progress') {
        // The server measures its own part; after the upload it fills the rest of the page's bar.
        const p = message.payload as ImportProgress;
        if (!uploads.has(p.importId)) return;
        emit('import:progress', { ...p, fraction: UPLOAD_SHARE + (1 - UPLOAD_SHARE) * p.fraction });
        return;
      }
      emit(message.channel, message.payload as never);
    } else {
      console.warn(`[coach] the server refused a message: ${message.error}`);
    }
  };

  /** Gives up on a socket that is closed or hung, and retries. */
  const lose = (ws: WebSocket, fallback: string) => {
    if (socket !== ws || state === 'closed') return;
    const wasOpen = state === 'open';
    socket = null;
    state = 'down';
    // At once, before any diagnosis: a page recording into a server that is gone must stop now.
    if (wasOpen && !lost) connectionChanged('lost');
    void failAndRetry(fallback);
  };

  /** Gives up on a socket that has not closed but no longer answers (or never opened). */
  const giveUp = (ws: WebSocket) => {
    lose(ws, SERVER_SILENT_MESSAGE);
    ws.close();
  };

  /** Pings an open socket that has gone quiet, and gives it up once it has been silent too long. */
  const watchLiveness = (ws: WebSocket): { heard: () => void } => {
    let quietMs = 0;
    const timer = setInterval(() => {
      if (socket !== ws || state !== 'open') {
        clearInterval(timer);
        return;
      }
      quietMs += LIVENESS_TICK_MS;
      if (quietMs > SILENT_SERVER_MS) {
        clearInterval(timer);
        giveUp(ws);
        return;
      }
      const ping: BridgePing = { kind: 'ping' };
      ws.send(JSON.stringify(ping));
    }, LIVENESS_TICK_MS);
    return {
      heard: () => {
        quietMs = 0;
      },
    };
  };

  const connect = () => {
    state = 'connecting';
    const ws = createSocket(options.url);
    socket = ws;
    ws.binaryType = 'arraybuffer';
    const openTimer = setTimeout(() => {
      if (socket !== ws || state !== 'connecting') return;
      giveUp(ws);
    }, OPEN_TIMEOUT_MS);
    let liveness: { heard: () => void } | null = null;
    ws.onopen = () => {
      clearTimeout(openTimer);
      if (socket !== ws) return;
      state = 'open';
      liveness = watchLiveness(ws);
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      for (const text of queued) ws.send(text);
      queued = [];
      if (lost) connectionChanged('back');
      // After a reconnection the engine may have changed (or the server restarted): ask again.
      if (reconnected) {
        api.getStatus().then(
          (status) => emit('engine:status', status.engine),
          () => undefined,
        );
      }
    };
    ws.onmessage = (event) => {
      liveness?.heard();
      onMessage(event);
    };
    ws.onclose = () => {
      clearTimeout(openTimer);
      lose(ws, CONNECTION_LOST_MESSAGE);
    };
  };

  const failAndRetry = async (fallback: string) => {
    const reason = (await diagnose()) ?? fallback;
    lastFailure = reason;
    const failure = new Error(reason);
    for (const waiter of pending.values()) waiter.reject(failure);
    pending.clear();
    queued = [];
    emit('engine:status', { state: 'error', message: reason });
    if (state === 'closed') return;
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay);
  };

  function invoke<C extends InvokeChannel>(channel: C): InvokeChannels[C] {
    return ((...args: unknown[]) =>
      new Promise((resolve, reject) => {
        if (state === 'down' || state === 'closed') {
          reject(new Error(lastFailure));
          return;
        }
        const id = nextId++;
        const message: BridgeInvoke = { kind: 'invoke', id, channel, args };
        pending.set(id, { resolve, reject });
        const text = JSON.stringify(message);
        if (state === 'open' && socket) socket.send(text);
        else queued.push(text);
      })) as InvokeChannels[C];
  }

  function subscribe<C extends PushChannel>(channel: C) {
    return (cb: PushChannels[C]): (() => void) => {
      const set = listeners.get(channel) ?? new Set<AnyListener>();
      listeners.set(channel, set);
      const listener = cb as AnyListener;
      set.add(listener);
      return () => set.delete(listener);
    };
  }

  const bound = bindApiMethods({ invoke, subscribe });
  const api: WsApi = {
    ...bound,
    // Cancel stops the upload if it is still going, and the server's analysis if it has begun.
    cancelImport: async (importId) => {
      const xhr = uploads.get(importId);
      if (xhr && !uploaded.has(importId)) xhr.abort();
      else await bound.cancelImport(importId);
    },
    // Audio while the connection is down cannot reach the engine; the answer's stop reports the loss.
    sendAudio: (answerId, pcm16) => {
      if (state === 'open' && socket) socket.send(encodeAudioFrame(answerId, pcm16));
    },
    getAnswerAudio: async (answerId) => {
      const url = options.answerAudioUrl?.(answerId);
      if (!url) throw new Error('Recordings cannot be played over this connection.');
      const res = await fetch(url);
      if (!res.ok) throw new Error(`No saved recording for this answer (HTTP ${res.status}).`);
      return res.arrayBuffer();
    },
    exportSession: async (sessionId, format) => {
      if (!options.apiUrl) throw new Error('Export is not available over this connection.');
      const res = await fetch(
        options.apiUrl(`/api/sessions/${encodeURIComponent(sessionId)}/export?format=${format}`),
      );
      if (!res.ok) throw new Error(await httpError(res, 'The session could not be exported.'));
      const disposition = res.headers.get('content-disposition') ?? '';
      const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
      return {
        fileName: encoded ? decodeURIComponent(encoded) : `session.${format}`,
        mimeType: res.headers.get('content-type') ?? 'application/octet-stream',
        bytes: await res.arrayBuffer(),
      };
    },
    importBundle: async (bytes, fileName) => {
      if (!options.apiUrl) throw new Error('Import is not available over this connection.');
      const res = await fetch(options.apiUrl(`/api/bundles?name=${encodeURIComponent(fileName)}`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: bytes,
      });
      if (!res.ok) throw new Error(await httpError(res, 'The bundle could not be imported.'));
      return (await res.json()) as Awaited<ReturnType<WsApi['importBundle']>>;
    },
    // The file goes over HTTP, read from disk by the browser as it is sent: never whole in memory.
    importRecording: (file, request) =>
      new Promise((resolve, reject) => {
        if (!options.apiUrl) {
          reject(new Error('Import is not available over this connection.'));
          return;
        }
        const query = new URLSearchParams({
          import_id: request.importId,
          name: request.fileName,
          question_id: request.questionId,
          question_text: request.questionText,
          ...(request.sessionId ? { session_id: request.sessionId } : {}),
          ...(request.keepNoHistory ? { keep_no_history: 'true' } : {}),
        });
        const xhr = new XMLHttpRequest();
        uploads.set(request.importId, xhr);
        const done = () => {
          uploads.delete(request.importId);
          uploaded.delete(request.importId);
        };
        xhr.upload.onload = () => uploaded.add(request.importId);
        xhr.open('POST', options.apiUrl(`/api/recordings?${query.toString()}`));
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.responseType = 'json';
        xhr.upload.onprogress = (e) => {
          if (!e.lengthComputable || e.total === 0) return;
          emit('import:progress', {
            importId: request.importId,
            stage: 'uploading',
            fraction: (UPLOAD_SHARE * e.loaded) / e.total,
          });
        };
        xhr.onload = () => {
          done();
          const body = xhr.response as { error?: { message?: string } } | null;
          if (xhr.status === 200) resolve(xhr.response as Awaited<ReturnType<WsApi['importRecording']>>);
          else
            reject(
              new Error(body?.error?.message ?? `The recording could not be imported (HTTP ${xhr.status}).`),
            );
        };
        xhr.onerror = () => {
          done();
          reject(new Error(CONNECTION_LOST_MESSAGE));
        };
        xhr.onabort = () => {
          done();
          reject(new Error('Import cancelled — nothing of it was saved.'));
        };
        xhr.send(file);
      }),
    onServerConnection: (cb) => {
      connectionListeners.add(cb);
      return () => connectionListeners.delete(cb);
    },
    close: () => {
      state = 'closed';
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      socket = null;
    },
  };

  connect();
  return api;
}
