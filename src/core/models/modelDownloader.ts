// Downloads one model file into the models folder, resumably and verifiably: bytes go to
// `<file>.part` (a later attempt continues it with a Range request), progress is reported a few
// times a second, and the file only takes its real name once its SHA-256 matches the pinned one.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../fsErrors';
import { nodeHttpGet, type HttpGet, type HttpResponse } from './httpGet';
import { installWithoutClobber } from './installFile';
import { HF_MODEL_BASE_URL, modelUrl } from './modelCatalog';

export const PART_SUFFIX = '.part';
/** Hugging Face answers with a redirect to its CDN; a few more hops are tolerated, loops are not. */
const MAX_REDIRECTS = 5;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;
/** A connection that delivers nothing for this long is treated as broken (and can be resumed). */
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export type DownloadProgress = {
  state: 'downloading' | 'verifying';
  receivedBytes: number;
  totalBytes: number;
  bytesPerSec: number;
};

/** Where downloaded bytes are written; injectable so tests can simulate a full disk. */
export type PartFileWriter = { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> };
export type DownloadFs = { openPart(file: string, append: boolean): Promise<PartFileWriter> };

export type ModelDownloadRequest = {
  fileName: string;
  modelsDir: string;
  sha256: string;
  /** Expected size in bytes (from the catalog): the progress total, and a part larger than it restarts. */
  sizeBytes?: number;
  /** The folder URL the file is fetched from (tests use a loopback server). */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  progressIntervalMs?: number;
  idleTimeoutMs?: number;
  fs?: DownloadFs;
  /** The HTTP stack: Node's by default, Electron's net in the desktop app (proxies, PAC). */
  httpGet?: HttpGet;
};

export type DownloadErrorKind = 'network' | 'http' | 'disk' | 'checksum' | 'cancelled';

export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly kind: DownloadErrorKind,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

/** Marks a failure of the local file (as opposed to the connection) while both are in flight. */
class DiskWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super('disk write failed');
  }
}

/** Marks an error thrown by the caller's onProgress: it is rethrown as is, never blamed on the network. */
class ProgressCallbackError extends Error {
  constructor(override readonly cause: unknown) {
    super('progress callback failed');
  }
}

export const nodeDownloadFs: DownloadFs = {
  async openPart(file, append) {
    const handle = await open(file, append ? 'a' : 'w');
    return {
      async write(chunk) {
        for (let at = 0; at < chunk.length;) {
          const { bytesWritten } = await handle.write(chunk, at);
          at += bytesWritten;
        }
      },
      async close() {
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
    };
  },
};

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Downloads, verifies and installs `fileName`; resolves with its final path. */
export async function downloadModel(req: ModelDownloadRequest): Promise<string> {
  const finalPath = path.join(req.modelsDir, req.fileName);
  const partPath = finalPath + PART_SUFFIX;
  await mkdir(req.modelsDir, { recursive: true });
  let offset = await sizeOf(partPath);
  if (req.sizeBytes !== undefined && offset > req.sizeBytes) {
    await rm(partPath, { force: true });
    offset = 0;
  }
  if (req.sizeBytes === undefined || offset < req.sizeBytes) {
    await fetchIntoPart(req, partPath, offset);
  }
  const size = await sizeOf(partPath);
  req.onProgress?.({ state: 'verifying', receivedBytes: size, totalBytes: size, bytesPerSec: 0 });
  const actual = await sha256OfFile(partPath, req.signal, req.fileName);
  if (actual !== req.sha256.toLowerCase()) {
    await rm(partPath, { force: true });
    throw new ModelDownloadError(
      `${req.fileName} failed its integrity check: its SHA-256 is ${actual}, not the expected ${req.sha256}. ` +
        'The downloaded file was deleted; please try again.',
      'checksum',
    );
  }
  try {
    await installWithoutClobber(partPath, finalPath);
  } catch (err) {
    const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
    throw new ModelDownloadError(
      exists
        ? `${req.fileName} was installed meanwhile (imported?); the download was kept as ${req.fileName}${PART_SUFFIX}.`
        : `Could not install ${req.fileName}: ${describeFsError(err)}.`,
      'disk',
    );
  }
  return finalPath;
}

async function fetchIntoPart(req: ModelDownloadRequest, partPath: string, offset: number): Promise<void> {
  const url = modelUrl(req.fileName, req.baseUrl ?? HF_MODEL_BASE_URL);
  const range: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
  const idle = new IdleWatchdog(req.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, req.signal);
  try {
    const res = await get(url, range, req, idle, { redirectsLeft: MAX_REDIRECTS, keptBytes: offset });
    const total = await acceptedRange(req, res, partPath, offset);
    if (total === 'restart') return fetchIntoPart(req, partPath, 0);
    if (total === 'complete') return;
    await writeBody(req, res, partPath, total.start, total.totalBytes, idle);
  } finally {
    idle.stop();
  }
}

/**
 * What the response holds: the rest of the part (206), the whole file (200), nothing left (416), or
 * a range other than the one asked for ('restart'). Anything else is a ModelDownloadError.
 */
async function acceptedRange(
  req: ModelDownloadRequest,
  res: HttpResponse,
  partPath: string,
  offset: number,
): Promise<{ start: number; totalBytes: number } | 'restart' | 'complete'> {
  let start: number;
  /** The size of the whole file according to the server, when it says. */
  let announcedTotal: number | null = null;
  const lengthHeader = res.header('content-length');
  const length = Number(lengthHeader);
  const knownLength = lengthHeader !== undefined && Number.isFinite(length) && length >= 0;
  if (res.status === 206 && offset > 0) {
    const sent = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.header('content-range') ?? '');
    if (!sent || Number(sent[1]) !== offset) {
      // A range other than the one asked for: start over rather than splice mismatched bytes.
      res.discard();
      await rm(partPath, { force: true });
      return 'restart';
    }
    start = offset;
    if (sent[2] !== '*') announcedTotal = Number(sent[2]);
    else if (knownLength) announcedTotal = start + length;
  } else if (res.status === 200) {
    // The server ignored the Range header (or there was none): the body is the whole file.
    start = 0;
    if (knownLength) announcedTotal = length;
  } else if (res.status === 416 && offset > 0) {
    // Nothing left to send: the part is already complete (the checksum decides whether it is right).
    res.discard();
    return 'complete';
  } else {
    res.discard();
    const status = `${res.status || '?'}${res.statusText ? ` ${res.statusText}` : ''}`;
    throw new ModelDownloadError(`The model server answered HTTP ${status} for ${req.fileName}.`, 'http');
  }
  if (req.sizeBytes !== undefined && announcedTotal !== null && announcedTotal !== req.sizeBytes) {
    // An error page, a different version of the file, a captive portal: refuse before downloading
    // (and hashing) hundreds of megabytes of the wrong thing. The part file is left as it was.
    res.discard();
    throw new ModelDownloadError(
      `The model server offered ${megabytes(announcedTotal)} for ${req.fileName}, not the expected ` +
        `${megabytes(req.sizeBytes)}; nothing was downloaded. Please try again later.`,
      'http',
    );
  }
  return { start, totalBytes: announcedTotal ?? req.sizeBytes ?? 0 };
}

