// Temp upload folders left by a server that died mid-upload are removed at the next start; those of
// servers still running are not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeUploadDir, removeAbandonedUploads } from '../../src/server/uploadTemp';
import { tempDir } from '../helpers/fixtures';

describe('temp upload folders', () => {
  it('removes the folders of ended server processes and keeps the live ones', () => {
    const tmp = tempDir();
    // A pid that has certainly ended: a child that ran and exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(gone.stdout);
    const abandoned = path.join(tmp, `coach-upload-${deadPid}-AbCdEf`);
    mkdirSync(abandoned);
    writeFileSync(path.join(abandoned, 'upload'), Buffer.alloc(1024));
    const ours = makeUploadDir(tmp);
    const otherLive = path.join(tmp, `coach-upload-${process.ppid}-XyZ123`);
    mkdirSync(otherLive);
    const unrelated = path.join(tmp, 'coach-something-else');
    mkdirSync(unrelated);

    expect(removeAbandonedUploads(tmp)).toEqual([abandoned]);
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(ours)).toBe(true);
    expect(existsSync(otherLive)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });
});
