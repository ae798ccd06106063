// Reading request bodies within their limits, and writing JSON, errors and files (with byte ranges).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { RouteResponse } from './httpRoutes';
import { errorBody, ServerError } from './serverErrors';

function tooLarge(maxBytes: number): ServerError {
  return new ServerError('payload_too_large', `The request body exceeds the ${maxBytes}-byte limit.`);
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Streams an upload to disk (never all in memory), stopping at the limit. */
export async function saveBody(req: IncomingMessage, file: string, maxBytes: number): Promise<void> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  let size = 0;
  await pipeline(
    req,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge(maxBytes);
        yield chunk;
      }
    },
    createWriteStream(file),
  );
}

export function sendError(res: ServerResponse, e: ServerError): void {
  sendJson(res, e.status, errorBody(e.code, e.message));
}

export function sendJson(
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(json);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

export async function sendResponse(
  req: IncomingMessage,
  res: ServerResponse,
  r: RouteResponse,
): Promise<void> {
  if ('json' in r) return sendJson(res, r.status, r.json, r.headers);
  if ('bytes' in r) {
    res.writeHead(r.status, {
      'Content-Type': r.contentType,
      'Content-Length': r.bytes.length,
      // RFC 6266: an ASCII fallback name and the real one, percent-encoded.
      'Content-Disposition': `attachment; filename="${r.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(r.bytes);
    return;
  }
  await sendFile(req, res, r.file, { 'Content-Type': r.contentType, 'Cache-Control': 'no-store' });
}

/** A file, with single byte ranges so a media element can seek. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): Promise<void> {
  const size = statSync(file).size;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    } else {
      start = Math.max(0, size - Number(range[2]));
    }
    if (start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  res.writeHead(status, {
    ...headers,
    'Accept-Ranges': 'bytes',
    'Content-Length': end - start + 1,
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(file, { start, end }), res);
}
