// The desktop window's security decisions (src/main/security.ts), without Electron: webPreferences, the
// renderer's CSP, navigation, new windows, permissions, network requests and IPC senders.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isOwnOrigin,
  isOwnPage,
  isTrustedIpcSender,
  navigationAllowed,
  ownPage,
  permissionCheckAllowed,
  permissionRequestAllowed,
  RENDERER_CSP,
  requestAllowed,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
} from '../../src/main/security';
import { REPO_ROOT } from '../helpers/fixtures';

const PAGE = APP_ENTRY_URL;
const appPage = ownPage(undefined);
const devPage = ownPage('http://localhost:5173/');

/** The CSP of an HTML file's <meta http-equiv="Content-Security-Policy">. */
function metaCsp(file: string): string | undefined {
  const html = readFileSync(file, 'utf8');
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
}

/** A CSP as directive → sources. */
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );

describe('webPreferences', () => {
  it('isolate the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('are the ones the window is created with (mainWindow.ts spreads them last but the preload)', () => {
    const source = readFileSync(path.join(REPO_ROOT, 'src/main/mainWindow.ts'), 'utf8');
    expect(source).toMatch(/webPreferences: \{ preload: [^}]*\.\.\.SECURE_WEB_PREFERENCES \}/);
    expect(source).not.toMatch(/nodeIntegration|contextIsolation|webSecurity|sandbox:/);
  });
});

describe('the renderer CSP', () => {
  const d = directives(RENDERER_CSP);

  it('allows only the app itself: no eval, no inline script, no remote origin, no plugins', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|wss?:|\*/);
    for (const [name, sources] of d) {
      for (const s of sources) {
        expect(["'self'", "'none'", "'unsafe-inline'", 'blob:'], `${name} ${s}`).toContain(s);
      }
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });

  it('is the one in src/renderer/index.html', () => {
    expect(metaCsp(path.join(REPO_ROOT, 'src/renderer/index.html'))).toBe(RENDERER_CSP);
  });

  const built = path.join(REPO_ROOT, 'out/renderer/index.html');
  it.runIf(existsSync(built))('is the one in the built renderer (out/renderer/index.html)', () => {
    expect(metaCsp(built)).toBe(RENDERER_CSP);
  });
});

describe('our page', () => {
  it('is app://coach/index.html with any route, and nothing else: not a file, not another app page, not a site', () => {
    expect(PAGE).toBe('app://coach/index.html');
    expect(isOwnPage(PAGE, appPage)).toBe(true);
    expect(isOwnPage(`${PAGE}#/history`, appPage)).toBe(true);
    expect(isOwnPage(`${PAGE}?x=1`, appPage)).toBe(true);
    expect(isOwnPage('app://coach/', appPage)).toBe(true);
    // Chromium lower-cases a standard scheme's host; WHATWG parsing (here) keeps it.
    expect(isOwnPage('app://COACH/index.html', appPage)).toBe(true);
    for (const other of [
      'file:///C:/Program%20Files/Interview%20Coach/resources/app/out/renderer/index.html',
      'file:///c:/Program%20Files/Interview%20Coach/resources/app/out/renderer/index.html',
      'file:///opt/Interview%20Coach/resources/app/out/renderer/index.html',
      'app://coach/assets/evil.html',
      'app://coach.evil/index.html',
      'app://coach:8080/index.html',
      'app://other/index.html',
      'https://evil.example/index.html',
      'http://localhost:5173/',
      'not a url',
      '',
      undefined,
    ]) {
      expect(isOwnPage(other, appPage), String(other)).toBe(false);
    }
  });

  it('is the dev server origin during development, and only it', () => {
    expect(devPage).toEqual({ kind: 'dev', origin: 'http://localhost:5173' });
    expect(isOwnPage('http://localhost:5173/#/practice', devPage)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', devPage)).toBe(false);
    expect(isOwnPage(PAGE, devPage)).toBe(false);
  });

  it('has the one fixed origin app://coach for permission checks, wherever the app is installed', () => {
    expect(isOwnOrigin(APP_ORIGIN, appPage)).toBe(true);
    expect(isOwnOrigin(`${APP_ORIGIN}/`, appPage)).toBe(true);
    for (const origin of ['file://', 'file:///', 'null', 'app://other', 'https://evil.example']) {
      expect(isOwnOrigin(origin, appPage), origin).toBe(false);
    }
    expect(isOwnOrigin('http://localhost:5173', devPage)).toBe(true);
    expect(isOwnOrigin(APP_ORIGIN, devPage)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('never leave our page', () => {
    expect(navigationAllowed(`${PAGE}#/settings`, appPage)).toBe(true);
    expect(navigationAllowed('https://example.com/', appPage)).toBe(false);
    expect(navigationAllowed('file:///tmp/evil.html', appPage)).toBe(false);
    expect(navigationAllowed('javascript:alert(1)', appPage)).toBe(false);
  });

  it('deny every new window; only https links go to the default browser', () => {
    expect(windowOpenDecision('https://huggingface.co/x')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:x', 'smb://host/share', '']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
    }
  });
});

describe('permissions', () => {
  const mic = { fromOwnWindow: true, permission: 'media', mediaTypes: ['audio'], requestingUrl: PAGE };

  it('grant the microphone to our page', () => {
    expect(permissionRequestAllowed(mic, appPage)).toBe(true);
  });

  it.each([
    ['the camera', { mediaTypes: ['video'] }],
    ['camera and microphone', { mediaTypes: ['audio', 'video'] }],
    ['unspecified media', { mediaTypes: [] }],
    ['another page', { requestingUrl: 'https://evil.example/' }],
    ['another window', { fromOwnWindow: false }],
    ['notifications', { permission: 'notifications' }],
    ['geolocation', { permission: 'geolocation' }],
    ['screen capture', { permission: 'display-capture' }],
    ['clipboard', { permission: 'clipboard-read' }],
    ['MIDI', { permission: 'midiSysex' }],
    ['opening links', { permission: 'openExternal' }],
  ])('deny %s', (_name, change) => {
    expect(permissionRequestAllowed({ ...mic, ...change }, appPage)).toBe(false);
  });

  it('checks: media (not video) for our page only', () => {
    const check = { fromOwnWindow: true, permission: 'media', requestingOrigin: APP_ORIGIN };
    expect(permissionCheckAllowed({ ...check, mediaType: 'audio' }, appPage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, mediaType: 'unknown' }, appPage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, mediaType: 'video' }, appPage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, requestingOrigin: 'https://evil.example' }, appPage)).toBe(
      false,
    );
    expect(permissionCheckAllowed({ ...check, requestingUrl: 'file:///tmp/x.html' }, appPage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, requestingUrl: PAGE }, appPage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, fromOwnWindow: false }, appPage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, permission: 'notifications' }, appPage)).toBe(false);
  });
});

