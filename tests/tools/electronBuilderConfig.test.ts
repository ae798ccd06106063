// The installer configuration (electron-builder.yml), checked offline by electron-builder's own
// schema validation (installers themselves need Electron downloaded, so they are built elsewhere),
// and for what the desktop app needs from it: targets, unpacked native code, the microphone text, fuses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import type { Configuration } from 'app-builder-lib';
import { REPO_ROOT } from '../helpers/fixtures';

let config: Configuration;
beforeAll(async () => {
  // Read as `electron-builder --config electron-builder.yml` reads it.
  config = await getConfig(REPO_ROOT, path.join(REPO_ROOT, 'electron-builder.yml'), null);
});
const validate = (c: Configuration) => validateConfiguration(c, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema check", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a wrong option or value is refused', async () => {
    await expect(validate({ ...config, electronFuses: { runAsNode: 'no' } } as never)).rejects.toThrow(
      /runAsNode/,
    );
    await expect(validate({ ...config, macc: {} } as never)).rejects.toThrow(/macc/);
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.dist).toMatch(
      /electron-builder --config electron-builder\.yml$/,
    );
  });

  it('unpacks the native code from app.asar and ships the Electron build of better-sqlite3', () => {
    // getConfig normalises `files` into file sets.
    const files = ([config.files].flat() as (string | { filter?: string | string[] })[]).flatMap((f) =>
      typeof f === 'string' ? [f] : [f.filter ?? []].flat(),
    );
    expect(files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'native/**', 'package.json']));
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'native/**',
        'node_modules/smart-whisper/**',
        'node_modules/@ffmpeg-installer/**',
      ]),
    );
    expect(config.npmRebuild).toBe(false);
  });

  it('asks for the microphone on macOS, with the entitlement the hardened runtime needs', () => {
    expect(config.mac?.extendInfo).toMatchObject({
      NSMicrophoneUsageDescription: expect.stringMatching(/never leaves/),
    });
    const entitlements = readFileSync(path.join(REPO_ROOT, config.mac!.entitlements!), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.device.audio-input</key>');
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
