// The one answer to "is this path inside that folder?", for every place a path from outside (a URL, a
// database row, an imported bundle) is about to be read, written or removed.
import path from 'node:path';

/**
 * True when `file` lies strictly inside `dir` (not `dir` itself), comparing resolved paths. Symlinks are
 * not followed: callers that serve files compare realpaths as well.
 */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
