// Types for the install script, so tests can import it.
export declare const ABORT_PATCH_VERSION: number;
export declare const ORIGINAL_SHA256: Readonly<Record<string, string>>;
/** [file, anchor, replacement] */
export declare const ABORT_PATCH_EDITS: readonly (readonly [string, string, string])[];
/** Applies the patch to the package in `pkgDir`; false when it is already applied. */
export declare function applyAbortPatch(pkgDir: string): boolean;
