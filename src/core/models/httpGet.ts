// One HTTP GET, never following redirects (the downloader decides which ones it follows), over
// whichever stack the front door has: Node's http/https for the CLI and `coach serve`, Electron's
// `net` in the desktop app (system proxy, PAC files and proxy authentication, as Chromium does).
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/** A response as the downloader reads it. */
export type HttpResponse = {
  status: number;
  statusText: string;
  /** A response header by its lower-case name (the first one, when it was sent several times). */
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  /** Stops the transfer: a body the downloader does not want, or an error while reading it. */
  discard(): void;
};

export type HttpGetOptions = { headers: Record<string, string>; signal: AbortSignal };

/** Sends a GET and resolves with the response, a 3xx included; rejects on network errors. */
export type HttpGet = (url: URL, opts: HttpGetOptions) => Promise<HttpResponse>;

const firstValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export const nodeHttpGet: HttpGet = (url, opts) =>
  new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { headers: opts.headers, signal: opts.signal }, (res: IncomingMessage) =>
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        header: (name) => firstValue(res.headers[name]),
        body: res,
        discard: () => res.destroy(),
      }),
    );
    request.on('error', reject);
  });

/**
 * The parts of Electron's net.request / ClientRequest / IncomingMessage this uses, so the adapter is
 * tested here without Electron (src/main passes the real `net.request`).
 */
export type NetRequestOptions = {
  method: 'GET';
  url: string;
  headers: Record<string, string>;
  redirect: 'manual';
};
export type NetIncomingMessage = {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
};
export type NetClientRequest = {
  on(event: 'response', listener: (res: NetIncomingMessage) => void): unknown;
  on(
    event: 'redirect',
    listener: (
      statusCode: number,
      method: string,
      redirectUrl: string,
      headers: Record<string, string[]>,
    ) => void,
  ): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  abort(): void;
  end(): void;
};

/**
 * Electron's net: with redirect 'manual' a redirect arrives as a 'redirect' event (the request is
 * cancelled unless followRedirect() is called there); it is handed over as a 3xx response with its
 * Location, the same shape Node's http gives.
 */
export function netHttpGet(request: (opts: NetRequestOptions) => NetClientRequest): HttpGet {
  return (url, opts) =>
    new Promise((resolve, reject) => {
      const req = request({ method: 'GET', url: url.href, headers: opts.headers, redirect: 'manual' });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        opts.signal.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        req.abort();
        settle(() => reject(opts.signal.reason ?? new Error('aborted')));
      };
      if (opts.signal.aborted) return onAbort();
      opts.signal.addEventListener('abort', onAbort, { once: true });
      req.on('redirect', (statusCode, _method, redirectUrl) => {
        settle(() =>
          resolve({
            status: statusCode,
            statusText: '',
            header: (name) => (name === 'location' ? redirectUrl : undefined),
            body: (async function* () {})(),
            discard: () => undefined,
          }),
        );
      });
      req.on('response', (res) => {
        // Aborting later (idle, cancel) must also stop a body being read.
        const stop = () => req.abort();
        opts.signal.addEventListener('abort', stop, { once: true });
        settle(() =>
          resolve({
            status: res.statusCode,
            statusText: res.statusMessage,
            header: (name) => firstValue(res.headers[name]),
            body: abortable(bodyOf(res), opts.signal),
            discard: stop,
          }),
        );
      });
      req.on('error', (err) => settle(() => reject(err)));
      req.end();
    });
}

/** Ends the iteration with the signal's reason once it aborts, whatever the source does. */
async function* abortable(source: AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    if (signal.aborted) throw signal.reason ?? new Error('aborted');
    yield chunk;
  }
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
}

/**
 * The body as chunks. Electron's IncomingMessage is a Readable (async-iterable, with backpressure);
 * its typings promise only the events, which are the fallback.
 */
function bodyOf(res: NetIncomingMessage): AsyncIterable<Uint8Array> {
  if (Symbol.asyncIterator in res) return res as unknown as AsyncIterable<Uint8Array>;
  const chunks: Uint8Array[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  res.on('data', (chunk) => {
    chunks.push(chunk);
    notify();
  });
  res.on('end', () => {
    ended = true;
    notify();
  });
  res.on('aborted', () => {
    failure ??= new Error('the connection was aborted');
    notify();
  });
  res.on('error', (err) => {
    failure ??= err;
    notify();
  });
  return (async function* () {
    for (;;) {
      const chunk = chunks.shift();
      if (chunk) yield chunk;
      else if (failure) throw failure;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
}
