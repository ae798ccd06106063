// Serves the built renderer from app://coach/ (Electron's protocol.handle), as Electron's security
// checklist recommends over file://: the page gets one fixed, secure origin, and only files inside the
// renderer folder can ever be read through it. No 'electron' import: tested in plain Node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor } from '../shared/contentTypes';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from './security';

/**
 * protocol.registerSchemesAsPrivileged, before the app is ready: a standard scheme (relative URLs,
 * a real origin, storage), secure (getUserMedia and AudioWorklet need a secure context), fetch for
 * the worklet module, code cache for start-up speed. No CSP bypass, no service workers, no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

export const mimeTypeOf = contentTypeFor;

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file under `rootDir` an app:// URL names, or null: another scheme or host, a path that leaves
 * the folder (also when percent-encoded: %2e%2e, %2f, %5c), a NUL byte. "/" is the entry page.
 * `pathApi` is path.win32 or path.posix in tests; the platform's own by default.
 */
export function resolveAppFile(url: string, rootDir: string, pathApi: PathApi = path): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST || parsed.port)
    return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, `.${relative}`);
  const inside = pathApi.relative(root, file);
  if (!inside || inside.startsWith('..') || pathApi.isAbsolute(inside)) return null;
  return file;
}

export type AppFileReader = (file: string) => Promise<Uint8Array>;

/** The protocol.handle handler: the file with its type, the CSP as a header on the page, else a 404. */
export function createAppProtocolHandler(
  rootDir: string,
  read: AppFileReader = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(request.url, rootDir) : null;
    if (!file) return notFound();
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return notFound();
    }
    const type = mimeTypeOf(file);
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    // The <meta> CSP applies only after parsing starts; the header covers the whole document.
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = RENDERER_CSP;
    return new Response(body as unknown as ConstructorParameters<typeof Response>[0], {
      status: 200,
      headers,
    });
  };
}

const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
