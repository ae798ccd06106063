// Owns the one loaded Whisper model for the process: finds it, validates it, loads it once,
// and reports its status so the UI can tell the user what to do when there is none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EngineStatus } from '../../shared/domain';
import { loadSileroModel, SILERO_MODEL_FILE, type SileroModel } from '../vad/sileroModel';
import { forkEngine } from './engineProcess/forkEngine';
import type { SpawnEngine } from './engineProcess/engineProtocol';
import { LanedTranscriber } from './engineProcess/backgroundLane';
import { ProcessTranscriber } from './engineProcess/processTranscriber';
import { readGgmlModelInfo } from './ggmlModelInfo';
import { locateModel } from './modelLocator';
import type { Transcriber } from './transcriber';
import { WhisperTranscriber, type WhisperParams } from './whisperTranscriber';

export type EngineHostOptions = {
  modelsDir: string;
  /** Explicit model path (COACH_WHISPER_MODEL or a CLI flag). */
  modelPath?: string | undefined;
  whisperParams?: Partial<WhisperParams>;
  /** Silero VAD model; defaults to COACH_VAD_MODEL, then ggml-silero-v6.2.0.bin in modelsDir. */
  vadModelPath?: string | undefined;
  log?: (line: string) => void;
  /** Injected engine loader, for fault-injection tests of the UI and the service. */
  load?: (modelPath: string) => Promise<Transcriber>;
  /**
   * How to start the engine's own process: a child process by default, Electron's utilityProcess in
   * the app. `null` runs whisper.cpp in this process (benchmarks comparing the two).
   */
  spawnEngine?: SpawnEngine | null;
  /** The model chosen in Settings → Models (a file name in modelsDir); read at every (re)load. */
  preferredModel?: () => string | null;
  /** The language setting, read at every pass, so a change applies from the next one. */
  language?: () => string;
};

export class EngineHost {
  private statusValue: EngineStatus = { state: 'loading', message: 'Loading the speech model…' };
  /** The engine in use or on its way; after a reload, it first waits for the old one to be freed. */
  private loading: Promise<Transcriber> | null = null;
  /** Reloads run one after another, so two never interleave their dispose and load. */
  private reloads: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(s: EngineStatus) => void>();
  private vad: SileroModel | null | undefined;
  /** The engine process in use, when the engine runs in one. */
  private process: ProcessTranscriber | null = null;

  constructor(private opts: EngineHostOptions) {}

  /** Connects the engine to the user's settings (chosen model, language) once they are loaded. */
  configure(options: Pick<EngineHostOptions, 'preferredModel' | 'language'>): void {
    this.opts = { ...this.opts, ...options };
  }

  /** The engine process's id, or undefined when the engine runs in this process or is not loaded. */
  get engineProcessId(): number | undefined {
    return this.process?.pid;
  }

