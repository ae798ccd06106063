// The desktop window, locked down: every security decision is a pure function in security.ts;
// this file only hands them to Electron's hooks.
import { BrowserWindow, shell, session, systemPreferences } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMicrophoneAccess } from './macMicrophone';
import {
  APP_ENTRY_URL,
  navigationAllowed,
  ownPage,
  permissionCheckAllowed,
  permissionRequestAllowed,
  requestAllowed,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
  type OwnPage,
} from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built renderer, served as app://coach/ by appProtocol.ts. */
export const RENDERER_DIR = path.join(here, '../renderer');

/** The page this window shows (the app protocol's page, or the dev server under `npm run dev`). */
export const OWN_PAGE: OwnPage = ownPage(process.env.ELECTRON_RENDERER_URL);

export type MainWindowHooks = {
  /** The system refused the microphone (macOS privacy settings): tell the user where to allow it. */
  onMicrophoneBlocked: () => void;
};

export function createMainWindow(hooks: MainWindowHooks): BrowserWindow {
  const win = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 860,
    minHeight: 600,
    show: false,
    title: 'Interview Coach',
    backgroundColor: '#f7f6f3',
    webPreferences: { preload: path.join(here, '../preload/index.cjs'), ...SECURE_WEB_PREFERENCES },
  });
  win.once('ready-to-show', () => win.show());

  const ses = session.defaultSession;
  ses.setSpellCheckerEnabled(false);
  // Our page may use the microphone; nothing else gets any permission.
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = permissionRequestAllowed(
      { fromOwnWindow: wc === win.webContents, permission, mediaTypes, requestingUrl: details.requestingUrl },
      OWN_PAGE,
    );
    if (!allowed) return callback(false);
    // macOS's own prompt must be answered before Chromium opens the device, or it records silence.
    ensureMicrophoneAccess(process.platform, systemPreferences).then(
      (granted) => {
        if (!granted) hooks.onMicrophoneBlocked();
        callback(granted);
      },
      () => callback(false),
    );
  });
  ses.setPermissionCheckHandler((wc, permission, requestingOrigin, details) =>
    permissionCheckAllowed(
      {
        fromOwnWindow: wc === win.webContents,
        permission,
        requestingOrigin,
        mediaType: details.mediaType,
        requestingUrl: details.requestingUrl,
      },
      OWN_PAGE,
    ),
  );
  // Nothing remote is ever loaded: the app works offline and sends nothing anywhere.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = requestAllowed(details.url, OWN_PAGE);
    if (!allowed) console.warn(`[coach] blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  // Links open in the user's browser; the app window never navigates away from the app.
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url, OWN_PAGE)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!navigationAllowed(url, OWN_PAGE)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());

  void win.loadURL(pageUrl());
  return win;
}

/** Where the window starts, and where it goes back to after its renderer crashed. */
export function pageUrl(): string {
  return OWN_PAGE.kind === 'dev' ? (process.env.ELECTRON_RENDERER_URL ?? OWN_PAGE.origin) : APP_ENTRY_URL;
}
