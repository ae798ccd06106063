// The second front door, assembled: the same PracticeService, engine, data folder and handler tables
// as the desktop app (src/main/index.ts), served over HTTP and WebSockets instead of Electron IPC.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCoachApp } from '../core/app/coachApp';
import { renderPdf } from '../core/export/pdfRender';
import type { EngineHost } from '../core/asr/engineHost';
import { decodeAudioChunks } from '../core/audio/decodeFile';
import { dataPaths, type DataPaths } from '../core/dataPaths';
import { resourcesDir } from '../core/resourcesDir';
import type { StreamParams } from '../core/streaming/streamParams';
import { BRIDGE_PATH } from '../shared/bridgeProtocol';
import { AnswerEventRouter } from './answerEvents';
import { createApiRoutes, type ApiDeps } from './httpRoutes';
import { startHttpServer } from './httpServer';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './limits';
import { StreamSessionRegistry } from './streamSessions';
import { StreamSlots } from './streamSlots';
import type { ServerError } from './serverErrors';
import { streamFormatFrom, streamFormatRefusal } from './streamFormatParams';
import { parseSttLanguage, serveSttSocket, STT_STREAM_PATH } from './sttProtocol';
import { serveTranscribeSocket, TRANSCRIBE_PATH } from './transcribeProtocol';
import { serveBridgeSocket } from './wsBridge';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;

export type CoachServerOptions = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  paths?: DataPaths;
  modelPath?: string | undefined;
  limits?: Partial<ServerLimits>;
  streamParams?: StreamParams;
  /** Injectable for tests of the upload route's error handling. */
  decode?: ApiDeps['decode'];
  /** The WebSocket rate limiters' clock, in ms; tests pass a fake one. performance.now() by default. */
  rateClockMs?: () => number;
  log?: (line: string) => void;
};

export type CoachServer = {
  host: string;
  port: number;
  /** http://host:port */
  origin: string;
  limits: ServerLimits;
  engine: EngineHost;
  paths: DataPaths;
  close: () => Promise<void>;
};

export async function startCoachServer(opts: CoachServerOptions): Promise<CoachServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const limits: ServerLimits = { ...DEFAULT_SERVER_LIMITS, ...opts.limits };
  const host = opts.host ?? DEFAULT_HOST;
  const router = new AnswerEventRouter();
  const coach = createCoachApp({
    paths: opts.paths ?? dataPaths(),
    modelPath: opts.modelPath,
    events: router.events,
    log,
    ...(opts.streamParams ? { streamParams: opts.streamParams } : {}),
    renderPdf,
  });
  const { service, engine, models, storage, paths, handlers, sendHandlers } = coach;
  // One cap for every answer streaming at once, however it arrives (limits.ts: maxStreams).
  const slots = new StreamSlots(limits.maxStreams);
  const registry = new StreamSessionRegistry({ service, router, limits, slots, log });
  const nowMs = opts.rateClockMs;

  let connections = () => 0;
  const routes = createApiRoutes({
    registry,
    service,
    engine,
    repository: storage.sessions,
    paths,
    limits,
    startedAtMs: Date.now(),
    connections: () => connections(),
    decode: opts.decode ?? decodeAudioChunks,
    version: packageVersion(),
    review: handlers,
  });
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer({
      host,
      port: opts.port ?? DEFAULT_PORT,
      token: opts.token,
      limits,
      staticDir: opts.staticDir,
      routes,
      log,
      sockets: [
        {
          path: BRIDGE_PATH,
          open: (socket) =>
            serveBridgeSocket(socket, {
              handlers,
              sendHandlers,
              router,
              engine,
              models,
              imports: coach.imports,
              limits,
              slots,
              log,
              ...(nowMs ? { nowMs } : {}),
            }),
        },
        {
          path: TRANSCRIBE_PATH,
          acceptsSubpath: true,
          validate: (url) => streamFormatRefusal(url.searchParams),
          open: (socket, _req, url, rest) =>
            serveTranscribeSocket(socket, {
              registry,
              limits,
              sessionId: rest || null,
              question: url.searchParams.get('question'),
              format: streamFormatFrom((name) => url.searchParams.get(name)),
              log,
              ...(nowMs ? { nowMs } : {}),
            }),
        },
        {
          path: STT_STREAM_PATH,
          validate: (url) => {
            try {
              parseSttLanguage(url.searchParams.get('language'));
            } catch (err) {
              return err as ServerError;
            }
            return streamFormatRefusal(url.searchParams);
          },
          open: (socket, _req, url) =>
            serveSttSocket(socket, {
              registry,
              limits,
              language: parseSttLanguage(url.searchParams.get('language')),
              question: url.searchParams.get('question'),
              format: streamFormatFrom((name) => url.searchParams.get(name)),
              log,
              ...(nowMs ? { nowMs } : {}),
            }),
        },
      ],
    });
  } catch (err) {
    await coach.close();
    throw err;
  }
  connections = http.connections;
  // Load the model now, so the first answer does not wait for it.
  engine.transcriber().catch((err: Error) => log(`[serve] ${err.message}`));

  const running = http;
  return {
    host,
    port: running.port,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${running.port}`,
    limits,
    engine,
    paths,
    close: async () => {
      // Streams first (their clients get their final messages), then anything the app was recording.
      await registry.endAll('shutdown');
      await running.close();
      await coach.close();
    },
  };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(resourcesDir(), '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