async function writeBody(
  req: ModelDownloadRequest,
  res: HttpResponse,
  partPath: string,
  start: number,
  totalBytes: number,
  idle: IdleWatchdog,
): Promise<void> {
  const fs = req.fs ?? nodeDownloadFs;
  let writer: PartFileWriter;
  try {
    writer = await fs.openPart(partPath, start > 0);
  } catch (err) {
    res.discard();
    throw diskError(req.fileName, err, start);
  }
  const interval = req.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const startedMs = Date.now();
  let received = start;
  let lastReportMs = -Infinity;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReportMs < interval) return;
    lastReportMs = now;
    const elapsedSec = Math.max((now - startedMs) / 1000, 0.001);
    try {
      req.onProgress?.({
        state: 'downloading',
        receivedBytes: received,
        totalBytes: Math.max(totalBytes, received),
        bytesPerSec: Math.round((received - start) / elapsedSec),
      });
    } catch (err) {
      throw new ProgressCallbackError(err);
    }
  };
  try {
    report(true);
    for await (const chunk of res.body) {
      idle.kick();
      if (req.sizeBytes !== undefined && received + chunk.length > req.sizeBytes) {
        throw new OversizeError();
      }
      try {
        await writer.write(chunk);
      } catch (err) {
        throw new DiskWriteError(err);
      }
      // A slow disk is not a quiet connection.
      idle.kick();
      received += chunk.length;
      report(false);
    }
    idle.stop();
    // A stack that ends the body quietly when aborted (rather than with an error) lands here.
    if (idle.signal.aborted) throw idle.reason ?? new Error('aborted');
  } catch (err) {
    res.discard();
    await writer.close().catch(() => undefined);
    if (err instanceof ProgressCallbackError) throw err.cause;
    if (err instanceof DiskWriteError) throw diskError(req.fileName, err.cause, received);
    if (err instanceof OversizeError && req.sizeBytes !== undefined) {
      await rm(partPath, { force: true });
      throw new ModelDownloadError(
        `The model server sent more than the expected ${megabytes(req.sizeBytes)} for ${req.fileName}, ` +
          'so it is not the right file; what was received was deleted. Please try again later.',
        'http',
      );
    }
    throw transferError(req, idle.reason ?? err, received);
  }
  try {
    await writer.close();
  } catch (err) {
    throw diskError(req.fileName, err, received);
  }
  try {
    report(true);
  } catch (err) {
    throw err instanceof ProgressCallbackError ? err.cause : err;
  }
  if (totalBytes > 0 && received < totalBytes) {
    throw transferError(req, new Error('the connection closed early'), received);
  }
}

