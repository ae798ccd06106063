// The Transcriber the app uses when the engine runs in its own process. If that process dies
// (native crash, out of memory, killed), it starts a new one and reloads the model; passes that were
// running are then either run again (the final pass: the answer keeps its audio and still gets its
// transcript) or rejected (live passes: the next step hears the same audio anyway).
import { ModelLoadError } from '../whisperTranscriber';
import {
  TranscriptionAbortedError,
  type AsrResult,
  type TranscribeOptions,
  type Transcriber,
} from '../transcriber';
import type { EngineChannel, EngineLane, FromEngine, SpawnEngine, ToEngine } from './engineProtocol';
import type { WhisperParams } from '../whisperTranscriber';
import { ProcessSuspension } from './processSuspension';

/** More deaths than this within CRASH_WINDOW_MS and the engine is left down: something is badly wrong. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;
/** How long a disposed engine may take to free its model before it is killed. */
const DISPOSE_GRACE_MS = 5_000;

export class EngineCrashedError extends Error {
  override name = 'EngineCrashedError';
}

export type EngineProcessEvents = {
  /** The engine process died; a new one is starting. */
  crashed?: (reason: string) => void;
  /** The new process has loaded the model again. */
  restored?: () => void;
  /** The engine cannot be brought back (repeated crashes, or the model no longer loads). */
  failed?: (message: string) => void;
  log?: (line: string) => void;
};

type Pending = {
  audio: Float32Array;
  options: TranscribeOptions;
  resolve: (r: AsrResult) => void;
  reject: (e: Error) => void;
  retried: boolean;
  /** Set while the pass is in an engine process. */
  sentTo: { engine: Engine; id: number } | null;
};

type Engine = {
  channel: EngineChannel;
  ready: Promise<void>;
  alive: boolean;
  pending: Map<number, Pending>;
  /** Made on the first suspend() of this process. */
  suspension: ProcessSuspension | null;
};

export class ProcessTranscriber implements Transcriber {
  private engine!: Engine;
  private nextId = 1;
  private crashTimes: number[] = [];
  private broken: Error | null = null;
  private disposed = false;
  /** Wall-clock time of the last pass as seen from this side, for boundary-cost measurements. */
  lastRoundTripMs = 0;

  private constructor(
    private readonly spawn: SpawnEngine,
    readonly modelPath: string,
    private readonly params: Partial<WhisperParams>,
    private readonly events: EngineProcessEvents,
    private readonly lane: EngineLane,
  ) {
    this.engine = this.boot();
  }

  /** Starts the engine process and resolves once it has loaded the model. */
  static async start(
    spawn: SpawnEngine,
    modelPath: string,
    params: Partial<WhisperParams> = {},
    events: EngineProcessEvents = {},
    lane: EngineLane = 'live',
  ): Promise<ProcessTranscriber> {
    const transcriber = new ProcessTranscriber(spawn, modelPath, params, events, lane);
    try {
      await transcriber.readyEngine();
    } catch (err) {
      await transcriber.dispose();
      throw err;
    }
    return transcriber;
  }

  /** The engine process's id (for diagnostics and the crash test). */
  get pid(): number | undefined {
    return this.engine.channel.pid;
  }

  transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    if (this.disposed) return Promise.reject(new Error('The speech engine has been closed'));
    if (options.signal?.aborted) return Promise.reject(new TranscriptionAbortedError());
    return new Promise<AsrResult>((resolve, reject) => {
      const started = performance.now();
      const { signal } = options;
      const onAbort = () => {
        if (pending.sentTo) pending.sentTo.engine.channel.send({ type: 'abort', id: pending.sentTo.id });
        else pending.reject(new TranscriptionAbortedError());
      };
      // The listener goes with the pass: a live answer's signal outlives hundreds of passes.
      const pending: Pending = {
        audio,
        options,
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          this.lastRoundTripMs = performance.now() - started;
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        retried: false,
        sentTo: null,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.submit(pending);
    });
  }

  /**
   * Freezes the engine process until resume() (the background engine, while a live caption pass
   * runs). Passes sent meanwhile wait in the process; a crash or restart undoes it.
   */
  suspend(): void {
    const engine = this.engine;
    const pid = engine.channel.pid;
    if (this.disposed || !engine.alive || pid === undefined) return;
    engine.suspension ??= new ProcessSuspension(pid);
    engine.suspension.suspend();
  }

  resume(): void {
    this.engine.suspension?.resume();
  }

