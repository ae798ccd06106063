// The desktop window, locked down: every security decision is a pure function in security.ts;
// this file only hands them to Electron's hooks.
import { BrowserWindow, shell, session } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
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
const rendererFile = path.join(here, '../renderer/index.html');

/** The page this window shows (the built renderer, or the dev server under `npm run dev`). */
export const OWN_PAGE: OwnPage = ownPage(pathToFileURL(rendererFile).href, process.env.ELECTRON_RENDERER_URL);

export function createMainWindow(): BrowserWindow {
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
  // Our page may use the microphone; nothing else gets any permission.
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      permissionRequestAllowed(
        {
          fromOwnWindow: wc === win.webContents,
          permission,
          mediaTypes,
          requestingUrl: details.requestingUrl,
        },
        OWN_PAGE,
      ),
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

  if (OWN_PAGE.kind === 'dev') void win.loadURL(process.env.ELECTRON_RENDERER_URL ?? OWN_PAGE.origin);
  else void win.loadFile(rendererFile);
  return win;
}
