// The server's access token: random per start, printed for the user, kept in a file only they can
// read, and required on every API request and WebSocket. It is what stops other local users and web
// pages the browser visits (DNS rebinding, cross-site WebSockets) from using the engine or the data.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { parseRequestTarget } from './requestEdge';

/** 192 bits: far beyond guessing, and 32 characters of base64url, easy to paste. */
const TOKEN_BYTES = 24;

export const TOKEN_FILE_NAME = 'server-token';

/** Owner read/write only. (Windows ignores POSIX modes; the data folder is per-user there.) */
const OWNER_ONLY = 0o600;

export function createAccessToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Writes the token so that the file is never readable by others, not even for a moment. */
export function writeTokenFile(file: string, token: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // An old file may have looser permissions; a new one is created with the right mode from the start.
  rmSync(file, { force: true });
  writeFileSync(file, `${token}\n`, { mode: OWNER_ONLY, flag: 'wx' });
}

/** What createAccessToken makes: 24 bytes as base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * The token of a server that stopped without closing (killed, crashed): its file is still there, since
 * a clean stop removes it. Reusing it lets the pages that server left open work again after a reload,
 * and show what the restart recovered. Only a file that is owner-only, ours and well-formed counts.
 */
export function readLeftoverToken(file: string): string | null {
  try {
    const stat = statSync(file);
    if (process.platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0) return null;
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
    }
    const token = readFileSync(file, 'utf8').trim();
    return TOKEN_PATTERN.test(token) ? token : null;
  } catch {
    return null;
  }
}

export function removeTokenFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The token a request carries: `Authorization: Bearer <token>`, or `?token=` for clients that cannot
 * set headers (a browser's WebSocket and <audio> element).
 */
export function tokenFromRequest(req: {
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (match) return match[1]!;
  }
  return parseRequestTarget(req.url)?.searchParams.get('token') ?? null;
}

/** Constant-time comparison (of digests, so differing lengths leak nothing either). */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
