// Moves a finished file (a verified download, a checked import copy) to its real name without ever
// replacing a file already there: two installs of the same model cannot overwrite each other.
import { link, rename, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';

/** Filesystems without hard links (FAT, exFAT, some network shares) answer with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Gives `temp` the name `dest`; fails with an EEXIST error (and leaves `temp`) if `dest` exists.
 * A hard link makes the check and the install one step; without hard links the check comes just
 * before a rename (callers serialise installs of one name, so the gap is not raced in-process).
 */
export async function installWithoutClobber(temp: string, dest: string): Promise<void> {
  try {
    await link(temp, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!NO_HARD_LINKS.has(code)) throw err;
    if (existsSync(dest)) throw Object.assign(new Error(`${dest} already exists`), { code: 'EEXIST' });
    await rename(temp, dest);
    return;
  }
  await unlink(temp);
}
