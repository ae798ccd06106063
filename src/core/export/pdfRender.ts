// Headless PDF: the same HTML report the app prints, rendered by Chromium through playwright-core.
// (The desktop app uses Electron's own printToPDF on that HTML; see src/main/pdfExport.ts.)
import { existsSync } from 'node:fs';

/** Debian's Chromium; override with $COACH_CHROMIUM. */
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export async function renderPdf(
  html: string,
  chromiumPath = process.env.COACH_CHROMIUM ?? DEFAULT_CHROMIUM,
): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `A PDF needs Chromium at ${chromiumPath} (install it, or set COACH_CHROMIUM); .md, .json and .coach need nothing.`,
    );
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error(
      'A PDF needs the playwright-core package (npm install); .md, .json and .coach need nothing.',
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