  get status(): EngineStatus {
    return this.statusValue;
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Loads the model on first use; later calls share the same engine. A failed load is retried. */
  transcriber(): Promise<Transcriber> {
    return this.loading ?? this.startLoading(this.load());
  }

  private startLoading(loading: Promise<Transcriber>): Promise<Transcriber> {
    this.loading = loading;
    loading.catch(() => {
      if (this.loading === loading) this.loading = null;
    });
    return loading;
  }

  /**
   * The voice activity model, parsed once; null when it is not installed, in which case live
   * transcription still works, only without skipping silence or committing at pauses.
   */
  speechModel(): SileroModel | null {
    if (this.vad !== undefined) return this.vad;
    const file =
      this.opts.vadModelPath ??
      process.env.COACH_VAD_MODEL ??
      path.join(this.opts.modelsDir, SILERO_MODEL_FILE);
    try {
      this.vad = existsSync(file) ? loadSileroModel(file) : null;
      if (!this.vad) this.opts.log?.(`[coach] no VAD model at ${file}: live captions run without it`);
    } catch (err) {
      this.opts.log?.(`[coach] VAD model unusable, running without it: ${(err as Error).message}`);
      this.vad = null;
    }
    return this.vad;
  }

  /**
   * Unloads the current model and loads the one now chosen (Settings → Models). Callers make sure
   * nothing is recording: a live answer keeps using the engine it started with.
   */
  reload(): Promise<void> {
    this.setStatus({ state: 'loading', message: 'Loading the speech model…' });
    const run = this.reloads.then(async () => {
      const old = this.loading;
      // From now on every caller gets the new engine, which is loaded only once the old one (and the
      // pass it may be finishing) has been freed: two models are never in memory together.
      await this.startLoading(
        (async () => {
          await disposeEngine(old);
          return this.load();
        })(),
      );
    });
    this.reloads = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    await disposeEngine(loading);
  }

  private async load(): Promise<Transcriber> {
    this.setStatus({ state: 'loading', message: 'Loading the speech model…' });
    try {
      const modelPath = locateModel({
        modelsDir: this.opts.modelsDir,
        envPath: this.opts.modelPath,
        preferred: this.opts.preferredModel?.(),
      });
      const engine = await (this.opts.load ? this.opts.load(modelPath) : this.startEngine(modelPath));
      this.setStatus({ state: 'ready', message: `Model ready: ${modelPath}`, modelPath });
      return this.opts.language ? withLanguage(engine, this.opts.language) : engine;
    } catch (err) {
      this.setStatus({ state: 'error', message: (err as Error).message });
      throw err;
    }
  }

  private async startEngine(modelPath: string): Promise<Transcriber> {
    if (this.opts.spawnEngine === null) return WhisperTranscriber.load(modelPath, this.opts.whisperParams);
    // Checked here too, so a broken file is refused with its own message before a process starts.
    readGgmlModelInfo(modelPath);
    // Events from an engine that was since replaced (Settings → Models) no longer speak for the host.
    const started: { engine?: ProcessTranscriber } = {};
    const current = () => started.engine !== undefined && this.process === started.engine;
    const engine = await ProcessTranscriber.start(
      this.opts.spawnEngine ?? forkEngine,
      modelPath,
      this.opts.whisperParams,
      {
        ...(this.opts.log ? { log: this.opts.log } : {}),
        crashed: (reason) => {
          if (!current()) return;
          this.setStatus({
            state: 'loading',
            message: `The speech engine stopped (${reason}). Restarting it and reloading the model; the answer in progress keeps its audio.`,
          });
        },
        restored: () => {
          if (!current()) return;
          this.setStatus({
            state: 'ready',
            message: `Speech engine restarted. Model ready: ${modelPath}`,
            modelPath,
          });
        },
        failed: (message) => {
          if (current()) this.setStatus({ state: 'error', message });
        },
      },
    );
    started.engine = engine;
    this.process = engine;
    const log = this.opts.log;
    return new LanedTranscriber(
      engine,
      () =>
        ProcessTranscriber.start(
          this.opts.spawnEngine ?? forkEngine,
          modelPath,
          this.opts.whisperParams,
          log ? { log } : {},
          'background',
        ),
      log,
    );
  }

  /**
   * A pass failed on the loaded engine: the header says so until the engine is loaded again ("Try
   * again"), and recording waits for that, so the next answer is not lost to the same failure. Returns
   * the reason saved with the answer.
   */
  reportFailure(message: string): string {
    this.setStatus({
      state: 'error',
      message: `The speech engine failed while transcribing: ${message}. Load it again with "Try again"; your recordings are saved.`,
    });
    return `The speech engine failed: ${message}`;
  }

  private setStatus(s: EngineStatus): void {
    this.statusValue = s;
    for (const cb of this.listeners) cb(s);
  }
}

/** Frees an engine once it has finished loading; one that failed to load has nothing to free. */
async function disposeEngine(loading: Promise<Transcriber> | null): Promise<void> {
  if (loading) await (await loading.catch(() => null))?.dispose();
}

/** Passes the current language setting to every pass that does not name one itself. */
function withLanguage(engine: Transcriber, language: () => string): Transcriber {
  return {
    transcribe: (audio, options = {}) => engine.transcribe(audio, { language: language(), ...options }),
    dispose: () => engine.dispose(),
  };
}
