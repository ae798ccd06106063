// The desktop window's security decisions, as plain data and pure functions so they are tested without
// Electron (tests/main/security.test.ts). mainWindow.ts and index.ts only wire them to Electron's hooks.
// No 'electron' import here.

/**
 * The renderer's Content-Security-Policy (a <meta> in src/renderer/index.html, checked by a test):
 * scripts, styles, fonts and data only from the app itself; no eval, no remote origin, no plugins.
 * 'unsafe-inline' styles: React's style attributes. blob: for the recorder worklet and playback.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The window's webPreferences apart from the preload path: the renderer is an untrusted web page. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const;

/** The one page the window shows: the built renderer file, or the dev server during `npm run dev`. */
export type OwnPage = { kind: 'file'; url: string } | { kind: 'dev'; origin: string };

export function ownPage(rendererFileUrl: string, devUrl: string | undefined): OwnPage {
  if (devUrl) {
    const origin = parseUrl(devUrl)?.origin;
    if (origin && origin !== 'null') return { kind: 'dev', origin };
  }
  return { kind: 'file', url: withoutSearchAndHash(rendererFileUrl) ?? rendererFileUrl };
}

/** True for our page itself (any #route or ?query), and for nothing else: not another file, not a site. */
export function isOwnPage(url: string | undefined, own: OwnPage): boolean {
  if (!url) return false;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (own.kind === 'dev') return parsed.origin === own.origin;
  return parsed.protocol === 'file:' && withoutSearchAndHash(url) === own.url;
}

/** Permission checks name an origin, not a page; a file page's origin is "file://". */
export function isOwnOrigin(origin: string | undefined, own: OwnPage): boolean {
  if (!origin) return false;
  if (own.kind === 'dev') return parseUrl(origin)?.origin === own.origin;
  return origin === 'file://' || origin === 'file:///';
}

/** will-navigate / will-redirect: the window never leaves our page. */
export const navigationAllowed = (url: string, own: OwnPage): boolean => isOwnPage(url, own);

/** window.open and target=_blank: never a new window; https links open in the user's browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: parseUrl(url)?.protocol === 'https:' };
}

export type PermissionRequest = {
  /** The request comes from our window's webContents. */
  fromOwnWindow: boolean;
  permission: string;
  /** For 'media': what getUserMedia asked for. */
  mediaTypes?: readonly string[] | undefined;
  requestingUrl: string | undefined;
};

/** Only the microphone, only for our page: no camera, no screen, no notifications, nothing else. */
export function permissionRequestAllowed(req: PermissionRequest, own: OwnPage): boolean {
  const types = req.mediaTypes ?? [];
  return (
    req.fromOwnWindow &&
    req.permission === 'media' &&
    types.length > 0 &&
    types.every((t) => t === 'audio') &&
    isOwnPage(req.requestingUrl, own)
  );
}

export type PermissionCheck = {
  fromOwnWindow: boolean;
  permission: string;
  requestingOrigin: string | undefined;
  /** Electron's details.mediaType: 'audio', 'video' or 'unknown' (device labels). */
  mediaType?: string | undefined;
  /** Electron's details.requestingUrl, when it gives one. */
  requestingUrl?: string | undefined;
};

export function permissionCheckAllowed(check: PermissionCheck, own: OwnPage): boolean {
  if (!check.fromOwnWindow || check.permission !== 'media' || check.mediaType === 'video') return false;
  return check.requestingUrl ? isOwnPage(check.requestingUrl, own) : isOwnOrigin(check.requestingOrigin, own);
}

/**
 * Every request the renderer's session makes (webRequest.onBeforeRequest): our page's own files,
 * blob:/data: it made itself, the dev server during development, and DevTools. Nothing remote.
 */
export function requestAllowed(url: string, own: OwnPage): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (['blob:', 'data:', 'devtools:', 'chrome-devtools:'].includes(parsed.protocol)) return true;
  if (own.kind === 'dev') {
    // Vite's hot-reload socket is on the same host and port.
    const devHost = new URL(own.origin).host;
    return parsed.origin === own.origin || (parsed.protocol === 'ws:' && parsed.host === devHost);
  }
  if (parsed.protocol !== 'file:') return false;
  const dir = own.url.slice(0, own.url.lastIndexOf('/') + 1);
  // Normalised by URL parsing: "/renderer/../secret" is no longer under the folder.
  return parsed.href.startsWith(dir);
}

export type IpcSender = {
  /** The message comes from our window's webContents. */
  fromOwnWindow: boolean;
  /** The URL of the frame that sent it (event.senderFrame.url). */
  frameUrl: string | undefined;
  /** It was sent by the top frame, not an iframe. */
  isMainFrame: boolean;
};

/** Every IPC message: from our window, its top frame, showing our page. */
export const isTrustedIpcSender = (s: IpcSender, own: OwnPage): boolean =>
  s.fromOwnWindow && s.isMainFrame && isOwnPage(s.frameUrl, own);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function withoutSearchAndHash(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  parsed.hash = '';
  parsed.search = '';
  return parsed.href;
}
