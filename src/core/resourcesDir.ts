import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's resources/ folder, found by walking up from this module, which works from
 * src/ (tsx, vitest) and from the bundled out/main/ alike. A packaged app passes its own path.
 */
export function resourcesDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'questions.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources/ not found above ${from}`);
    dir = parent;
  }
}
