// scripts/prepareElectron.mjs, which builds better-sqlite3 for Electron before `npm start`: its copy
// filter with Windows and POSIX paths that contain `build` folders, its build key, and what `npm start`
// says without the Electron binary (as on this machine) or under Ubuntu's AppArmor restriction.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  linuxSandboxAdvice,
  manifestMatches,
  missingElectronMessage,
  packageCopyFilter,
  SQLITE_MANIFEST,
  sqliteManifest,
} from '../../scripts/electronNative.mjs';
import { SQLITE_MANIFEST as MAIN_READS } from '../../src/main/nativeSqlite';
import { REPO_ROOT, tempDir } from '../helpers/fixtures';

const runtime = { electron: '38.8.6', betterSqlite3: '12.6.2', platform: 'linux', arch: 'x64' };

describe('the copy of better-sqlite3 to build', () => {
  it.each([
    [
      'POSIX, a project inside a build folder',
      path.posix,
      '/home/ann/build/interview-coach/node_modules/better-sqlite3',
    ],
    ['POSIX, a CI workspace', path.posix, '/build/src/node_modules/better-sqlite3'],
    ['Windows', path.win32, 'C:\\Users\\Ann\\build\\interview-coach\\node_modules\\better-sqlite3'],
    ['Windows, lowercase drive', path.win32, 'c:\\build\\coach\\node_modules\\better-sqlite3'],
  ])('%s: keeps the package and its sources, skips only its own build output', (_name, p, pkg) => {
    const keep = packageCopyFilter(pkg, p);
    expect(keep(pkg)).toBe(true);
    for (const kept of [
      'binding.gyp',
      'src/better_sqlite3.cpp',
      'deps/sqlite3/sqlite3.c',
      'deps/build/x.h',
      'lib/index.js',
    ]) {
      expect(keep(p.join(pkg, ...kept.split('/'))), kept).toBe(true);
    }
    for (const skipped of ['build', 'build/Release/better_sqlite3.node', 'build/config.gypi']) {
      expect(keep(p.join(pkg, ...skipped.split('/'))), skipped).toBe(false);
    }
  });

  it('copies a real package that sits under a build folder', () => {
    const pkg = path.join(tempDir('coach-copy-'), 'build', 'app', 'node_modules', 'better-sqlite3');
    mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
    mkdirSync(path.join(pkg, 'src'), { recursive: true });
    writeFileSync(path.join(pkg, 'binding.gyp'), '{}');
    writeFileSync(path.join(pkg, 'src', 'a.cpp'), '');
    writeFileSync(path.join(pkg, 'build', 'Release', 'old.node'), '');
    const to = path.join(tempDir('coach-copy-to-'), 'work');
    cpSync(pkg, to, { recursive: true, filter: packageCopyFilter(pkg) });
    expect(existsSync(path.join(to, 'binding.gyp'))).toBe(true);
    expect(existsSync(path.join(to, 'src', 'a.cpp'))).toBe(true);
    expect(existsSync(path.join(to, 'build'))).toBe(false);
  });
});

describe('the build key', () => {
  it('names the versions and the machine, in the manifest the main process reads', () => {
    expect(SQLITE_MANIFEST).toBe(MAIN_READS);
    expect(sqliteManifest(runtime)).toEqual({
      ...runtime,
      binding: 'better-sqlite3-12.6.2-electron-38.8.6-linux-x64/better_sqlite3.node',
    });
    expect(manifestMatches(sqliteManifest(runtime), runtime)).toBe(true);
  });

  it('asks for a rebuild when better-sqlite3, Electron or the machine changed', () => {
    const built = sqliteManifest(runtime);
    expect(manifestMatches(built, { ...runtime, betterSqlite3: '12.7.0' })).toBe(false);
    expect(manifestMatches(built, { ...runtime, electron: '38.9.0' })).toBe(false);
    expect(manifestMatches(built, { ...runtime, arch: 'arm64' })).toBe(false);
    expect(manifestMatches(null, runtime)).toBe(false);
  });
});

describe('npm start without the Electron binary', () => {
  // Electron's install script writes path.txt once the binary is in place.
  const electronPresent = existsSync(path.join(REPO_ROOT, 'node_modules/electron/path.txt'));

  it.skipIf(electronPresent)(
    'says how to get it and that coach serve runs the app, with no stack trace',
    () => {
      const res = spawnSync(process.execPath, ['scripts/prepareElectron.mjs', '--for-start'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('The Electron binary is not installed');
      expect(res.stderr).toContain('npm rebuild electron');
      expect(res.stderr).toContain('npx coach serve');
      expect(res.stderr).not.toMatch(/^\s+at /m);
      expect(res.stderr).not.toMatch(/Error:/);
    },
  );

  it.skipIf(electronPresent)('is fine for npm install (postinstall): nothing to build, exit 0', () => {
    const res = spawnSync(process.execPath, ['scripts/prepareElectron.mjs'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/skipping the Electron build/);
  });

  it('the message is the one printed', () => {
    expect(missingElectronMessage()).toMatch(/npm run build && npx coach serve$/);
  });
});

describe('Ubuntu 23.10+ AppArmor sandbox restriction', () => {
  const dist = '/home/ann/coach/node_modules/electron/dist';
  const restricted = {
    platform: 'linux',
    restrictUserns: '1\n',
    sandboxHelper: { uid: 1000, mode: 0o100755 },
    electronDist: dist,
  };

  it('explains both fixes, for this Electron binary, when the restriction is on', () => {
    const advice = linuxSandboxAdvice(restricted)!;
    expect(advice).toContain('SUID sandbox helper');
    expect(advice).toContain(`profile interview-coach-dev "${dist}/electron" flags=(unconfined)`);
    expect(advice).toContain('userns,');
    expect(advice).toContain(
      `sudo chown root:root "${dist}/chrome-sandbox" && sudo chmod 4755 "${dist}/chrome-sandbox"`,
    );
    expect(advice).toMatch(/Never run it with --no-sandbox/);
  });

  it('says nothing when the restriction is off, the helper is set up, or on other systems', () => {
    expect(linuxSandboxAdvice({ ...restricted, restrictUserns: '0\n' })).toBeNull();
    expect(linuxSandboxAdvice({ ...restricted, restrictUserns: null })).toBeNull();
    expect(linuxSandboxAdvice({ ...restricted, sandboxHelper: { uid: 0, mode: 0o104755 } })).toBeNull();
    expect(linuxSandboxAdvice({ ...restricted, platform: 'darwin' })).toBeNull();
  });
});
