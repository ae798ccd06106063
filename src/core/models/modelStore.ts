// The models folder on disk: which Whisper models are installed (each checked with its ggml header),
// unfinished downloads, importing a local .bin (validated before and after an atomic copy) and deleting.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { InstalledInfo, Quantisation } from '../../shared/modelsContract';
import { readGgmlModelInfo } from '../asr/ggmlModelInfo';
import { describeFsError } from '../fsErrors';
import { installWithoutClobber } from './installFile';
import { isModelFileName } from './modelCatalog';
import { PART_SUFFIX } from './modelDownloader';

export class ModelStoreError extends Error {}

/** whisper.cpp stores ggml_ftype, plus 1000 × the quantisation format version for quantised files. */
const QNT_VERSION_FACTOR = 1000;
const FTYPE_NAMES: Record<number, Quantisation> = {
  0: 'f32',
  1: 'f16',
  2: 'q4_0',
  3: 'q4_1',
  7: 'q8_0',
  8: 'q5_0',
  9: 'q5_1',
};

export function quantisationOf(ftype: number): Quantisation {
  return FTYPE_NAMES[ftype % QNT_VERSION_FACTOR] ?? 'unknown';
}

export type InstalledModel = {
  fileName: string;
  path: string;
  /** Null when the file is not a usable Whisper model; `problem` says why. */
  info: InstalledInfo | null;
  problem: string | null;
};

/** Header checks walk every tensor record; a file's answer is kept until its size or date changes. */
const inspected = new Map<string, { key: string; result: Pick<InstalledModel, 'info' | 'problem'> }>();

/** Never throws: a file that cannot even be read (deleted, moved, no permission) comes back with its problem. */
export function inspectModelFile(file: string): Pick<InstalledModel, 'info' | 'problem'> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (err) {
    inspected.delete(file);
    return { info: null, problem: `${path.basename(file)} cannot be read: ${describeFsError(err)}.` };
  }
  const key = `${st.size}:${st.mtimeMs}`;
  const cached = inspected.get(file);
  if (cached?.key === key) return cached.result;
  let result: Pick<InstalledModel, 'info' | 'problem'>;
  try {
    const h = readGgmlModelInfo(file);
    result = {
      info: {
        sizeBytes: st.size,
        multilingual: h.multilingual,
        quantisation: quantisationOf(h.ftype),
        sizeName: h.sizeName,
      },
      problem: null,
    };
  } catch (err) {
    result = { info: null, problem: (err as Error).message };
  }
  inspected.set(file, { key, result });
  return result;
}

export function listInstalledModels(modelsDir: string): InstalledModel[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter(isModelFileName)
    .sort()
    .flatMap((fileName) => {
      const file = path.join(modelsDir, fileName);
      try {
        if (!statSync(file).isFile()) return [];
        return [{ fileName, path: file, ...inspectModelFile(file) }];
      } catch {
        return []; // deleted while listing
      }
    });
}

/** Unfinished downloads (`<model>.part`) and their sizes, by model file name. */
export function partialDownloads(modelsDir: string): Map<string, number> {
  const parts = new Map<string, number>();
  if (!existsSync(modelsDir)) return parts;
  for (const name of readdirSync(modelsDir)) {
    if (!name.endsWith(PART_SUFFIX)) continue;
    const fileName = name.slice(0, -PART_SUFFIX.length);
    if (!isModelFileName(fileName)) continue;
    try {
      parts.set(fileName, statSync(path.join(modelsDir, name)).size);
    } catch {
      // gone since readdir
    }
  }
  return parts;
}

/** The name an imported file gets: its own when it already looks like a model, else `ggml-<name>.bin`. */
export function importedFileName(sourcePath: string): string {
  const base = path.basename(sourcePath);
  if (isModelFileName(base)) return base;
  const stem = base
    .replace(/\.bin$/i, '')
    .replace(/^ggml-/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  const name = `ggml-${stem || 'imported'}.bin`;
  if (!isModelFileName(name))
    throw new ModelStoreError(`Cannot import ${base}: choose a .bin Whisper model.`);
  return name;
}

/**
 * Copies a local whisper.cpp model into the models folder. The source is validated first (a wrong
 * file is refused before anything is copied), the copy goes to a temporary name, is validated again
 * and only then renamed into place, so the folder never holds half a model.
 */
export async function importModelFile(sourcePath: string, modelsDir: string): Promise<InstalledModel> {
  const source = path.resolve(sourcePath);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(source);
  } catch (err) {
    throw new ModelStoreError(`Cannot import ${source}: ${describeFsError(err)}.`);
  }
  if (!st.isFile()) throw new ModelStoreError(`Cannot import ${source}: it is not a file.`);
  const checked = inspectModelFile(source);
  if (!checked.info) {
    throw new ModelStoreError(`${path.basename(source)} is not a usable Whisper model: ${checked.problem}`);
  }
  const fileName = importedFileName(source);
  const dest = path.join(modelsDir, fileName);
  if (existsSync(dest)) {
    throw new ModelStoreError(
      `A model named ${fileName} is already installed; delete it first to replace it.`,
    );
  }
  const temp = importTempPath(dest, process.pid);
  try {
    await mkdir(modelsDir, { recursive: true });
    await copyFile(source, temp);
    const copy = inspectModelFile(temp);
    if (!copy.info) throw new ModelStoreError(`The copy of ${fileName} is damaged: ${copy.problem}`);
    // Never over a file that appeared meanwhile (a download finishing, another import).
    await installWithoutClobber(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    inspected.delete(temp);
    if (err instanceof ModelStoreError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ModelStoreError(
        `A model named ${fileName} was installed meanwhile; delete it first to replace it.`,
      );
    }
    throw new ModelStoreError(`Could not copy ${fileName} into ${modelsDir}: ${describeFsError(err)}.`);
  }
  inspected.delete(temp);
  return { fileName, path: dest, ...inspectModelFile(dest) };
}

const IMPORT_TEMP = /^(.+)\.import-(\d+)\.tmp$/;

function importTempPath(dest: string, pid: number): string {
  return `${dest}.import-${pid}.tmp`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/**
 * Deletes the `<model>.import-<pid>.tmp` copies of imports whose process is gone (a crash or a kill
 * mid-copy): they are never finished and can be hundreds of megabytes. Returns the names removed.
 */
export function sweepStaleImports(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(modelsDir)) {
    const match = IMPORT_TEMP.exec(name);
    if (!match || !isModelFileName(match[1] ?? '')) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || processIsAlive(pid)) continue;
    try {
      rmSync(path.join(modelsDir, name), { force: true });
      removed.push(name);
    } catch {
      // still in use or not ours to delete: the next start tries again
    }
  }
  return removed;
}

/** Deletes a model and any unfinished download of it. */
export async function deleteModelFile(modelsDir: string, fileName: string): Promise<void> {
  if (!isModelFileName(fileName)) throw new ModelStoreError(`${fileName} is not a model file name.`);
  const file = path.join(modelsDir, fileName);
  if (!existsSync(file) && !existsSync(file + PART_SUFFIX)) {
    throw new ModelStoreError(`${fileName} is not installed.`);
  }
  try {
    await rm(file, { force: true });
    await rm(file + PART_SUFFIX, { force: true });
  } catch (err) {
    throw new ModelStoreError(`Could not delete ${fileName}: ${describeFsError(err)}.`);
  }
  inspected.delete(file);
}
