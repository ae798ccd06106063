// The built renderer as the app:// handler serves it (src/main/appProtocol.ts: its files, MIME types
// and CSP header), loaded by Debian's Chromium. Chromium cannot register app:// itself, so a loopback
// shim hands each request to the real handler unchanged: what is checked is that the page runs under
// the handler's headers (scripts as modules, styles, the header CSP) and that the recorder worklet is
// served as something AudioWorklet accepts. The Electron test (electron.test.ts) checks app:// itself.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_CHROMIUM_ARGS } from '../../scripts/chromiumArgs';
import { createAppProtocolHandler } from '../../src/main/appProtocol';
import { REPO_ROOT } from '../helpers/fixtures';
import { E2E_GUARD_MS } from '../helpers/coachServe';

const CHROMIUM = '/usr/bin/chromium';
const RENDERER = path.join(REPO_ROOT, 'out/renderer');
const SHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`[app protocol] skipped: ${CHROMIUM} is not installed (apt-get install chromium).`);

describe.skipIf(!hasChromium)('the renderer served by the app:// handler, in Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  const served: { path: string; status: number; type: string | null }[] = [];

  beforeAll(async () => {
    expect(existsSync(path.join(RENDERER, 'index.html')), 'run `npm run build` first').toBe(true);
    const handler = createAppProtocolHandler(RENDERER);
    server = http.createServer((req, res) => {
      void (async () => {
        // The one translation: http://127.0.0.1:port/x is app://coach/x.
        const response = await handler(new Request(`app://coach${req.url ?? '/'}`, { method: req.method }));
        served.push({
          path: req.url ?? '',
          status: response.status,
          type: response.headers.get('content-type'),
        });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: HEADLESS_CHROMIUM_ARGS,
    });
  }, E2E_GUARD_MS);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it(
    'renders the page with its scripts and styles, and no CSP violation',
    async () => {
      mkdirSync(SHOTS_DIR, { recursive: true });
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 900, height: 600 },
      ]) {
        const page = await browser.newPage({ viewport });
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('console', (m) => {
          // Without Electron's preload or `coach serve`'s token the page explains itself; only a CSP
          // refusal or a script error is a problem here.
          if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
        });
        await page.goto(`${origin}/index.html`);
        await page.locator('#root > *').first().waitFor();
        expect(await page.locator('#root').innerText()).not.toBe('');
        // The stylesheet applied: the body is not the browser's default font.
        // (Page code as strings: this node test project has no DOM types.)
        expect(await page.evaluate('getComputedStyle(document.body).fontFamily')).not.toBe(
          '"Times New Roman"',
        );
        await page.screenshot({
          path: path.join(SHOTS_DIR, `app-protocol-${viewport.width}x${viewport.height}.png`),
        });
        expect(problems).toEqual([]);
        await page.close();
      }
      const assets = served.filter((s) => s.path.startsWith('/assets/'));
      expect(assets.length).toBeGreaterThanOrEqual(2);
      for (const a of assets) expect(a.status, a.path).toBe(200);
    },
    E2E_GUARD_MS,
  );

  it('serves the recorder worklet so that AudioWorklet loads it', async () => {
    const worklet = readdirSync(path.join(RENDERER, 'assets')).find((f) =>
      f.startsWith('pcmRecorder.worklet'),
    );
    expect(worklet).toBeDefined();
    const page = await browser.newPage();
    await page.goto(`${origin}/index.html`);
    const loaded = await page.evaluate(`(async () => {
      const ctx = new AudioContext();
      try {
        await ctx.audioWorklet.addModule('/assets/${worklet}');
        return 'loaded';
      } catch (err) {
        return String(err);
      } finally {
        await ctx.close();
      }
    })()`);
    expect(loaded).toBe('loaded');
    await page.close();
  });
});
