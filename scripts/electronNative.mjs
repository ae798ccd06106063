// The decisions behind scripts/prepareElectron.mjs, as plain functions so tests run them with Windows
// and POSIX paths: what to copy before building better-sqlite3 for Electron, what the build is keyed
// by, and what to tell someone whose machine cannot start Electron yet.
import path from 'node:path';

/** native/<this file>: what the Electron build of better-sqlite3 was made for (read by src/main/nativeSqlite.ts). */
export const SQLITE_MANIFEST = 'better-sqlite3-electron.json';

/**
 * The copy filter for better-sqlite3's package: everything but its own build/ output. Only a build
 * folder at the package's top level is skipped: a `build` folder anywhere in the path above the
 * package (~/build/coach/…) or deeper inside it (deps/…/build) must not empty the copy.
 */
export function packageCopyFilter(packageDir, pathApi = path) {
  const root = pathApi.resolve(packageDir);
  return (p) => {
    const rel = pathApi.relative(root, pathApi.resolve(p));
    return rel.split(pathApi.sep)[0] !== 'build';
  };
}

/** Everything that changes the .node file: a new Electron, a new better-sqlite3, another machine. */
export function sqliteBuildKey({ electron, betterSqlite3, platform, arch }) {
  return `better-sqlite3-${betterSqlite3}-electron-${electron}-${platform}-${arch}`;
}

export function sqliteManifest(runtime) {
  const key = sqliteBuildKey(runtime);
  return {
    electron: runtime.electron,
    betterSqlite3: runtime.betterSqlite3,
    platform: runtime.platform,
    arch: runtime.arch,
    binding: `${key}/better_sqlite3.node`,
  };
}

/** True when the manifest on disk describes exactly this build (so nothing needs rebuilding). */
export function manifestMatches(manifest, runtime) {
  if (!manifest || typeof manifest !== 'object') return false;
  const wanted = sqliteManifest(runtime);
  return Object.keys(wanted).every((k) => manifest[k] === wanted[k]);
}

/** `npm start` / `npm run dev` without the Electron binary: how to get it, and the browser alternative. */
export function missingElectronMessage() {
  return [
    'The Electron binary is not installed, so the desktop window cannot open.',
    '(node_modules/electron was installed without it: offline, or with ELECTRON_SKIP_BINARY_DOWNLOAD=1.)',
    '',
    'To get it, with network access and without ELECTRON_SKIP_BINARY_DOWNLOAD set:',
    '  npm rebuild electron        (downloads it; set ELECTRON_MIRROR to use a mirror)',
    '  npm start',
    '',
    'The same app runs in your browser without Electron, on the same data:',
    '  npm run build && npx coach serve',
  ].join('\n');
}

/**
 * Ubuntu 23.10+ restricts unprivileged user namespaces with AppArmor, and Electron from node_modules
 * then aborts ("The SUID sandbox helper binary was found, but is not configured correctly").
 * Returns the advice to print, or null when the sandbox can start.
 *   restrictUserns: /proc/sys/kernel/apparmor_restrict_unprivileged_userns ('1' restricts), or null
 *   sandboxHelper: chrome-sandbox's owner and mode, or null when it is missing
 */
export function linuxSandboxAdvice({ platform, restrictUserns, sandboxHelper, electronDist }) {
  if (platform !== 'linux' || restrictUserns?.trim() !== '1') return null;
  if (sandboxHelper && sandboxHelper.uid === 0 && (sandboxHelper.mode & 0o4755) === 0o4755) return null;
  const helper = path.posix.join(electronDist, 'chrome-sandbox');
  const binary = path.posix.join(electronDist, 'electron');
  return [
    'This system restricts unprivileged user namespaces (AppArmor, Ubuntu 23.10 and later), so Electron',
    'from node_modules stops at start with "The SUID sandbox helper binary was found, but is not',
    'configured correctly". Allow it once, in either way (both keep the sandbox on):',
    '',
    '  # an AppArmor profile for this Electron binary (what the .deb installer does):',
    `  printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile interview-coach-dev "${binary}" flags=(unconfined) {\\n  userns,\\n}\\n' \\`,
    '    | sudo tee /etc/apparmor.d/interview-coach-dev && sudo apparmor_parser -r /etc/apparmor.d/interview-coach-dev',
    '',
    '  # or the SUID sandbox helper:',
    `  sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`,
    '',
    'Never run it with --no-sandbox. (The profile or helper must be set again after Electron is reinstalled.)',
  ].join('\n');
}
