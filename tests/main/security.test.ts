// The desktop window's security decisions (src/main/security.ts), without Electron: webPreferences, the
// renderer's CSP, navigation, new windows, permissions, network requests and IPC senders.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
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

const PAGE = 'file:///opt/Interview%20Coach/resources/app/out/renderer/index.html';
const filePage = ownPage(PAGE, undefined);
const devPage = ownPage(PAGE, 'http://localhost:5173/');

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
  it('is the renderer file with any route, and nothing else', () => {
    expect(isOwnPage(PAGE, filePage)).toBe(true);
    expect(isOwnPage(`${PAGE}#/history`, filePage)).toBe(true);
    expect(isOwnPage(`${PAGE}?x=1`, filePage)).toBe(true);
    for (const other of [
      'file:///etc/passwd',
      'file:///opt/Interview%20Coach/resources/app/out/renderer/other.html',
      'file:///opt/Interview%20Coach/resources/app/out/renderer/../../evil/index.html',
      'https://evil.example/index.html',
      'http://localhost:5173/',
      'not a url',
      '',
      undefined,
    ]) {
      expect(isOwnPage(other, filePage), String(other)).toBe(false);
    }
  });

  it('is the dev server origin during development, and only it', () => {
    expect(devPage).toEqual({ kind: 'dev', origin: 'http://localhost:5173' });
    expect(isOwnPage('http://localhost:5173/#/practice', devPage)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', devPage)).toBe(false);
    expect(isOwnPage(PAGE, devPage)).toBe(false);
  });

  it('has the origin file:// for permission checks', () => {
    expect(isOwnOrigin('file://', filePage)).toBe(true);
    expect(isOwnOrigin('file:///', filePage)).toBe(true);
    expect(isOwnOrigin('https://evil.example', filePage)).toBe(false);
    expect(isOwnOrigin('http://localhost:5173', devPage)).toBe(true);
    expect(isOwnOrigin('file://', devPage)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('never leave our page', () => {
    expect(navigationAllowed(`${PAGE}#/settings`, filePage)).toBe(true);
    expect(navigationAllowed('https://example.com/', filePage)).toBe(false);
    expect(navigationAllowed('file:///tmp/evil.html', filePage)).toBe(false);
    expect(navigationAllowed('javascript:alert(1)', filePage)).toBe(false);
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
    expect(permissionRequestAllowed(mic, filePage)).toBe(true);
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
    expect(permissionRequestAllowed({ ...mic, ...change }, filePage)).toBe(false);
  });

  it('checks: media (not video) for our page only', () => {
    const check = { fromOwnWindow: true, permission: 'media', requestingOrigin: 'file://' };
    expect(permissionCheckAllowed({ ...check, mediaType: 'audio' }, filePage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, mediaType: 'unknown' }, filePage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, mediaType: 'video' }, filePage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, requestingOrigin: 'https://evil.example' }, filePage)).toBe(
      false,
    );
    expect(permissionCheckAllowed({ ...check, requestingUrl: 'file:///tmp/x.html' }, filePage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, requestingUrl: PAGE }, filePage)).toBe(true);
    expect(permissionCheckAllowed({ ...check, fromOwnWindow: false }, filePage)).toBe(false);
    expect(permissionCheckAllowed({ ...check, permission: 'notifications' }, filePage)).toBe(false);
  });
});

describe('network requests from the window', () => {
  it('load our own files, blobs and DevTools only', () => {
    const assets = 'file:///opt/Interview%20Coach/resources/app/out/renderer/assets/';
    expect(requestAllowed(PAGE, filePage)).toBe(true);
    expect(requestAllowed(`${assets}index-abc.js`, filePage)).toBe(true);
    expect(requestAllowed('blob:file:///0f6a-11', filePage)).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', filePage)).toBe(true);
    for (const url of [
      'https://huggingface.co/model.bin',
      'http://127.0.0.1:8765/api/sessions',
      'ws://localhost:5173/',
      'file:///etc/passwd',
      `${assets}../../../secret.txt`,
      'ftp://example.com/',
    ]) {
      expect(requestAllowed(url, filePage), url).toBe(false);
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
    expect(isTrustedIpcSender(sender, filePage)).toBe(true);
    expect(isTrustedIpcSender({ ...sender, isMainFrame: false }, filePage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, fromOwnWindow: false }, filePage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, frameUrl: 'https://evil.example/' }, filePage)).toBe(false);
    expect(isTrustedIpcSender({ ...sender, frameUrl: undefined }, filePage)).toBe(false);
  });
});