describe('network requests from the window', () => {
  it('load our own origin, blobs and DevTools only', () => {
    expect(requestAllowed(PAGE, appPage)).toBe(true);
    expect(requestAllowed('app://coach/assets/index-abc.js', appPage)).toBe(true);
    expect(requestAllowed('app://coach/assets/pcmRecorder.worklet-x.js', appPage)).toBe(true);
    expect(requestAllowed('blob:app://coach/0f6a-11', appPage)).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', appPage)).toBe(true);
    for (const url of [
      'https://huggingface.co/model.bin',
      // Hunspell dictionaries: spellcheck is off, and the filter would refuse them anyway.
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
      'http://127.0.0.1:8765/api/sessions',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      'app://other/x.js',
      'ftp://example.com/',
    ]) {
      expect(requestAllowed(url, appPage), url).toBe(false);
    }
  });

  // The review's blank window: a page in file:///c:/… (the folder's case) while Chromium asks for
  // file:///C:/…. Served from app://, the bundle's URL no longer depends on where the app is installed.
  it.each(['C', 'c'])('are the same for an app installed on drive %s: (no file: URL at all)', (drive) => {
    const installed = `file:///${drive}:/Users/Ann/AppData/Local/Programs/interview-coach/resources/app.asar/out/renderer`;
    for (const asset of [
      'index.html',
      'assets/index-abc.js',
      'assets/index-abc.css',
      'assets/pcmRecorder.worklet-x.js',
    ]) {
      expect(requestAllowed(`${installed}/${asset}`, appPage), asset).toBe(false);
      expect(requestAllowed(`app://coach/${asset}`, appPage), asset).toBe(true);
    }
  });

  it('in development, also the dev server and its hot-reload socket, nothing else', () => {
    expect(requestAllowed('http://localhost:5173/src/main.tsx', devPage)).toBe(true);
    expect(requestAllowed('ws://localhost:5173/', devPage)).toBe(true);
    expect(requestAllowed('https://cdn.example/x.js', devPage)).toBe(false);
    expect(requestAllowed('http://localhost:9999/', devPage)).toBe(false);
  });
});

describe('IPC senders', () => {
  const sender = { fromOwnWindow: true, frameUrl: PAGE, isMainFrame: true };
  it('are our window, its top frame, on our page', () => {
    expect(isTrustedIpcSender(sender, appPage)).toBe(true);
    expect(isTrustedIpcSender({ ...sender, isMainFrame: false }, appPage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, fromOwnWindow: false }, appPage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, frameUrl: 'https://evil.example/' }, appPage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, frameUrl: undefined }, appPage)).toBe(false);
  });
});
