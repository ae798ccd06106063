import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createAccessToken,
  readLeftoverToken,
  removeTokenFile,
  tokenFromRequest,
  tokenMatches,
  writeTokenFile,
} from '../../src/server/accessToken';
import { tempDir } from '../helpers/fixtures';

describe('access token', () => {
  it('is random, URL-safe and long', () => {
    const a = createAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createAccessToken()).not.toBe(a);
  });

  it.skipIf(process.platform === 'win32')(
    'is written to a file only its owner can read, even over a looser old one',
    () => {
      const file = path.join(tempDir(), 'data', 'server-token');
      writeTokenFile(file, 'first');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      chmodSync(file, 0o644);
      writeFileSync(file, 'old');
      writeTokenFile(file, 'second');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe('second\n');
    },
  );

  it('is read from the Authorization header or ?token=', () => {
    expect(tokenFromRequest({ url: '/health', headers: { authorization: 'Bearer abc' } })).toBe('abc');
    expect(tokenFromRequest({ url: '/ws/api?token=xyz', headers: {} })).toBe('xyz');
    expect(tokenFromRequest({ url: '/ws/api', headers: { authorization: 'Basic abc' } })).toBeNull();
    expect(tokenFromRequest({ url: '/', headers: {} })).toBeNull();
  });

  it.skipIf(process.platform === 'win32')(
    'of a server that stopped without closing is kept for the next start; only from a sound, owner-only file',
    () => {
      const file = path.join(tempDir('coach-token-'), 'server-token');
      expect(readLeftoverToken(file)).toBeNull();
      const token = createAccessToken();
      writeTokenFile(file, token);
      // Killed: the file stays, and its token is reused (pages left open reload into the app).
      expect(readLeftoverToken(file)).toBe(token);
      // Readable by others, or not a token we made: a fresh one instead.
      chmodSync(file, 0o644);
      expect(readLeftoverToken(file)).toBeNull();
      chmodSync(file, 0o600);
      writeFileSync(file, 'short\n');
      expect(readLeftoverToken(file)).toBeNull();
      // A clean stop removes it: the next start makes a new token.
      removeTokenFile(file);
      expect(readLeftoverToken(file)).toBeNull();
    },
  );

  it('matches only exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });
});
