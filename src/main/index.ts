// Electron lifecycle and glue only: everything else lives in src/core and runs without Electron.
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createCoachApp } from '../core/app/coachApp';
import { dataPaths } from '../core/dataPaths';
import type { InvokeChannel } from '../shared/ipcContract';
import { handle, on, push } from './ipc';
import { createMainWindow, OWN_PAGE } from './mainWindow';
import { isTrustedIpcSender } from './security';
import { printHtmlToPdf } from './pdfExport';

/** better-sqlite3 compiled for this Electron's ABI by scripts/prepareElectron.mjs. */
function electronSqliteBinding(): string | undefined {
  const p = path.join(
    app.getAppPath(),
    'native',
    `electron-${process.versions.electron}`,
    'better_sqlite3.node',
  );
  return existsSync(p) ? p : undefined;
}

async function main(): Promise<void> {
  await app.whenReady();
  let win: BrowserWindow | null = createMainWindow();
  const target = () => win?.webContents ?? null;
  const coach = createCoachApp({
    paths: dataPaths(),
    modelPath: process.env.COACH_WHISPER_MODEL,
    database: { nativeBinding: electronSqliteBinding() },
    renderPdf: printHtmlToPdf,
    log: (line) => console.log(line),
    events: {
      caption: (u) => push(target(), 'caption:update', u),
      nudge: (n) => push(target(), 'coach:nudge', n),
      stats: (s) => push(target(), 'live:stats', s),
      answerError: (e) => push(target(), 'answer:error', e),
    },
  });
  coach.engine.onStatus((s) => push(target(), 'engine:status', s));
  coach.models.onDownload((progress) => push(target(), 'models:download', progress));
  // Start loading the model now so the first answer does not wait for it.
  coach.engine.transcriber().catch((err: Error) => console.error(`[coach] ${err.message}`));

  const isTrusted = (sender: Electron.WebContents, frameUrl: string | undefined, isMainFrame: boolean) =>
    isTrustedIpcSender({ fromOwnWindow: sender === target(), frameUrl, isMainFrame }, OWN_PAGE);
  for (const channel of Object.keys(coach.handlers) as InvokeChannel[]) {
    handle(channel, isTrusted, coach.handlers[channel] as never);
  }
  on('audio:chunk', isTrusted, coach.sendHandlers['audio:chunk'], (sender, message) => {
    console.warn(`[coach] rejected audio chunk: ${message}`);
    if (!sender.isDestroyed()) sender.send('answer:error', { answerId: '', message });
  });

  win.on('closed', () => {
    win = null;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (e) => {
    // Save any answer still recording before the process goes away.
    e.preventDefault();
    app.removeAllListeners('before-quit');
    void coach.close().finally(() => app.quit());
  });
}

main().catch((err: Error) => {
  dialog.showErrorBox('Interview Coach could not start', err.stack ?? err.message);
  app.exit(1);
});
