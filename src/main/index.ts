// Electron lifecycle and glue only: everything else lives in src/core and runs without Electron.
import { app, BrowserWindow, dialog, net, protocol, session, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCoachApp, type CoachApp } from '../core/app/coachApp';
import { dataPaths } from '../core/dataPaths';
import { netHttpGet, type NetClientRequest } from '../core/models/httpGet';
import type { InvokeChannel } from '../shared/ipcContract';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { spawnUtilityEngine } from './engineProcess';
import { handle, on, push } from './ipc';
import { macMicrophoneHelp, MAC_MICROPHONE_SETTINGS_URL } from './macMicrophone';
import { createMainWindow, OWN_PAGE, pageUrl, RENDERER_DIR } from './mainWindow';
import {
  describeNativeLoadError,
  nativeDir,
  sqliteBinding,
  SQLITE_MANIFEST,
  type SqliteRuntime,
} from './nativeSqlite';
import { printHtmlToPdf } from './pdfExport';
import { RendererRecovery, rendererGoneMessage } from './rendererRecovery';
import { APP_SCHEME, isTrustedIpcSender } from './security';

/** Model downloads get their own in-memory session: the window's session refuses every remote request. */
const DOWNLOAD_PARTITION = 'coach-downloads';

// Must happen before 'ready': the renderer's origin is app://coach, with a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

function sqliteRuntime(): SqliteRuntime | null {
  // Under plain Node (the headless start-up test's stand-in for Electron), Node's own build fits.
  const electron = process.versions.electron;
  if (!electron) return null;
  const betterSqlite3 = (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string })
    .version;
  return {
    electron,
    betterSqlite3,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
  };
}

/** The better-sqlite3 build for this Electron, or an error that says how to get it. */
function electronSqliteBinding(runtime: SqliteRuntime | null): string | undefined {
  if (!runtime) return undefined;
  const dir = nativeDir(app.getAppPath());
  let manifest: unknown = null;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, SQLITE_MANIFEST), 'utf8'));
  } catch {
    // Not built yet: sqliteBinding() says so.
  }
  const found = sqliteBinding(manifest, runtime, dir);
  if ('problem' in found) throw new Error(found.problem);
  return found.binding;
}

function openCoach(target: () => Electron.WebContents | null): CoachApp {
  const runtime = sqliteRuntime();
  const downloads = session.fromPartition(DOWNLOAD_PARTITION);
  try {
    return createCoachApp({
      paths: dataPaths(),
      modelPath: process.env.COACH_WHISPER_MODEL,
      database: { nativeBinding: electronSqliteBinding(runtime) },
      // whisper.cpp in a utilityProcess; under plain Node (the headless start-up test) a child process.
      ...(process.versions.electron ? { engine: { spawnEngine: spawnUtilityEngine } } : {}),
      renderPdf: printHtmlToPdf,
      modelHttpGet: netHttpGet(
        (o) => net.request({ ...o, session: downloads }) as unknown as NetClientRequest,
      ),
      log: (line) => console.log(line),
      events: {
        caption: (u) => push(target(), 'caption:update', u),
        nudge: (n) => push(target(), 'coach:nudge', n),
        stats: (s) => push(target(), 'live:stats', s),
        answerError: (e) => push(target(), 'answer:error', e),
        finishing: (p) => push(target(), 'answer:finishing', p),
      },
    });
  } catch (err) {
    throw runtime ? describeNativeLoadError(err as Error, runtime) : err;
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
  let win: BrowserWindow | null = null;
  const target = () => win?.webContents ?? null;
  const coach = openCoach(target);
  /** Set once quitting starts: the window is gone and no IPC call reaches a closing core. */
  let quitting = false;

  let microphoneHelpShown = false;
  const showMicrophoneHelp = () => {
    if (microphoneHelpShown || !win) return;
    microphoneHelpShown = true;
    const detail = macMicrophoneHelp({ packaged: app.isPackaged, termProgram: process.env.TERM_PROGRAM });
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        message: 'Microphone access is off',
        detail,
        buttons: ['Open Privacy Settings', 'Close'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0) void shell.openExternal(MAC_MICROPHONE_SETTINGS_URL);
      });
  };

  win = createMainWindow({ onMicrophoneBlocked: showMicrophoneHelp });
  coach.engine.onStatus((s) => push(target(), 'engine:status', s));
  coach.models.onDownload((progress) => push(target(), 'models:download', progress));
  coach.imports.onProgress((progress) => push(target(), 'import:progress', progress));
  // Start loading the model now so the first answer does not wait for it.
  coach.engine.transcriber().catch((err: Error) => console.error(`[coach] ${err.message}`));

  const isTrusted = (sender: Electron.WebContents, frameUrl: string | undefined, isMainFrame: boolean) =>
    !quitting && isTrustedIpcSender({ fromOwnWindow: sender === target(), frameUrl, isMainFrame }, OWN_PAGE);
  for (const channel of Object.keys(coach.handlers) as InvokeChannel[]) {
    handle(channel, isTrusted, coach.handlers[channel] as never);
  }
  on('audio:chunk', isTrusted, coach.sendHandlers['audio:chunk'], (sender, message) => {
    console.warn(`[coach] rejected audio chunk: ${message}`);
    if (!sender.isDestroyed()) sender.send('answer:error', { answerId: '', message });
  });

  // A crashed renderer: save what was being recorded, then show the app again (or give up).
  const recovery = new RendererRecovery();
  win.webContents.on('render-process-gone', (_e, details) => {
    const action = recovery.onGone(details.reason, Date.now());
    if (action === 'none' || quitting) return;
    const message = rendererGoneMessage(details.reason, details.exitCode);
    console.error(`[coach] ${message}`);
    void coach.service.stopAll().finally(() => {
      if (!win || win.isDestroyed()) return;
      if (action === 'reload') return void win.loadURL(pageUrl());
      dialog.showErrorBox('Interview Coach keeps stopping', `${message} It will close now.`);
      app.quit();
    });
  });

  // A second launch brings this window forward instead of loading the model (and a download) twice.
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  win.on('closed', () => {
    win = null;
  });
  app.on('window-all-closed', () => {
    if (!quitting) app.quit();
  });
  let closed = false;
  app.on('before-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    if (quitting) return;
    quitting = true;
    // Nothing can be clicked while the answer in progress is saved and the database closes.
    for (const w of BrowserWindow.getAllWindows()) w.hide();
    void coach
      .close()
      .catch((err: Error) => console.error(`[coach] closing: ${err.message}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the window (its 'second-instance' event shows it); this one loads nothing.
  app.quit();
} else {
  main().catch((err: Error) => {
    dialog.showErrorBox('Interview Coach could not start', err.message);
    console.error(err.stack ?? err.message);
    app.exit(1);
  });
}
