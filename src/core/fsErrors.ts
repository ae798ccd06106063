/** Turns a Node file-system error into words a person can act on. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'SQLITE_FULL':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
    case 'SQLITE_READONLY':
      return 'the disk is read-only';
    case 'ENOENT':
      return 'the folder no longer exists';
    default:
      return e?.message ?? String(err);
  }
}
