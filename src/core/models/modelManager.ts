// Settings → Models, behind the IPC handlers: the catalog beside what is installed, downloads with
// their progress events, import, delete, and the choice of the active model (saved in settings and
// loaded by the EngineHost; COACH_WHISPER_MODEL still wins).
import path from 'node:path';
import type { ModelDownloadProgress, ModelRow, ModelsOverview } from '../../shared/modelsContract';
import type { EngineHost } from '../asr/engineHost';
import type { HttpGet } from './httpGet';
import { locateModel } from '../asr/modelLocator';
import type { SettingsStore } from '../settings/settingsStore';
import { catalogInfo, catalogModel, MODEL_CATALOG } from './modelCatalog';
import { downloadModel, ModelDownloadError, type ModelDownloadRequest } from './modelDownloader';
import {
  deleteModelFile,
  importModelFile,
  inspectModelFile,
  listInstalledModels,
  ModelStoreError,
  importedFileName,
  partialDownloads,
  sweepStaleImports,
} from './modelStore';

export type ModelManagerDeps = {
  modelsDir: string;
  settings: SettingsStore;
  engine: EngineHost;
  /** True while an answer is being recorded: the engine must not change under it. */
  isRecording: () => boolean;
  /** COACH_WHISPER_MODEL or --model: it wins over the choice made in Settings. */
  envModelPath?: string | undefined;
  /** Where models are downloaded from (tests: a loopback server). */
  baseUrl?: string | undefined;
  /** The HTTP stack for downloads: Electron's net in the desktop app, Node's elsewhere. */
  httpGet?: HttpGet | undefined;
  /** Downloader options for tests (an fs with faults, a shorter progress interval). */
  downloadOptions?: Pick<ModelDownloadRequest, 'fs' | 'progressIntervalMs' | 'idleTimeoutMs'>;
  /** The downloader itself (tests: a fake that installs a file without a network). */
  download?: typeof downloadModel;
  log?: (line: string) => void;
};

type RunningDownload = { controller: AbortController; progress: ModelDownloadProgress; done: Promise<void> };

export class ModelManager {
  private readonly downloads = new Map<string, RunningDownload>();
  private readonly listeners = new Set<(p: ModelDownloadProgress) => void>();
  /** Model file names being imported right now: a download of the same name must wait. */
  private readonly imports = new Set<string>();

  constructor(private readonly deps: ModelManagerDeps) {
    // Copies left by an import that crashed half-way are never going to be finished.
    for (const file of sweepStaleImports(deps.modelsDir)) deps.log?.(`[coach] removed stale ${file}`);
  }

