// Starts the real coach server in-process (real whisper.cpp on the synthetic model, a temp data
// folder, a tiny static site) and talks to it like an outside client would: raw WebSockets and fetch.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import { startCoachServer, type CoachServer, type CoachServerOptions } from '../../src/server/coachServer';
import type { ServerLimits } from '../../src/server/limits';
import { sharedAudio, tempDir } from './fixtures';

export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmn';

export type Harness = {
  server: CoachServer;
  logs: string[];
  /** ws://127.0.0.1:port */
  wsOrigin: string;
  staticDir: string;
  /** fetch with the token (unless `token: null`). */
  api: (pathname: string, init?: RequestInit & { token?: string | null }) => Promise<Response>;
};

/** A stand-in for out/renderer: enough to test serving, headers and path traversal. */
export function makeStaticSite(): string {
  const root = tempDir('coach-static-');
  const site = path.join(root, 'site');
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Interview Coach</title>');
  writeFileSync(path.join(site, 'assets', 'app.js'), 'console.log("app");');
  // A secret beside the site: no URL may reach it.
  writeFileSync(path.join(root, 'secret.txt'), 'not for the web');
  return site;
}

export async function startHarness(
  modelPath: string,
  options: {
    limits?: Partial<ServerLimits>;
    decode?: CoachServerOptions['decode'];
    /** The rate limiters' clock: a fake one makes rate tests independent of event-loop stalls. */
    rateClockMs?: () => number;
  } = {},
): Promise<Harness> {
  const logs: string[] = [];
  const staticDir = makeStaticSite();
  const server = await startCoachServer({
    host: '127.0.0.1',
    port: 0,
    token: TEST_TOKEN,
    staticDir,
    paths: dataPaths(tempDir('coach-server-')),
    modelPath,
    limits: options.limits,
    decode: options.decode,
    ...(options.rateClockMs ? { rateClockMs: options.rateClockMs } : {}),
    log: (line) => logs.push(line),
  });
  // Wait for the model, so the first session does not race its loading.
  await server.engine.transcriber();
  return {
    server,
    logs,
    wsOrigin: `ws://127.0.0.1:${server.port}`,
    staticDir,
    api: (pathname, init = {}) => {
      const { token = TEST_TOKEN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set('Authorization', `Bearer ${token}`);
      return fetch(`${server.origin}${pathname}`, { ...rest, headers });
    },
  };
}

export type Json = Record<string, unknown> & { type?: string; kind?: string };

/**
 * How long a wait for one message may last at most. Only a guard against a hung test: a wait ends on
 * its message, or at once when the socket closes without it, never because the machine is slow.
 */
export const PROBE_GUARD_MS = 10 * 60_000;

type Waiter = { match: (m: Json) => boolean; resolve: (m: Json) => void; reject: (e: Error) => void };

/** A raw WebSocket client that records everything it receives and can wait for a message. */
export class WsProbe {
  readonly messages: Json[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Waiter[] = [];
  private seen = 0;
  private closedWith: { code: number; reason: string } | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString('utf8')) as Json;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        // No message can arrive any more: every wait still open has failed, now.
        for (const w of this.waiters) w.reject(this.closedError());
        this.waiters = [];
        resolve(this.closedWith);
      }),
    );
  }

  private closedError(): Error {
    const { code, reason } = this.closedWith!;
    return new Error(
      `the socket closed (${code} ${reason}) without a matching message; got ${JSON.stringify(this.messages.slice(-5))}`,
    );
  }

  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      const probe = new WsProbe(socket);
      socket.once('open', () => resolve(probe));
      socket.once('error', reject);
    });
  }

  /**
   * The next message (after those already returned by `next`) that matches: waits for it as long as the
   * socket is open (`guardMs` only stops a hung test).
   */
  next(match: (m: Json) => boolean | undefined, guardMs = PROBE_GUARD_MS): Promise<Json> {
    const found = this.messages.slice(this.seen).findIndex((m) => match(m));
    if (found >= 0) {
      this.seen += found + 1;
      return Promise.resolve(this.messages[this.seen - 1]!);
    }
    if (this.closedWith) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: (m: Json) => !!match(m),
        resolve: (m: Json) => {
          clearTimeout(guard);
          this.seen = this.messages.length;
          resolve(m);
        },
        reject: (e: Error) => {
          clearTimeout(guard);
          reject(e);
        },
      };
      // A waiter that gave up must not consume a later message.
      const guard = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `no matching message within ${guardMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`,
          ),
        );
      }, guardMs);
      this.waiters.push(waiter);
    });
  }

  nextOfType(type: string, guardMs?: number): Promise<Json> {
    return this.next((m) => m.type === type, guardMs);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.socket.close();
  }
}

/** What a refused upgrade answered: its HTTP status and JSON body. */
export function refusedUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => reject(new Error(`${url} was accepted`)));
    socket.on('error', () => undefined);
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as Json }));
    });
  });
}

/** A real recording as 16-bit PCM frames of `frameMs`. */
export function pcmFrames(file: string, frameMs = 200): Buffer[] {
  const { samples } = readWav16kMono(sharedAudio(file));
  const frameSamples = (16_000 * frameMs) / 1000;
  const frames: Buffer[] = [];
  for (let i = 0; i < samples.length; i += frameSamples) {
    frames.push(Buffer.from(float32ToPcm16(samples.subarray(i, i + frameSamples)).buffer));
  }
  return frames;
}