/**
 * Aborts the transfer when nothing arrives for `idleMs` (connecting, or between two chunks), whatever
 * the HTTP stack; the caller's own signal (Cancel) aborts it too. `reason` says which one it was.
 */
class IdleWatchdog {
  private readonly own = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly signal: AbortSignal;
  reason: Error | undefined;

  constructor(
    private readonly idleMs: number,
    outer: AbortSignal | undefined,
  ) {
    this.signal = outer ? AbortSignal.any([outer, this.own.signal]) : this.own.signal;
    this.kick();
  }

  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const ms = this.idleMs;
      this.reason = new Error(`no data for ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`);
      this.own.abort(this.reason);
    }, this.idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** The body ran past the catalog size: not the file asked for. */
class OversizeError extends Error {}

function diskError(fileName: string, err: unknown, keptBytes: number): ModelDownloadError {
  return new ModelDownloadError(
    `Could not save ${fileName}: ${describeFsError(err)}. ` +
      `Free some space, then press Download again to continue from ${megabytes(keptBytes)}.`,
    'disk',
  );
}

function transferError(req: ModelDownloadRequest, err: unknown, keptBytes: number): ModelDownloadError {
  if (req.signal?.aborted) {
    return new ModelDownloadError(
      `Download of ${req.fileName} cancelled; ${megabytes(keptBytes)} kept to continue later.`,
      'cancelled',
    );
  }
  const e = err as NodeJS.ErrnoException;
  const reason = e.code && !e.message.includes(e.code) ? `${e.message}, ${e.code}` : e.message;
  return new ModelDownloadError(
    `The download of ${req.fileName} was interrupted (${reason}). ` +
      `Check the connection and press Download again to continue from ${megabytes(keptBytes)}.`,
    'network',
  );
}

/**
 * GET with redirects followed; resolves with the first non-redirect response. Only https: targets are
 * followed (http: too when the download itself started on http:, as the loopback tests do), so a
 * redirect can neither downgrade the connection nor point at a local file.
 */
async function get(
  url: string,
  headers: Record<string, string>,
  req: ModelDownloadRequest,
  idle: IdleWatchdog,
  hops: { redirectsLeft: number; keptBytes: number; allowHttp?: boolean },
): Promise<HttpResponse> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ModelDownloadError(`Not a valid download address: ${url}`, 'http');
  }
  const allowHttp = hops.allowHttp ?? target.protocol === 'http:';
  if (target.protocol !== 'https:' && !(allowHttp && target.protocol === 'http:')) {
    throw new ModelDownloadError(`Not a valid download address: ${url}`, 'http');
  }
  const httpGet = req.httpGet ?? nodeHttpGet;
  let res: HttpResponse;
  try {
    res = await httpGet(target, {
      headers: { 'User-Agent': 'InterviewCoach', ...headers },
      signal: idle.signal,
    });
  } catch (err) {
    throw transferError(req, idle.reason ?? err, hops.keptBytes);
  }
  idle.kick();
  const location = res.header('location');
  if (res.status < 300 || res.status >= 400 || !location) return res;
  res.discard();
  if (hops.redirectsLeft <= 0) {
    throw new ModelDownloadError(`Too many redirects while downloading ${req.fileName}.`, 'http');
  }
  const next = redirectTarget(location, target, allowHttp, req.fileName);
  return get(next.href, headers, req, idle, { ...hops, redirectsLeft: hops.redirectsLeft - 1, allowHttp });
}

/**
 * Where a redirect may lead: https: always, http: only when `allowHttp` (the download started on
 * http:); anything else (a downgrade, file:, ftp:, garbage) is a ModelDownloadError.
 */
export function redirectTarget(location: string, from: URL, allowHttp: boolean, fileName: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw redirectError(fileName, location, 'an address that is not valid');
  }
  if (next.protocol === 'https:' || (allowHttp && next.protocol === 'http:')) return next;
  const why = next.protocol === 'http:' ? 'an unencrypted http: address' : `a ${next.protocol} address`;
  throw redirectError(fileName, next.href, why);
}

function redirectError(fileName: string, location: string, why: string): ModelDownloadError {
  return new ModelDownloadError(
    `The model server redirected the download of ${fileName} to ${why} (${location}); ` +
      'it was not followed. Check the network (a proxy or captive portal?) and try again.',
    'http',
  );
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** SHA-256 of the whole file, streamed (models are hundreds of megabytes). */
async function sha256OfFile(
  file: string,
  signal: AbortSignal | undefined,
  fileName: string,
): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, signal ? { signal } : {}) as AsyncIterable<Buffer>) {
      hash.update(chunk);
    }
  } catch (err) {
    if (signal?.aborted) {
      throw new ModelDownloadError(`Download of ${fileName} cancelled while checking it.`, 'cancelled');
    }
    throw new ModelDownloadError(`Could not read ${fileName} to check it: ${describeFsError(err)}.`, 'disk');
  }
  return hash.digest('hex');
}
