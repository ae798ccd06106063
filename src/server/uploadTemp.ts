// Uploads are written to a temp folder named for the server process that received them
// (coach-upload-<pid>-…), so a server killed mid-upload leaves a folder the next one can tell is
// abandoned: any whose process is gone is removed at start. Folders of other running servers stay.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'coach-upload-';

/** A fresh folder for one upload, owned by this process. */
export function makeUploadDir(tmpDir = os.tmpdir()): string {
  return mkdtempSync(path.join(tmpDir, `${PREFIX}${process.pid}-`));
}

/** True while a process with this pid exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the upload folders left by server processes that have ended; returns what it removed. */
export function removeAbandonedUploads(tmpDir = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(/^coach-upload-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    const dir = path.join(tmpDir, name);
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
