// Types for scripts/electronNative.mjs, so tests can import it.
import type path from 'node:path';

export type SqliteRuntime = { electron: string; betterSqlite3: string; platform: string; arch: string };
export type SqliteManifest = SqliteRuntime & { binding: string };
export declare const SQLITE_MANIFEST: string;
export declare function packageCopyFilter(
  packageDir: string,
  pathApi?: Pick<typeof path, 'resolve' | 'relative' | 'sep'>,
): (p: string) => boolean;
export declare function sqliteBuildKey(runtime: SqliteRuntime): string;
export declare function sqliteManifest(runtime: SqliteRuntime): SqliteManifest;
export declare function manifestMatches(manifest: unknown, runtime: SqliteRuntime): boolean;
export declare function missingElectronMessage(): string;
export declare function linuxSandboxAdvice(opts: {
  platform: string;
  restrictUserns: string | null;
  sandboxHelper: { uid: number; mode: number } | null;
  electronDist: string;
}): string | null;
