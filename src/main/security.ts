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
  // Electron fetches Hunspell dictionaries from a CDN on Linux and Windows: the app sends nothing anywhere.
  spellcheck: false,
} as const;

/**
 * The app's own origin: the built renderer is served from app://coach/ (appProtocol.ts), never from
 * file://, so every check below compares against one fixed origin wherever the app is installed
 * (a lowercase Windows drive letter, a path with spaces or non-ASCII letters make no difference).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'coach';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one document the window shows; routes are #fragments of it. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The one page the window shows: the app protocol's entry page, or the dev server during `npm run dev`. */
export type OwnPage = { kind: 'app' } | { kind: 'dev'; origin: string };

export function ownPage(devUrl: string | undefined): OwnPage {
  if (devUrl) {
    const origin = parseUrl(devUrl)?.origin;
    if (origin && origin !== 'null') return { kind: 'dev', origin };
  }
  return { kind: 'app' };
}

/**
 * Whether a URL is on the app protocol's origin. Not `URL.origin`: WHATWG URL parsing (Node, tests)
 * gives custom schemes an opaque "null" origin, while Chromium, where the scheme is registered as
 * standard, gives "app://coach" and lower-cases the host.
 */
function onAppOrigin(parsed: URL): boolean {
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && !parsed.port;
}

/** True for our page itself (any #route or ?query), and for nothing else: not another file, not a site. */
export function isOwnPage(url: string | undefined, own: OwnPage): boolean {
  if (!url) return false;
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (own.kind === 'dev') return parsed.origin === own.origin;
  return onAppOrigin(parsed) && (parsed.pathname === '/index.html' || parsed.pathname === '/');
}

/** Permission checks name an origin, not a page. */
export function isOwnOrigin(origin: string | undefined, own: OwnPage): boolean {
  if (!origin) return false;
  const parsed = parseUrl(origin);
  if (!parsed) return false;
  if (own.kind === 'dev') return parsed.origin === own.origin;
  return onAppOrigin(parsed) && (parsed.pathname === '' || parsed.pathname === '/');
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
 * Every request the renderer's session makes (webRequest.onBeforeRequest): our own origin, blob:/data:
 * it made itself, the dev server during development, and DevTools. Nothing remote, and no file: URL
 * at all (the app is served from app://, so a file: request can only be something it should not read).
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
  return onAppOrigin(parsed);
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
