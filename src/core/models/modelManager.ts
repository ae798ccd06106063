// Settings → Models, behind the IPC handlers: the catalog beside what is installed, downloads with
// their progress events, import, delete, and the choice of the active model (saved in settings and
// loaded by the EngineHost; COACH_WHISPER_MODEL still wins).
import path from 'node:path';
import type { ModelDownloadProgress, ModelRow, ModelsOverview } from '../../shared/modelsContract';
import type { EngineHost } from '../asr/engineHost';
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
  partialDownloads,
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
  /** Downloader options for tests (an fs with faults, a shorter progress interval). */
  downloadOptions?: Pick<ModelDownloadRequest, 'fs' | 'progressIntervalMs' | 'idleTimeoutMs'>;
  log?: (line: string) => void;
};

type RunningDownload = { controller: AbortController; progress: ModelDownloadProgress; done: Promise<void> };

export class ModelManager {
  private readonly downloads = new Map<string, RunningDownload>();
  private readonly listeners = new Set<(p: ModelDownloadProgress) => void>();

  constructor(private readonly deps: ModelManagerDeps) {}

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
    const names = new Set([...MODEL_CATALOG.map((m) => m.fileName), ...installed.map((m) => m.fileName)]);
    const rows: ModelRow[] = [...names].map((fileName) => {
      const entry = catalogModel(fileName);
      const file = installed.find((m) => m.fileName === fileName);
      return {
        fileName,
        catalog: entry ? catalogInfo(entry) : null,
        installed: file?.info ?? null,
        problem: file?.problem ?? null,
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
      activeMultilingual: activePath ? (inspectModelFile(activePath).info?.multilingual ?? false) : false,
      language: speech.language,
      downloads: [...this.downloads.values()].map((d) => d.progress),
    };
  }

  /** Starts downloading a catalog model (resuming its `.part` if there is one); progress is pushed. */
  startDownload(fileName: string): ModelsOverview {
    const entry = catalogModel(fileName);
    if (!entry) throw new ModelStoreError(`${fileName} is not in the model catalog; import it instead.`);
    if (this.downloads.has(fileName)) throw new ModelStoreError(`${fileName} is already downloading.`);
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
    running.done = downloadModel({
      ...this.deps.downloadOptions,
      fileName,
      modelsDir: this.deps.modelsDir,
      sha256: entry.sha256,
      sizeBytes: entry.sizeBytes,
      ...(this.deps.baseUrl ? { baseUrl: this.deps.baseUrl } : {}),
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
    const imported = await importModelFile(sourcePath, this.deps.modelsDir);
    this.deps.log?.(`[coach] imported ${imported.fileName}`);
    await this.loadIfNoEngine(imported.fileName);
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
    if (active) this.reloadEngine();
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
    if (!this.deps.envModelPath) this.reloadEngine();
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
    this.reloadEngine();
  }

  private reloadEngine(): void {
    this.deps.engine.reload().catch((err: Error) => this.deps.log?.(`[coach] ${err.message}`));
  }

  private async finished(running: RunningDownload, update: Partial<ModelDownloadProgress>): Promise<void> {
    this.downloads.delete(running.progress.fileName);
    if (update.state === 'done') await this.loadIfNoEngine(running.progress.fileName);
    this.emit(running, { ...running.progress, ...update });
  }

  private emit(running: RunningDownload, progress: ModelDownloadProgress): void {
    running.progress = progress;
    for (const cb of this.listeners) cb(progress);
  }
}