  /** True while the engine process is frozen by suspend(). */
  get suspended(): boolean {
    return this.engine.suspension?.isSuspended ?? false;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const engine = this.engine;
    // A frozen process would neither read 'dispose' nor exit on it until killed.
    engine.suspension?.dispose();
    if (!engine.alive) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => engine.channel.kill(), DISPOSE_GRACE_MS);
      engine.channel.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      engine.channel.send({ type: 'dispose' });
    });
  }

  private async submit(pending: Pending): Promise<void> {
    let engine: Engine;
    try {
      engine = await this.readyEngine();
    } catch (err) {
      pending.reject(err as Error);
      return;
    }
    if (pending.options.signal?.aborted) {
      pending.reject(new TranscriptionAbortedError());
      return;
    }
    const id = this.nextId++;
    pending.sentTo = { engine, id };
    engine.pending.set(id, pending);
    const { signal: _signal, ...options } = pending.options;
    engine.channel.send({ type: 'transcribe', id, audio: pending.audio, options } satisfies ToEngine);
  }

  /** The live engine once its model is loaded; follows restarts. */
  private async readyEngine(): Promise<Engine> {
    for (;;) {
      if (this.broken) throw this.broken;
      const engine = this.engine;
      try {
        await engine.ready;
      } catch (err) {
        if (engine === this.engine) throw err;
      }
      if (engine === this.engine && engine.alive) return engine;
    }
  }

  private boot(): Engine {
    const channel = this.spawn();
    let loaded!: () => void;
    let loadFailed!: (e: Error) => void;
    const engine: Engine = {
      channel,
      alive: true,
      pending: new Map(),
      suspension: null,
      ready: new Promise<void>((resolve, reject) => {
        loaded = resolve;
        loadFailed = reject;
      }),
    };
    // Nobody may be waiting yet; a failed load is reported through readyEngine().
    engine.ready.catch(() => undefined);
    channel.onMessage((message) => this.receive(engine, message, loaded, loadFailed));
    channel.onExit((reason) => {
      engine.alive = false;
      engine.suspension?.dispose();
      loadFailed(new EngineCrashedError(`The speech engine stopped (${reason})`));
      if (this.disposed) {
        for (const p of engine.pending.values()) p.reject(new Error('The speech engine has been closed'));
        return;
      }
      this.recover(engine, reason);
    });
    channel.send({ type: 'load', modelPath: this.modelPath, params: this.params, lane: this.lane });
    return engine;
  }

  private receive(engine: Engine, message: FromEngine, loaded: () => void, loadFailed: (e: Error) => void) {
    switch (message.type) {
      case 'loaded':
        loaded();
        return;
      case 'load-failed':
        loadFailed(new ModelLoadError(message.message));
        return;
      case 'result':
      case 'failed': {
        const pending = engine.pending.get(message.id);
        if (!pending) return;
        engine.pending.delete(message.id);
        if (message.type === 'result') pending.resolve(message.result);
        else if (message.aborted) pending.reject(new TranscriptionAbortedError(message.stoppedEarly));
        else pending.reject(new Error(message.message));
        return;
      }
      case 'disposed':
        return;
    }
  }

  /** The engine died: start another, then rerun the final passes it had and drop its live passes. */
  private recover(dead: Engine, reason: string): void {
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const lost = [...dead.pending.values()];
    dead.pending.clear();
    if (this.crashTimes.length > MAX_CRASHES) {
      this.broken = new EngineCrashedError(
        `The speech engine stopped ${this.crashTimes.length} times within a minute (last: ${reason}); it was not restarted.`,
      );
      this.events.failed?.(this.broken.message);
      for (const p of lost) p.reject(this.broken);
      return;
    }
    this.events.log?.(`[coach] speech engine process ${dead.channel.pid ?? '?'} ${reason}; restarting it`);
    this.events.crashed?.(reason);
    this.engine = this.boot();
    const restarted = this.engine;
    restarted.ready.then(
      () => this.events.restored?.(),
      (err: Error) => {
        if (restarted === this.engine) this.events.failed?.(err.message);
      },
    );
    for (const p of lost) {
      p.sentTo = null;
      if (p.options.thorough && !p.retried && !p.options.signal?.aborted) {
        p.retried = true;
        void this.submit(p);
      } else {
        p.reject(new EngineCrashedError(`The speech engine stopped (${reason}) during this pass`));
      }
    }
  }
}
