// Serving the built renderer: only files inside its folder, with the headers a local web app needs.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../core/pathContainment';
import { contentTypeFor } from '../shared/contentTypes';

export { contentTypeFor };

/**
 * The file under `rootDir` that a URL path names, or null if it names nothing there. Rejects
 * encoded traversal ("..%2f"), NUL bytes, absolute paths, and symlinks that lead outside the root.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded.replaceAll('\\', '/')}`)}`);
  if (!isInside(root, candidate)) return null;
  try {
    if (!statSync(candidate).isFile()) return null;
    return isInside(realpathSync(root), realpathSync(candidate)) ? candidate : null;
  } catch {
    return null;
  }
}

/**
 * The page's policy: everything from this server only, plus its WebSocket (named explicitly: not every
 * browser counts ws: as 'self'). `host` is the validated Host header the page was loaded from.
 */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A Host header is used in the CSP only if it is a plain host[:port]; anything else falls back. */
export function safeHostHeader(host: string | undefined, fallback: string): string {
  return host && /^[A-Za-z0-9.\-[\]:]{1,255}$/.test(host) ? host : fallback;
}

/** Headers for every static response; HTML also gets the CSP and is never cached (it carries no token). */
export function staticHeaders(file: string, host: string): Record<string, string> {
  const type = contentTypeFor(file);
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    // The page is opened with ?token=…; never hand that URL to anything it links to.
    'Referrer-Policy': 'no-referrer',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = contentSecurityPolicy(host);
    headers['Cache-Control'] = 'no-store';
    headers['X-Frame-Options'] = 'DENY';
  } else {
    headers['Cache-Control'] = 'no-cache';
  }
  return headers;
}
