// app://coach/ (src/main/appProtocol.ts): which file a URL names, on Windows and POSIX paths alike, and
// the responses protocol.handle gives, served from a real folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeTypeOf,
  resolveAppFile,
} from '../../src/main/appProtocol';
import { RENDERER_CSP } from '../../src/main/security';
import { tempDir } from '../helpers/fixtures';

const OUTSIDE = [
  'app://coach/assets/%2e%2e%2f%2e%2e%2fmain%2findex.js',
  'app://coach/assets/..%5C..%5Cmain%5Cindex.js',
  'app://coach/%00index.html',
  'app://coach/%E0%A4%A',
  'app://other/index.html',
  'app://coach:81/index.html',
  'file:///etc/passwd',
  'https://coach/index.html',
  'not a url',
];

describe('resolveAppFile', () => {
  it('maps the entry page and assets into the renderer folder (POSIX, with a build folder and spaces)', () => {
    const root = '/home/ann/build/Interview Coach/out/renderer';
    expect(resolveAppFile('app://coach/index.html', root, path.posix)).toBe(`${root}/index.html`);
    expect(resolveAppFile('app://coach/', root, path.posix)).toBe(`${root}/index.html`);
    expect(resolveAppFile('app://coach/index.html#/history?x=1', root, path.posix)).toBe(
      `${root}/index.html`,
    );
    expect(resolveAppFile('app://coach/assets/index-abc.js', root, path.posix)).toBe(
      `${root}/assets/index-abc.js`,
    );
    expect(resolveAppFile('app://coach/assets/caf%C3%A9%20x.svg', root, path.posix)).toBe(
      `${root}/assets/café x.svg`,
    );
  });

  it.each(['C', 'c'])('maps assets on Windows whatever the case of the drive letter (%s:)', (drive) => {
    const root = `${drive}:\\Users\\Ann\\AppData\\Local\\Programs\\interview-coach\\resources\\app.asar\\out\\renderer`;
    expect(resolveAppFile('app://coach/index.html', root, path.win32)).toBe(`${root}\\index.html`);
    expect(resolveAppFile('app://coach/assets/pcmRecorder.worklet-x.js', root, path.win32)).toBe(
      `${root}\\assets\\pcmRecorder.worklet-x.js`,
    );
  });

  it('keeps dot segments inside the folder (URL parsing removes them, as Chromium does)', () => {
    for (const url of ['app://coach/../main/index.js', 'app://coach/%2e%2e/main/index.js']) {
      expect(resolveAppFile(url, '/srv/out/renderer', path.posix), url).toBe(
        '/srv/out/renderer/main/index.js',
      );
    }
  });

  it.each(OUTSIDE)('refuses %s', (url) => {
    expect(resolveAppFile(url, '/srv/out/renderer', path.posix)).toBeNull();
    expect(resolveAppFile(url, 'c:\\app\\out\\renderer', path.win32)).toBeNull();
  });

  it('registers a standard, secure scheme without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });
});

describe('the app:// handler', () => {
  const root = path.join(tempDir('coach-app-protocol-'), 'build', 'out', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Interview Coach</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, '..', 'secret.txt'), 'not for the page');
  const handler = createAppProtocolHandler(root);

  it('serves the page with the CSP as a header, and scripts as JavaScript', async () => {
    const page = await handler(new Request('app://coach/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await page.text()).toContain('<title>Interview Coach</title>');
    const script = await handler(new Request('app://coach/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing files, files outside the folder and anything but GET', async () => {
    for (const url of ['app://coach/missing.js', 'app://coach/%2e%2e/secret.txt', 'app://coach/assets']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect((await handler(new Request('app://coach/index.html', { method: 'POST', body: 'x' }))).status).toBe(
      404,
    );
  });

  it('knows the types the renderer uses', () => {
    expect(mimeTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('favicon.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
