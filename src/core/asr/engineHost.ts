// Owns the one loaded Whisper model for the process: finds it, validates it, loads it once,
// and reports its status so the UI can tell the user what to do when there is none.
import type { EngineStatus } from '../domain';
import { locateModel } from './modelLocator';
import type { Transcriber } from './transcriber';
import { WhisperTranscriber, type WhisperParams } from './whisperTranscriber';

export type EngineHostOptions = {
  modelsDir: string;
  /** Explicit model path (COACH_WHISPER_MODEL or a CLI flag). */
  modelPath?: string | undefined;
  whisperParams?: Partial<WhisperParams>;
  /** Injected engine loader, for fault-injection tests of the UI and the service. */
  load?: (modelPath: string) => Promise<Transcriber>;
};

export class EngineHost {
  private statusValue: EngineStatus = { state: 'loading', message: 'Loading the speech model…' };
  private loading: Promise<Transcriber> | null = null;
  private readonly listeners = new Set<(s: EngineStatus) => void>();

  constructor(private readonly opts: EngineHostOptions) {}

  get status(): EngineStatus {
    return this.statusValue;
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Loads the model on first use; later calls share the same engine. A failed load is retried. */
  transcriber(): Promise<Transcriber> {
    if (!this.loading) {
      this.loading = this.load();
      this.loading.catch(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    if (loading) await (await loading.catch(() => null))?.dispose();
  }

  private async load(): Promise<Transcriber> {
    this.setStatus({ state: 'loading', message: 'Loading the speech model…' });
    try {
      const modelPath = locateModel({ modelsDir: this.opts.modelsDir, envPath: this.opts.modelPath });
      const engine = await (this.opts.load
        ? this.opts.load(modelPath)
        : WhisperTranscriber.load(modelPath, this.opts.whisperParams));
      this.setStatus({ state: 'ready', message: `Model ready: ${modelPath}`, modelPath });
      return engine;
    } catch (err) {
      this.setStatus({ state: 'error', message: (err as Error).message });
      throw err;
    }
  }

  private setStatus(s: EngineStatus): void {
    this.statusValue = s;
    for (const cb of this.listeners) cb(s);
  }
}
