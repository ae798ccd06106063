// Which URL paths reach which files of the built renderer: only files inside its folder.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  resolveStaticPath,
  safeHostHeader,
  staticHeaders,
} from '../../src/server/staticFiles';
import { tempDir } from '../helpers/fixtures';

function site() {
  const root = tempDir('coach-static-');
  const dir = path.join(root, 'site');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), 'app');
  writeFileSync(path.join(dir, 'assets', 'a.js'), 'js');
  writeFileSync(path.join(root, 'secret.txt'), 'secret');
  symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'assets', 'link.txt'));
  return dir;
}

describe('resolveStaticPath', () => {
  const dir = site();

  it('maps / to index.html and finds assets', () => {
    expect(resolveStaticPath(dir, '/')).toBe(path.join(dir, 'index.html'));
    expect(resolveStaticPath(dir, '/assets/a.js')).toBe(path.join(dir, 'assets', 'a.js'));
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%00',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('refuses %s', (urlPath) => {
    expect(resolveStaticPath(dir, urlPath)).toBeNull();
  });

  it('refuses a symlink that leads out of the folder', () => {
    expect(resolveStaticPath(dir, '/assets/link.txt')).toBeNull();
  });
});

describe('headers', () => {
  it('allow the WebSocket of the host the page came from, and nothing from elsewhere', () => {
    const csp = contentSecurityPolicy('127.0.0.1:8765');
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:8765");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('never put an odd Host header into the policy', () => {
    expect(safeHostHeader('127.0.0.1:8765', 'x')).toBe('127.0.0.1:8765');
    expect(safeHostHeader('[::1]:8765', 'x')).toBe('[::1]:8765');
    expect(safeHostHeader("evil; script-src 'unsafe-inline'", '127.0.0.1:1')).toBe('127.0.0.1:1');
    expect(safeHostHeader(undefined, '127.0.0.1:1')).toBe('127.0.0.1:1');
  });

  it('send the policy with HTML only, and nosniff with everything', () => {
    expect(staticHeaders('/x/index.html', 'h:1')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': expect.any(String),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(staticHeaders('/x/a.js', 'h:1')).not.toHaveProperty('Content-Security-Policy');
    expect(staticHeaders('/x/a.js', 'h:1')['X-Content-Type-Options']).toBe('nosniff');
  });
});
