// The desktop app's platform decisions without Electron: macOS microphone consent, which
// better-sqlite3 build the main process loads (and what it says when there is none), and what a
// crashed renderer leads to.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ensureMicrophoneAccess,
  macMicrophoneHelp,
  type MediaAccessStatus,
} from '../../src/main/macMicrophone';
import {
  describeNativeLoadError,
  nativeDir,
  sqliteBinding,
  type SqliteRuntime,
} from '../../src/main/nativeSqlite';
import { MAX_RELOADS, RendererRecovery, rendererGoneMessage } from '../../src/main/rendererRecovery';

const prefs = (status: MediaAccessStatus, answer = true) => ({
  getMediaAccessStatus: vi.fn(() => status),
  askForMediaAccess: vi.fn(async () => answer),
});

describe('macOS microphone consent', () => {
  it('asks macOS first when the user has not decided, and records only once they agree', async () => {
    const yes = prefs('not-determined', true);
    expect(await ensureMicrophoneAccess('darwin', yes)).toBe(true);
    expect(yes.askForMediaAccess).toHaveBeenCalledWith('microphone');
    expect(await ensureMicrophoneAccess('darwin', prefs('not-determined', false))).toBe(false);
  });

  it('does not ask again once decided', async () => {
    for (const [status, allowed] of [
      ['granted', true],
      ['denied', false],
      ['restricted', false],
    ] as const) {
      const p = prefs(status);
      expect(await ensureMicrophoneAccess('darwin', p), status).toBe(allowed);
      expect(p.askForMediaAccess).not.toHaveBeenCalled();
    }
  });

  it('leaves other systems to Chromium', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      const p = prefs('denied');
      expect(await ensureMicrophoneAccess(platform, p)).toBe(true);
      expect(p.getMediaAccessStatus).not.toHaveBeenCalled();
    }
  });

  it('names the privacy entry macOS really shows: the app, or the terminal it was started from', () => {
    expect(macMicrophoneHelp({ packaged: true, termProgram: 'Apple_Terminal' })).toMatch(
      /Privacy & Security → Microphone, switch on Interview Coach,/,
    );
    expect(macMicrophoneHelp({ packaged: false, termProgram: 'Apple_Terminal' })).toMatch(
      /switch on Terminal \(/,
    );
    expect(macMicrophoneHelp({ packaged: false, termProgram: 'iTerm.app' })).toMatch(/switch on iTerm \(/);
    expect(macMicrophoneHelp({ packaged: false, termProgram: undefined })).toMatch(
      /switch on the terminal app you started Interview Coach from/,
    );
  });
});

describe('the Electron build of better-sqlite3', () => {
  const runtime: SqliteRuntime = {
    electron: '38.8.6',
    betterSqlite3: '12.6.2',
    platform: 'linux',
    arch: 'x64',
    packaged: false,
  };
  const manifest = {
    electron: '38.8.6',
    betterSqlite3: '12.6.2',
    platform: 'linux',
    arch: 'x64',
    binding: 'better-sqlite3-12.6.2-electron-38.8.6-linux-x64/better_sqlite3.node',
  };

  it('lives in native/ beside the code, unpacked from app.asar in an installed app', () => {
    expect(nativeDir('/home/ann/build/coach', path.posix)).toBe('/home/ann/build/coach/native');
    expect(nativeDir('/opt/Interview Coach/resources/app.asar', path.posix)).toBe(
      '/opt/Interview Coach/resources/app.asar.unpacked/native',
    );
    expect(nativeDir('c:\\Program Files\\Interview Coach\\resources\\app.asar', path.win32)).toBe(
      'c:\\Program Files\\Interview Coach\\resources\\app.asar.unpacked\\native',
    );
  });

  it('is loaded when it was built for this Electron, this better-sqlite3 and this machine', () => {
    expect(sqliteBinding(manifest, runtime, '/app/native', path.posix)).toEqual({
      binding: '/app/native/better-sqlite3-12.6.2-electron-38.8.6-linux-x64/better_sqlite3.node',
    });
  });

  it('is rebuilt, not reused, after better-sqlite3 or Electron changed', () => {
    for (const changed of [{ betterSqlite3: '12.7.0' }, { electron: '39.0.0' }, { arch: 'arm64' }]) {
      const found = sqliteBinding(manifest, { ...runtime, ...changed }, '/app/native', path.posix);
      expect(found, JSON.stringify(changed)).toEqual({
        problem: expect.stringMatching(
          /was built for better-sqlite3 12\.6\.2 and Electron 38\.8\.6 .*Run `npm start` again/,
        ),
      });
    }
  });

  it('says how to build it when there is none, or how to repair an installation', () => {
    expect(sqliteBinding(null, runtime, '/app/native')).toEqual({
      problem:
        'The database addon (better-sqlite3 12.6.2 for Electron 38.8.6 (linux-x64)) has not been built. ' +
        'Run `npm start` again (it builds it), or `node scripts/prepareElectron.mjs`.',
    });
    expect(sqliteBinding({ ...manifest, binding: '../../evil.node' }, runtime, '/app/native')).toHaveProperty(
      'problem',
    );
    expect(sqliteBinding(null, { ...runtime, packaged: true }, '/app/native')).toEqual({
      problem: expect.stringMatching(/please reinstall Interview Coach\.$/),
    });
  });

  it('turns the ABI mismatch text into what to do, and leaves other errors alone', () => {
    const abi = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. " +
        'This version of Node.js requires NODE_MODULE_VERSION 139. Please try re-compiling or re-installing the module (for instance, using `npm rebuild` or `npm install`).',
    );
    const friendly = describeNativeLoadError(abi, runtime);
    expect(friendly.message).toBe(
      'The database addon does not fit this Electron 38.8.6 (linux-x64). Run `npm start` again (it rebuilds it for Electron), or `node scripts/prepareElectron.mjs`.',
    );
    expect(friendly.message).not.toMatch(/npm rebuild/);
    expect(friendly.cause).toBe(abi);
    const other = new Error('SQLITE_CORRUPT: database disk image is malformed');
    expect(describeNativeLoadError(other, runtime)).toBe(other);
  });
});

describe('a crashed renderer', () => {
  it('is reloaded, a few times, then the app gives up instead of looping', () => {
    const recovery = new RendererRecovery();
    for (let i = 0; i < MAX_RELOADS; i++) expect(recovery.onGone('crashed', i * 1000)).toBe('reload');
    expect(recovery.onGone('oom', 5000)).toBe('give-up');
  });

  it('forgets crashes older than a minute, and ignores a window closing normally', () => {
    const recovery = new RendererRecovery();
    for (let i = 0; i < 10; i++) expect(recovery.onGone('crashed', i * 61_000)).toBe('reload');
    expect(recovery.onGone('clean-exit', 700_000)).toBe('none');
  });

  it('is explained in words', () => {
    expect(rendererGoneMessage('oom', 0)).toBe(
      'The Interview Coach window ran out of memory. Any answer being recorded was saved.',
    );
    expect(rendererGoneMessage('crashed', 139)).toMatch(/stopped \(crashed, exit code 139\)/);
  });
});