  /** Download progress and outcomes, for the renderer (IPC push or the WebSocket bridge). */
  onDownload(cb: (p: ModelDownloadProgress) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  overview(): ModelsOverview {
    const { modelsDir } = this.deps;
    const installed = listInstalledModels(modelsDir);
    const parts = partialDownloads(modelsDir);
    const activePath = this.activePath();
    // The active file checked once; it may have been deleted or damaged outside the app since it loaded.
    const activeCheck = activePath ? inspectModelFile(activePath) : null;
    const activeInFolder =
      activePath && path.resolve(path.dirname(activePath)) === path.resolve(modelsDir)
        ? path.basename(activePath)
        : null;
    const names = new Set([
      ...MODEL_CATALOG.map((m) => m.fileName),
      ...installed.map((m) => m.fileName),
      ...(activeInFolder ? [activeInFolder] : []),
    ]);
    const rows: ModelRow[] = [...names].map((fileName) => {
      const entry = catalogModel(fileName);
      const file = installed.find((m) => m.fileName === fileName);
      return {
        fileName,
        catalog: entry ? catalogInfo(entry) : null,
        installed: file?.info ?? null,
        problem: file?.problem ?? (fileName === activeInFolder ? (activeCheck?.problem ?? null) : null),
        partialBytes: parts.get(fileName) ?? null,
        active: activePath === path.join(modelsDir, fileName),
      };
    });
    const speech = this.deps.settings.get().speech;
    return {
      modelsDir,
      rows,
      activeFile: activePath ? path.basename(activePath) : null,
      activeChosen: Boolean(speech.model) && !this.deps.envModelPath,
      envOverride: this.deps.envModelPath ? path.resolve(this.deps.envModelPath) : null,
      activeMultilingual: activeCheck?.info?.multilingual ?? false,
      language: speech.language,
      downloads: [...this.downloads.values()].map((d) => d.progress),
    };
  }

  /** Starts downloading a catalog model (resuming its `.part` if there is one); progress is pushed. */
  startDownload(fileName: string): ModelsOverview {
    const entry = catalogModel(fileName);
    if (!entry) throw new ModelStoreError(`${fileName} is not in the model catalog; import it instead.`);
    if (this.downloads.has(fileName)) throw new ModelStoreError(`${fileName} is already downloading.`);
    if (this.imports.has(fileName)) throw new ModelStoreError(`${fileName} is being imported.`);
    if (listInstalledModels(this.deps.modelsDir).some((m) => m.fileName === fileName && m.info)) {
      throw new ModelStoreError(`${fileName} is already installed.`);
    }
    const controller = new AbortController();
    const running: RunningDownload = {
      controller,
      progress: {
        fileName,
        state: 'downloading',
        receivedBytes: partialDownloads(this.deps.modelsDir).get(fileName) ?? 0,
        totalBytes: entry.sizeBytes,
        bytesPerSec: 0,
      },
      done: Promise.resolve(),
    };
    this.downloads.set(fileName, running);
    const download = this.deps.download ?? downloadModel;
    running.done = download({
      ...this.deps.downloadOptions,
      fileName,
      modelsDir: this.deps.modelsDir,
      sha256: entry.sha256,
      sizeBytes: entry.sizeBytes,
      ...(this.deps.baseUrl ? { baseUrl: this.deps.baseUrl } : {}),
      ...(this.deps.httpGet ? { httpGet: this.deps.httpGet } : {}),
      signal: controller.signal,
      onProgress: (p) => this.emit(running, { ...running.progress, ...p }),
    }).then(
      () => this.finished(running, { state: 'done', bytesPerSec: 0 }),
      (err: Error) => {
        const cancelled = err instanceof ModelDownloadError && err.kind === 'cancelled';
        this.deps.log?.(`[coach] download of ${fileName}: ${err.message}`);
        return this.finished(running, {
          state: cancelled ? 'cancelled' : 'error',
          bytesPerSec: 0,
          message: err.message,
        });
      },
    );
    this.emit(running, running.progress);
    return this.overview();
  }

  cancelDownload(fileName: string): void {
    this.downloads.get(fileName)?.controller.abort();
  }

  /** Settles when every download under way has finished (tests; quitting). */
  async idle(): Promise<void> {
    await Promise.all([...this.downloads.values()].map((d) => d.done));
  }

  async importModel(sourcePath: string): Promise<ModelsOverview> {
    const fileName = importedFileName(sourcePath);
    if (this.downloads.has(fileName)) {
      throw new ModelStoreError(
        `${fileName} is downloading; cancel the download (or wait for it) before importing a file of that name.`,
      );
    }
    if (this.imports.has(fileName)) throw new ModelStoreError(`${fileName} is already being imported.`);
    this.imports.add(fileName);
    try {
      const imported = await importModelFile(sourcePath, this.deps.modelsDir);
      this.deps.log?.(`[coach] imported ${imported.fileName}`);
    } finally {
      this.imports.delete(fileName);
    }
    await this.loadIfNoEngine(fileName);
    return this.overview();
  }

  /**
   * Loads the speech model again (the engine's "Try again"): after a model file was replaced outside
   * the app, or a load failed. Resolves with the overview once the attempt has ended, either way.
   */
  async reloadEngine(): Promise<ModelsOverview> {
    if (this.deps.isRecording()) throw new ModelStoreError('Stop recording before reloading the model.');
    await this.deps.engine.reload().catch((err: Error) => this.deps.log?.(`[coach] ${err.message}`));
    return this.overview();
  }

  async deleteModel(fileName: string): Promise<ModelsOverview> {
    const file = path.join(this.deps.modelsDir, fileName);
    const active = this.activePath() === file;
    if (active && this.deps.isRecording()) {
      throw new ModelStoreError(`${fileName} is in use by the answer being recorded; stop it first.`);
    }
    const running = this.downloads.get(fileName);
    if (running) {
      running.controller.abort();
      await running.done;
    }
    await deleteModelFile(this.deps.modelsDir, fileName);
    if (this.deps.settings.get().speech.model === fileName) {
      this.deps.settings.update({ speech: { model: null } });
    }
    if (active) this.reloadInBackground();
    return this.overview();
  }

  /** Makes `fileName` the model the engine loads (null: let the app pick); reloads the engine now. */
  async setActive(fileName: string | null): Promise<ModelsOverview> {
    if (this.deps.isRecording()) throw new ModelStoreError('Stop recording before switching models.');
    if (fileName) {
      const found = listInstalledModels(this.deps.modelsDir).find((m) => m.fileName === fileName);
      if (!found) throw new ModelStoreError(`${fileName} is not installed.`);
      if (!found.info) throw new ModelStoreError(`${fileName} cannot be used: ${found.problem}`);
    }
    this.deps.settings.update({ speech: { model: fileName } });
    // An explicit COACH_WHISPER_MODEL wins: the choice is saved for when it is unset.
    if (!this.deps.envModelPath) this.reloadInBackground();
    return this.overview();
  }

  /** Stops downloads (their partial files stay for next time). */
  async dispose(): Promise<void> {
    for (const d of this.downloads.values()) d.controller.abort();
    await this.idle();
  }

  private activePath(): string | null {
    const status = this.deps.engine.status;
    if (status.state === 'ready') return status.modelPath;
    try {
      return locateModel({
        modelsDir: this.deps.modelsDir,
        envPath: this.deps.envModelPath,
        preferred: this.deps.settings.get().speech.model,
      });
    } catch {
      return null;
    }
  }

  /** With no working engine (first run), a newly installed model is chosen and loaded at once. */
  private async loadIfNoEngine(fileName: string): Promise<void> {
    if (this.deps.engine.status.state !== 'error' || this.deps.envModelPath) return;
    this.deps.settings.update({ speech: { model: fileName } });
    this.reloadInBackground();
  }

  private reloadInBackground(): void {
    this.deps.engine.reload().catch((err: Error) => this.deps.log?.(`[coach] ${err.message}`));
  }

  /** Never rejects: `done` is awaited by nobody in particular, and a rejection would be unhandled. */
  private async finished(running: RunningDownload, update: Partial<ModelDownloadProgress>): Promise<void> {
    const { fileName } = running.progress;
    this.downloads.delete(fileName);
    let outcome = update;
    if (update.state === 'done') {
      try {
        await this.loadIfNoEngine(fileName);
      } catch (err) {
        const message = `${fileName} was downloaded, but could not be made the active model: ${(err as Error).message}`;
        this.deps.log?.(`[coach] ${message}`);
        outcome = { ...update, state: 'error', message };
      }
    }
    this.emit(running, { ...running.progress, ...outcome });
  }

  /** Each listener is isolated: one that throws neither stops the others nor fails the download. */
  private emit(running: RunningDownload, progress: ModelDownloadProgress): void {
    running.progress = progress;
    for (const cb of this.listeners) {
      try {
        cb(progress);
      } catch (err) {
        this.deps.log?.(`[coach] a download progress listener failed: ${(err as Error).message}`);
      }
    }
  }
}
