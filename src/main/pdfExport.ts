// The PDF report in the desktop app: the core's HTML report printed by Electron's own Chromium.
import { BrowserWindow } from 'electron';

/** Renders `html` in a hidden, sandboxed window with no scripts and prints it to an A4 PDF. */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
  } finally {
    win.destroy();
  }
}
