// The server's sockets: one node:http server for the built renderer, the HTTP API and the WebSocket
// upgrades. Glue only: it checks the token and the limits, reads bodies, and hands requests to the
// pure routes (httpRoutes.ts) and sockets to their protocol (wsBridge.ts, transcribeProtocol.ts).
import { rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { tokenFromRequest, tokenMatches } from './accessToken';
import { readBody, saveBody, sendError, sendFile, sendResponse } from './httpIo';
import type { Route, RouteRequest } from './httpRoutes';
import { hardFrameCapBytes, type ServerLimits } from './limits';
import { makeUploadDir, removeAbandonedUploads } from './uploadTemp';
import { badTarget, crossSiteRefusal, decodePathSegment, parseRequestTarget } from './requestEdge';
import { errorBody, ServerError, toServerError } from './serverErrors';
import { resolveStaticPath, safeHostHeader, staticHeaders } from './staticFiles';

export type SocketEndpoint = {
  /** Exact path, or a prefix ending in '/' whose remainder is passed on as `rest`. */
  path: string;
  acceptsSubpath?: boolean;
  /** Checks the query before the upgrade (an unsupported audio format is refused with HTTP 400). */
  validate?: (url: URL) => ServerError | null;
  open: (socket: WebSocket, req: IncomingMessage, url: URL, rest: string | null) => void;
};

export type HttpServerOptions = {
  host: string;
  port: number;
  token: string;
  limits: ServerLimits;
  /** The built renderer (out/renderer). */
  staticDir: string;
  routes: Route[];
  sockets: SocketEndpoint[];
  log: (line: string) => void;
};

export type RunningHttpServer = {
  port: number;
  /** Open WebSockets. */
  connections: () => number;
  close: () => Promise<void>;
};

/** Paths that need the token; everything else is the (public, token-free) built renderer. */
const isApiPath = (p: string): boolean =>
  p === '/health' || ['/api/', '/ws/', '/stt/', '/streaming/'].some((prefix) => p.startsWith(prefix));

/** Sockets get this long to close politely on shutdown before they are cut. */
const SHUTDOWN_GRACE_MS = 2000;

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  // Uploads a crash interrupted (their server is gone) are deleted before this one takes any.
  for (const dir of removeAbandonedUploads()) opts.log(`[serve] removed an interrupted upload: ${dir}`);
  const { limits, log } = opts;
  /** The port actually bound (opts.port may be 0), for the CSP when a request has no usable Host. */
  let boundPort = opts.port;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hardFrameCapBytes(limits),
    perMessageDeflate: false,
  });
  const server = http.createServer((req, res) => {
    handleRequest(opts, boundPort, req, res).catch((err: unknown) => {
      log(`[serve] ${req.method} ${req.url?.split('?')[0]} failed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, toServerError(err));
      else res.destroy();
    });
  });
  // Slow-loris style clients cannot hold sockets forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 10 * 60_000;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Nothing a client sends may throw out of here: node:http has no one to catch it but the process.
    try {
      const refusal = checkUpgrade(opts, req, wss.clients.size);
      if (refusal instanceof ServerError) {
        log(`[serve] refused WebSocket ${req.url?.split('?')[0]}: ${refusal.code}`);
        return refuseUpgrade(socket, refusal);
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => log(`[serve] WebSocket error: ${err.message}`));
        try {
          refusal.endpoint.open(ws, req, refusal.url, refusal.rest);
        } catch (err) {
          log(`[serve] WebSocket ${refusal.url.pathname} failed to open: ${(err as Error).message}`);
          ws.close(1011, 'internal error');
        }
      });
    } catch (err) {
      log(`[serve] WebSocket upgrade failed: ${(err as Error).stack ?? String(err)}`);
      refuseUpgrade(socket, toServerError(err));
    }
  });
  // A socket error (a reset, a write after the peer left) ends that socket only.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  boundPort = (server.address() as AddressInfo).port;
  return {
    port: boundPort,
    connections: () => wss.clients.size,
    close: async () => {
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      const deadline = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      clearTimeout(deadline);
      wss.close();
    },
  };
}

type UpgradeMatch = { endpoint: SocketEndpoint; url: URL; rest: string | null };

function checkUpgrade(
  opts: HttpServerOptions,
  req: IncomingMessage,
  openSockets: number,
): UpgradeMatch | ServerError {
  const url = parseRequestTarget(req.url);
  if (!url) return badTarget();
  if (!tokenMatches(tokenFromRequest(req), opts.token)) {
    return new ServerError(
      'unauthorized',
      'A valid access token is required (?token=… as printed by coach serve).',
    );
  }
  const crossSite = crossSiteRefusal(req.headers, 'WebSocket connections');
  if (crossSite) return crossSite;
  let match: { endpoint: SocketEndpoint; rest: string | null } | null = null;
  for (const endpoint of opts.sockets) {
    if (url.pathname === endpoint.path) match = { endpoint, rest: null };
    else if (endpoint.acceptsSubpath && url.pathname.startsWith(`${endpoint.path}/`)) {
      const rest = decodePathSegment(url.pathname.slice(endpoint.path.length + 1));
      if (rest === null)
        return new ServerError('bad_session_id', 'The session id in the path is not valid percent-encoding.');
      match = { endpoint, rest };
    }
    if (match) break;
  }
  if (!match) return new ServerError('not_found', `No WebSocket endpoint at ${url.pathname}.`);
  const invalid = match.endpoint.validate?.(url);
  if (invalid) return invalid;
  if (openSockets >= opts.limits.maxConnections) {
    return new ServerError(
      'too_many_connections',
      `The server already has ${opts.limits.maxConnections} open connections (its limit); close one and retry.`,
    );
  }
  return { ...match, url };
}

/** Refuses an upgrade with a plain HTTP response whose JSON body says why (ws clients expose it). */
function refuseUpgrade(socket: Duplex, e: ServerError): void {
  const body = JSON.stringify(errorBody(e.code, e.message));
  const status = e.status;
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

async function handleRequest(
  opts: HttpServerOptions,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = parseRequestTarget(req.url);
  if (!url) return sendError(res, badTarget());
  if (!isApiPath(url.pathname)) return serveStatic(opts, port, req, res, url.pathname);
  if (!tokenMatches(tokenFromRequest(req), opts.token)) {
    return sendError(
      res,
      new ServerError('unauthorized', 'A valid access token is required (Authorization: Bearer …).'),
    );
  }
  const crossSite = crossSiteRefusal(req.headers, 'API requests');
  if (crossSite) return sendError(res, crossSite);
  const found = findRoute(opts.routes, req.method ?? 'GET', url.pathname);
  if (found === 'method')
    return sendError(res, new ServerError('method_not_allowed', `${req.method} is not allowed here.`));
  if (!found) return sendError(res, new ServerError('not_found', `Nothing at ${url.pathname}.`));
  const { route, params } = found;

  let tempDir: string | null = null;
  try {
    const routeReq: RouteRequest = {
      params,
      query: url.searchParams,
      contentType: (req.headers['content-type'] ?? '').toLowerCase(),
      body: null,
      bodyFile: null,
    };
    if (route.body?.kind === 'buffer') routeReq.body = await readBody(req, route.body.maxBytes);
    if (route.body?.kind === 'file') {
      tempDir = makeUploadDir();
      routeReq.bodyFile = path.join(tempDir, 'upload');
      await saveBody(req, routeReq.bodyFile, route.body.maxBytes);
    }
    await sendResponse(req, res, await route.handle(routeReq));
  } catch (err) {
    const e = toServerError(err);
    if (e.code === 'internal') opts.log(`[serve] ${req.method} ${url.pathname}: ${e.message}`);
    // A refused body is not read to its end; closing lets the client see the answer at once.
    if (e.code === 'payload_too_large') res.setHeader('Connection', 'close');
    sendError(res, e);
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function findRoute(
  routes: Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | 'method' | null {
  let wrongMethod = false;
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method || (route.method === 'GET' && method === 'HEAD')) return { route, params };
    wrongMethod = true;
  }
  return wrongMethod ? 'method' : null;
}

function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = pathname.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      const value = h ? decodePathSegment(h) : null;
      if (value === null) return null;
      params[w.slice(1, -1)] = value;
    } else if (w !== h) return null;
  }
  return params;
}

async function serveStatic(
  opts: HttpServerOptions,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const file = resolveStaticPath(opts.staticDir, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('Not found\n');
    return;
  }
  const host = safeHostHeader(req.headers.host, `${opts.host}:${port}`);
  await sendFile(req, res, file, staticHeaders(file, host));
}
