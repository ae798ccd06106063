// `coach serve`: the engine's second front door. Serves the built app to a browser and the same API
// over a WebSocket, plus /ws/transcribe and a plain HTTP API for other tools (src/server/).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataPaths } from '../../core/dataPaths';
import { resourcesDir } from '../../core/resourcesDir';
import {
  createAccessToken,
  readLeftoverToken,
  removeTokenFile,
  TOKEN_FILE_NAME,
  writeTokenFile,
} from '../../server/accessToken';
import { DEFAULT_HOST, DEFAULT_PORT, startCoachServer } from '../../server/coachServer';
import { describeLimits } from '../../server/limits';
import { TRANSCRIBE_PATH } from '../../server/transcribeProtocol';
import type { Command, Io } from '../io';

export const serveCommand: Command = {
  usage: `coach serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--model path]`,
  run: (args, io) => {
    const signals = untilSignalled();
    return serve(args, io, signals.first, {
      force: signals.second,
      graceMs: shutdownGraceMs(),
      // Still saving after the grace: the engine passes and sockets would keep the process alive.
      exitNow: () => process.exit(0),
    });
  },
};

/**
 * How long a stop waits for the answers still recording to be saved. Long enough for a final pass on a
 * normal machine; past it, an answer is finished from its recording at the next start, as after a crash.
 */
export const SHUTDOWN_GRACE_MS = 15_000;

/** COACH_SHUTDOWN_GRACE_MS overrides the grace (tests make it short). */
function shutdownGraceMs(): number {
  const ms = Number(process.env.COACH_SHUTDOWN_GRACE_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : SHUTDOWN_GRACE_MS;
}

/** Ctrl+C in the terminal, or a service manager's stop; a second one stops without waiting. */
function untilSignalled(): { first: Promise<void>; second: Promise<void> } {
  let signalled = 0;
  let first!: () => void;
  let second!: () => void;
  const result = {
    first: new Promise<void>((resolve) => (first = resolve)),
    second: new Promise<void>((resolve) => (second = resolve)),
  };
  const onSignal = () => {
    signalled += 1;
    if (signalled === 1) first();
    else second();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return result;
}

export type StopOptions = {
  /** Resolves to stop at once, without waiting for the answers still being saved. */
  force?: Promise<void>;
  graceMs?: number;
  /** Ends the process when the save is cut short (the CLI exits; tests only observe it). */
  exitNow?: () => void;
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const isLoopback = (host: string): boolean => LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
/** Wildcard binds listen everywhere; links printed for this machine use the loopback address. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/** Serves until `stop` resolves (exported for tests, which cannot send the process a signal). */
export async function serve(
  args: string[],
  io: Io,
  stop: Promise<void>,
  { force, graceMs = SHUTDOWN_GRACE_MS, exitNow }: StopOptions = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      model: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(
      `coach serve: --port must be a number from 0 to 65535 (0 picks a free one)\n\n  ${serveCommand.usage}`,
    );
    return 2;
  }
  const host = values.host;
  if (!isLoopback(host)) {
    io.err(
      `Warning: listening on ${host}, not just this computer. Anyone on your network who obtains the token can ` +
        'use the engine and read your saved answers, and the traffic is not encrypted. Use the default ' +
        `(--host ${DEFAULT_HOST}) unless you need this.`,
    );
  }

  const staticDir = ensureRendererBuild(io);
  const paths = dataPaths();
  const tokenFile = path.join(paths.dataDir, TOKEN_FILE_NAME);
  // After a crash or kill the old token stays valid, so the pages left open reload into the app.
  const leftover = readLeftoverToken(tokenFile);
  const token = leftover ?? createAccessToken();
  writeTokenFile(tokenFile, token);
  if (leftover) {
    io.err(
      'The last `coach serve` stopped without closing; keeping its access token, so pages it left open work again after a reload.',
    );
  }

  let server: Awaited<ReturnType<typeof startCoachServer>>;
  try {
    server = await startCoachServer({
      host,
      port,
      token,
      staticDir,
      paths,
      modelPath: values.model ?? process.env.COACH_WHISPER_MODEL,
      log: (line) => io.err(line),
    });
  } catch (err) {
    removeTokenFile(tokenFile);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new Error(`Port ${port} is in use; choose another with --port.`);
    throw err;
  }
  server.engine.onStatus((s) => io.err(`[serve] engine: ${s.message}`));

  const linkHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `${linkHost}:${server.port}`;
  io.out(
    [
      `Interview Coach is serving on http://${base}`,
      `  Open the app:   http://${base}/?token=${token}`,
      `  Access token:   ${token}`,
      `                  (also in ${tokenFile}, readable only by you; a new one every start after a clean stop)`,
      `  Stream audio:   ws://${base}${TRANSCRIBE_PATH}?token=${token}`,
      `  HTTP API:       http://${base}/health  (header "Authorization: Bearer <token>")`,
      `  Data folder:    ${paths.dataDir}`,
      `  Limits:         ${describeLimits(server.limits)}`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  await stop;
  io.err('[serve] stopping: saving anything still recording… (press Ctrl+C again to stop now)');
  const closing = server.close().then(
    () => 'closed' as const,
    (err: Error) => err,
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waited'>((resolve) => (timer = setTimeout(() => resolve('waited'), graceMs)));
  const outcome = await Promise.race([
    closing,
    waited,
    ...(force ? [force.then(() => 'forced' as const)] : []),
  ]);
  clearTimeout(timer);
  if (outcome === 'waited' || outcome === 'forced') {
    // Like a crash: the answer's audio, live words and final utterances are on disk, and the token stays,
    // so the pages left open reload into the next start, which finishes the answer.
    io.err(
      `[serve] ${outcome === 'forced' ? 'stopping now' : `still saving after ${Math.round(graceMs / 1000)} s; stopping now`}: the answer that was being saved is kept and finished the next time Interview Coach starts.`,
    );
    exitNow?.();
    return 0;
  }
  removeTokenFile(tokenFile);
  if (outcome instanceof Error) throw outcome;
  return 0;
}

/** out/renderer from `npm run build`; built now if missing, with a warning if older than its sources. */
function ensureRendererBuild(io: Io): string {
  const root = path.dirname(resourcesDir());
  const staticDir = path.join(root, 'out', 'renderer');
  const index = path.join(staticDir, 'index.html');
  if (!existsSync(index)) {
    io.err('The app has not been built yet; building it now (npm run build)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // The build's progress goes to stderr: this command's stdout carries only the links.
    const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (built.status !== 0 || !existsSync(index)) {
      throw new Error('Could not build the app. Run `npm run build` in the project folder, then try again.');
    }
  } else if (newestMtimeMs(path.join(root, 'src', 'renderer')) > statSync(index).mtimeMs) {
    io.err('Note: the built app is older than its sources; run `npm run build` to serve the latest version.');
  }
  return staticDir;
}

function newestMtimeMs(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
