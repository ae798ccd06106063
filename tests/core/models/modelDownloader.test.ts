// The downloader against a real HTTP server on 127.0.0.1 that serves a generated file, and can cut
// connections, ignore Range, redirect or trickle, the way real networks and CDNs do.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  downloadModel,
  ModelDownloadError,
  type DownloadFs,
  type DownloadProgress,
  type ModelDownloadRequest,
  redirectTarget,
} from '../../../src/core/models/modelDownloader';
import { netHttpGet, nodeHttpGet, type HttpGet } from '../../../src/core/models/httpGet';
import { tempDir } from '../../helpers/fixtures';
import { netRequestOnNode } from '../../helpers/netRequestOnNode';

const FILE = 'ggml-test.bin';
const DATA = randomBytes(512 * 1024 + 123);
const SHA256 = createHash('sha256').update(DATA).digest('hex');

type Mode = 'normal' | 'cut-once' | 'ignore-range' | 'trickle' | 'wrong-range-once' | 'stall' | 'chunked';
let mode: Mode = 'normal';
let requests: { url: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let base: string;

function serveFile(req: http.IncomingMessage, res: http.ServerResponse): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const from = range && mode !== 'ignore-range' ? Number(range[1]) : 0;
  if (from >= DATA.length) {
    res.writeHead(416, { 'Content-Range': `bytes */${DATA.length}` }).end();
    return;
  }
  if (mode === 'wrong-range-once' && from > 0) {
    // A CDN that answers a resume with the whole file as a 206 from byte 0.
    mode = 'normal';
    res.writeHead(206, {
      'Content-Length': DATA.length,
      'Content-Range': `bytes 0-${DATA.length - 1}/${DATA.length}`,
    });
    res.end(DATA);
    return;
  }
  if (mode === 'chunked') {
    // No Content-Length, and more bytes than the file has: an endless error page, say.
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.write(Buffer.alloc(DATA.length, 0x3c));
    res.end(Buffer.alloc(1024, 0x3e));
    return;
  }
  const body = DATA.subarray(from);
  res.writeHead(from > 0 ? 206 : 200, {
    'Content-Length': body.length,
    ...(from > 0 ? { 'Content-Range': `bytes ${from}-${DATA.length - 1}/${DATA.length}` } : {}),
  });
  if (mode === 'cut-once') {
    mode = 'normal';
    // Half the body, then the connection dies: what a dropped Wi-Fi looks like to the client.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 50));
    return;
  }
  if (mode === 'stall') {
    // Some bytes, then nothing at all while the connection stays open.
    res.write(body.subarray(0, 64 * 1024));
    return;
  }
  if (mode === 'trickle') {
    let at = 0;
    const tick = setInterval(() => {
      if (res.destroyed || at >= body.length) {
        clearInterval(tick);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(body.subarray(at, at + 16 * 1024));
      at += 16 * 1024;
    }, 30);
    return;
  }
  res.end(body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === `/hop1/${FILE}`) {
      res.writeHead(302, { Location: `/hop2/${FILE}` }).end();
    } else if (req.url === `/hop2/${FILE}`) {
      // Absolute, as Hugging Face's redirect to its CDN is.
      res.writeHead(307, { Location: `${base}/files/${FILE}` }).end();
    } else if (req.url === `/files/${FILE}`) {
      serveFile(req, res);
    } else if (req.url === `/loop/${FILE}`) {
      res.writeHead(302, { Location: `/loop/${FILE}` }).end();
    } else if (req.url === `/to-file/${FILE}`) {
      res.writeHead(302, { Location: 'file:///etc/passwd' }).end();
    } else if (req.url === `/to-ftp/${FILE}`) {
      res.writeHead(301, { Location: `ftp://127.0.0.1/${FILE}` }).end();
    } else if (req.url === `/error-page/${FILE}`) {
      const page = Buffer.from('<html>Sign in to this Wi-Fi network</html>');
      res.writeHead(200, { 'Content-Length': page.length, 'Content-Type': 'text/html' }).end(page);
    } else if (req.url === `/short-range/${FILE}`) {
      // A resume answered for a different, smaller file.
      const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
      res.writeHead(206, { 'Content-Length': 10, 'Content-Range': `bytes ${from}-${from + 9}/${from + 10}` });
      res.end(Buffer.alloc(10));
    } else {
      res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let dir: string;
let currentHttpGet: HttpGet = nodeHttpGet;
beforeEach(() => {
  mode = 'normal';
  requests = [];
  dir = tempDir('coach-download-');
});

const request = (overrides: Partial<ModelDownloadRequest> = {}): ModelDownloadRequest => ({
  fileName: FILE,
  modelsDir: dir,
  sha256: SHA256,
  sizeBytes: DATA.length,
  baseUrl: `${base}/files`,
  progressIntervalMs: 0,
  httpGet: currentHttpGet,
  ...overrides,
});
const finalPath = () => path.join(dir, FILE);
const partPath = () => path.join(dir, `${FILE}.part`);

async function failure(p: Promise<unknown>): Promise<ModelDownloadError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelDownloadError);
  return err as ModelDownloadError;
}

/** Node's http (the CLI, `coach serve`) and the desktop app's adapter for Electron's net.request. */
const STACKS: [string, HttpGet][] = [
  ['Node http', nodeHttpGet],
  ["Electron's net (emulated)", netHttpGet(netRequestOnNode)],
];

describe.each(STACKS)('downloadModel over %s', (_stack, httpGet) => {
  beforeEach(() => {
    currentHttpGet = httpGet;
  });

  it('downloads, verifies and renames the file into place, reporting progress', async () => {
    const progress: DownloadProgress[] = [];
    const file = await downloadModel(request({ onProgress: (p) => progress.push(p) }));
    expect(file).toBe(finalPath());
    expect(readFileSync(file).equals(DATA)).toBe(true);
    expect(existsSync(partPath())).toBe(false);
    const downloading = progress.filter((p) => p.state === 'downloading');
    expect(downloading.length).toBeGreaterThan(1);
    expect(downloading.at(-1)).toMatchObject({ receivedBytes: DATA.length, totalBytes: DATA.length });
    expect(downloading.every((p, i) => i === 0 || p.receivedBytes >= downloading[i - 1]!.receivedBytes)).toBe(
      true,
    );
    expect(progress.at(-1)?.state).toBe('verifying');
    expect(requests[0]?.headers.range).toBeUndefined();
  });

  it('throttles progress reports', async () => {
    mode = 'trickle';
    const progress: DownloadProgress[] = [];
    await downloadModel(request({ progressIntervalMs: 10_000, onProgress: (p) => progress.push(p) }));
    // The first and the last report only: the trickle sends 33 chunks within the interval.
    expect(progress.filter((p) => p.state === 'downloading')).toHaveLength(2);
  });

  it('keeps the part of an interrupted download and resumes it with a Range request', async () => {
    mode = 'cut-once';
    const err = await failure(downloadModel(request()));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/interrupted.*press Download again to continue/);
    const kept = statSync(partPath()).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(DATA.length);
    expect(existsSync(finalPath())).toBe(false);

    const progress: DownloadProgress[] = [];
    await downloadModel(request({ onProgress: (p) => progress.push(p) }));
    expect(requests.at(-1)?.headers.range).toBe(`bytes=${kept}-`);
    expect(progress[0]?.receivedBytes).toBe(kept);
    // The whole file, including the part written before the cut, was verified.
    expect(readFileSync(finalPath()).equals(DATA)).toBe(true);
    expect(existsSync(partPath())).toBe(false);
  });

  it('starts over cleanly when the server ignores Range and sends the whole file', async () => {
    mode = 'ignore-range';
    writeFileSync(partPath(), Buffer.alloc(1000, 0xee)); // stale bytes that must not survive
    await downloadModel(request());
    expect(requests[0]?.headers.range).toBe('bytes=1000-');
    expect(readFileSync(finalPath()).equals(DATA)).toBe(true);
  });

  it('verifies a complete part without downloading again', async () => {
    writeFileSync(partPath(), DATA);
    await downloadModel(request());
    expect(requests).toHaveLength(0);
    expect(readFileSync(finalPath()).equals(DATA)).toBe(true);
  });

  it('deletes a download whose checksum does not match and says so', async () => {
    const wrong = 'f'.repeat(64);
    const err = await failure(downloadModel(request({ sha256: wrong })));
    expect(err.kind).toBe('checksum');
    expect(err.message).toContain(
      `failed its integrity check: its SHA-256 is ${SHA256}, not the expected ${wrong}`,
    );
    expect(existsSync(finalPath())).toBe(false);
    expect(existsSync(partPath())).toBe(false);
  });

  it('can be cancelled, keeping the part for later', async () => {
    mode = 'trickle';
    const controller = new AbortController();
    const err = await failure(
      downloadModel(
        request({
          signal: controller.signal,
          onProgress: (p) => {
            if (p.receivedBytes > 32 * 1024) controller.abort();
          },
        }),
      ),
    );
    expect(err.kind).toBe('cancelled');
    expect(err.message).toMatch(/cancelled.*kept to continue later/);
    expect(statSync(partPath()).size).toBeGreaterThan(32 * 1024);
    expect(existsSync(finalPath())).toBe(false);
  });

  it('follows redirects (Hugging Face sends downloads to its CDN)', async () => {
    await downloadModel(request({ baseUrl: `${base}/hop1` }));
    expect(requests.map((r) => r.url)).toEqual([`/hop1/${FILE}`, `/hop2/${FILE}`, `/files/${FILE}`]);
    expect(readFileSync(finalPath()).equals(DATA)).toBe(true);
  });

  it('explains a full disk and keeps what was written', async () => {
    const fullAfter = 100 * 1024;
    let written = 0;
    const fullDisk: DownloadFs = {
      async openPart(file, append) {
        const handle = await open(file, append ? 'a' : 'w');
        return {
          async write(chunk) {
            if (written + chunk.length > fullAfter) {
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            }
            await handle.write(chunk);
            written += chunk.length;
          },
          close: () => handle.close(),
        };
      },
    };
    const err = await failure(downloadModel(request({ fs: fullDisk })));
    expect(err.kind).toBe('disk');
    expect(err.message).toMatch(/Could not save ggml-test\.bin: the disk is full\. Free some space/);
    expect(statSync(partPath()).size).toBe(written);
    expect(existsSync(finalPath())).toBe(false);
  });

  it('reports an HTTP error with its status', async () => {
    const err = await failure(downloadModel(request({ baseUrl: `${base}/missing` })));
    expect(err.kind).toBe('http');
    expect(err.message).toBe('The model server answered HTTP 404 Not Found for ggml-test.bin.');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(downloadModel(request({ baseUrl: `http://127.0.0.1:${port}` })));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('follows https: redirects only: a downgrade to http: is refused with a clear error', () => {
    const hf = new URL(`https://huggingface.co/ggerganov/whisper.cpp/resolve/abc/${FILE}`);
    expect(redirectTarget('https://cdn-lfs.hf.co/x?sig=1', hf, false, FILE).href).toBe(
      'https://cdn-lfs.hf.co/x?sig=1',
    );
    expect(redirectTarget('/other/path', hf, false, FILE).href).toBe('https://huggingface.co/other/path');
    expect(() => redirectTarget('http://cdn-lfs.hf.co/x', hf, false, FILE)).toThrow(
      /redirected the download of ggml-test\.bin to an unencrypted http: address \(http:\/\/cdn-lfs\.hf\.co\/x\); it was not followed/,
    );
    expect(() => redirectTarget('http://[::1', hf, false, FILE)).toThrow(ModelDownloadError);
    // A download that started on http: (the loopback tests) may stay on http:.
    expect(redirectTarget('/b', new URL('http://127.0.0.1:9/a'), true, FILE).href).toBe(
      'http://127.0.0.1:9/b',
    );
  });

  it('refuses a download address that is not http(s)', async () => {
    const err = await failure(downloadModel(request({ baseUrl: 'ftp://127.0.0.1/files' })));
    expect(err.kind).toBe('http');
    expect(err.message).toMatch(/Not a valid download address: ftp:/);
  });

  it.each([
    [
      'a file: address',
      'to-file',
      /redirected the download of ggml-test\.bin to a file: address \(file:\/\/\/etc\/passwd\); it was not followed/,
    ],
    ['an ftp: address', 'to-ftp', /to a ftp: address \(ftp:\/\/127\.0\.0\.1\/ggml-test\.bin\)/],
  ])('refuses a redirect to %s with a ModelDownloadError, not a TypeError', async (_name, route, pattern) => {
    const err = await failure(downloadModel(request({ baseUrl: `${base}/${route}` })));
    expect(err.kind).toBe('http');
    expect(err.message).toMatch(pattern);
    expect(existsSync(partPath())).toBe(false);
  });

  it('gives up after too many redirects', async () => {
    const err = await failure(downloadModel(request({ baseUrl: `${base}/loop` })));
    expect(err).toMatchObject({
      kind: 'http',
      message: 'Too many redirects while downloading ggml-test.bin.',
    });
    expect(requests).toHaveLength(6); // the first request and five redirects followed
  });

  it('treats a connection that goes quiet as broken, keeping what arrived', async () => {
    mode = 'stall';
    const err = await failure(downloadModel(request({ idleTimeoutMs: 300 })));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/interrupted \(no data for 300 ms\)/);
    expect(statSync(partPath()).size).toBe(64 * 1024);
  });

  it('starts over when a resume is answered with a different range', async () => {
    mode = 'wrong-range-once';
    writeFileSync(partPath(), Buffer.alloc(2000, 0xee));
    await downloadModel(request());
    expect(requests.map((r) => r.headers.range)).toEqual(['bytes=2000-', undefined]);
    expect(readFileSync(finalPath()).equals(DATA)).toBe(true);
  });

  it('refuses a response whose size is not the expected one before downloading it', async () => {
    const progress: DownloadProgress[] = [];
    const err = await failure(
      downloadModel(request({ baseUrl: `${base}/error-page`, onProgress: (p) => progress.push(p) })),
    );
    expect(err.kind).toBe('http');
    expect(err.message).toMatch(
      /offered 0\.0 MB for ggml-test\.bin, not the expected 0\.5 MB; nothing was downloaded/,
    );
    expect(progress).toEqual([]);
    expect(existsSync(partPath())).toBe(false);
  });

  it('refuses a resume whose Content-Range total is not the expected size, keeping the part', async () => {
    writeFileSync(partPath(), DATA.subarray(0, 1000));
    const err = await failure(downloadModel(request({ baseUrl: `${base}/short-range` })));
    expect(err.message).toMatch(/offered 0\.0 MB .* nothing was downloaded/);
    expect(readFileSync(partPath()).equals(DATA.subarray(0, 1000))).toBe(true);
  });

  it('stops a body without a length once it runs past the expected size', async () => {
    mode = 'chunked';
    const err = await failure(downloadModel(request()));
    expect(err.kind).toBe('http');
    expect(err.message).toMatch(/sent more than the expected 0\.5 MB/);
    expect(existsSync(partPath())).toBe(false);
  });

  it('lets an error thrown by onProgress through as is, not as a network failure', async () => {
    const bug = new Error('listener bug');
    const err = await downloadModel(
      request({
        onProgress: () => {
          throw bug;
        },
      }),
    ).catch((e: unknown) => e);
    expect(err).toBe(bug);
  });

  it('never overwrites a file installed while it was downloading', async () => {
    writeFileSync(finalPath(), 'imported meanwhile');
    const err = await failure(downloadModel(request()));
    expect(err).toMatchObject({ kind: 'disk', message: expect.stringMatching(/was installed meanwhile/) });
    expect(readFileSync(finalPath(), 'utf8')).toBe('imported meanwhile');
    expect(readFileSync(partPath()).equals(DATA)).toBe(true);
  });
});
