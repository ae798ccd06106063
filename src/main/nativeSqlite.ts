// Which better-sqlite3 binary the Electron main process loads. better-sqlite3 is not N-API, so
// Electron needs its own build (scripts/prepareElectron.mjs writes it, with a manifest of what it was
// built for, into native/); node_modules keeps Node's build for the CLI, the server and the tests.
// No 'electron' import: tested with Windows and POSIX paths.
import path from 'node:path';

export const NATIVE_DIR = 'native';
export const SQLITE_MANIFEST = 'better-sqlite3-electron.json';

/** What one Electron build of better-sqlite3 was compiled for, and where its .node file is. */
export type SqliteBuildManifest = {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  /** Relative to the native/ folder. */
  binding: string;
};

export type SqliteRuntime = {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
  /** app.isPackaged: an installer put the files there, so the fix is a reinstall, not a rebuild. */
  packaged: boolean;
};

type PathApi = Pick<typeof path, 'join' | 'basename' | 'dirname'>;

/**
 * The native/ folder next to the app's code. In an installed app the code is inside app.asar and
 * native/ is unpacked beside it (app.asar.unpacked), where the OS loader can read it.
 */
export function nativeDir(appPath: string, pathApi: PathApi = path): string {
  const unpacked =
    pathApi.basename(appPath) === 'app.asar'
      ? pathApi.join(pathApi.dirname(appPath), 'app.asar.unpacked')
      : appPath;
  return pathApi.join(unpacked, NATIVE_DIR);
}

/** The binding to load, or why there is none fit for this Electron, as a message a person can act on. */
export function sqliteBinding(
  manifest: unknown,
  runtime: SqliteRuntime,
  dir: string,
  pathApi: PathApi = path,
): { binding: string } | { problem: string } {
  const m = parseManifest(manifest);
  const fix = runtime.packaged
    ? 'This installation is incomplete: please reinstall Interview Coach.'
    : 'Run `npm start` again (it builds it), or `node scripts/prepareElectron.mjs`.';
  const wanted = `better-sqlite3 ${runtime.betterSqlite3} for Electron ${runtime.electron} (${runtime.platform}-${runtime.arch})`;
  if (!m) return { problem: `The database addon (${wanted}) has not been built. ${fix}` };
  const stale =
    m.electron !== runtime.electron ||
    m.betterSqlite3 !== runtime.betterSqlite3 ||
    m.platform !== runtime.platform ||
    m.arch !== runtime.arch;
  if (stale) {
    return {
      problem:
        `The database addon was built for better-sqlite3 ${m.betterSqlite3} and Electron ${m.electron} ` +
        `(${m.platform}-${m.arch}), but this app needs ${wanted}. ${fix}`,
    };
  }
  return { binding: pathApi.join(dir, m.binding) };
}

/**
 * A native addon of the wrong ABI fails with Node's "compiled against a different Node.js version …
 * try `npm rebuild`", which is wrong advice here (it would rebuild for Node). Anything else passes.
 */
export function describeNativeLoadError(err: Error, runtime: SqliteRuntime): Error {
  if (
    !/NODE_MODULE_VERSION|different Node\.js version|not a valid Win32 application|invalid ELF/i.test(
      err.message,
    )
  )
    return err;
  const fix = runtime.packaged
    ? 'This installation is damaged: please reinstall Interview Coach.'
    : 'Run `npm start` again (it rebuilds it for Electron), or `node scripts/prepareElectron.mjs`.';
  return new Error(
    `The database addon does not fit this Electron ${runtime.electron} (${runtime.platform}-${runtime.arch}). ${fix}`,
    { cause: err },
  );
}

function parseManifest(value: unknown): SqliteBuildManifest | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const keys = ['electron', 'betterSqlite3', 'platform', 'arch', 'binding'] as const;
  if (!keys.every((k) => typeof v[k] === 'string' && v[k] !== '')) return null;
  const binding = v.binding as string;
  // The manifest only ever names a file inside native/.
  if (binding.includes('..') || binding.startsWith('/') || binding.includes(':')) return null;
  return v as SqliteBuildManifest;
}
