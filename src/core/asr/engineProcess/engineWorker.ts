// The engine process's side: loads the model once and runs the passes the app sends, one at a time
// (WhisperTranscriber serialises them). A native crash here ends this process only.
import { ModelFileError } from '../ggmlModelInfo';
import { TranscriptionAbortedError } from '../transcriber';
import { ModelLoadError, WhisperTranscriber } from '../whisperTranscriber';
import { collectPassGarbage } from './engineMemory';
import type { FromEngine, ToEngine } from './engineProtocol';
import { lowerOwnPriority } from './lowerPriority';

export type EnginePort = {
  post(message: FromEngine): void;
  onMessage(cb: (message: ToEngine) => void): void;
  exit(): void;
};

export function runEngineWorker(port: EnginePort): void {
  let engine: WhisperTranscriber | null = null;
  const passes = new Map<number, AbortController>();
  let background = false;

  port.onMessage((message) => {
    switch (message.type) {
      case 'load':
        background = message.lane === 'background';
        void load(message.modelPath, message.params);
        return;
      case 'transcribe':
        void transcribe(message.id, message.audio, message.options);
        return;
      case 'abort':
        passes.get(message.id)?.abort();
        return;
      case 'dispose':
        void (async () => {
          for (const pass of passes.values()) pass.abort();
          await engine?.dispose().catch(() => undefined);
          port.post({ type: 'disposed' });
          port.exit();
        })();
        return;
    }
  });

  async function load(modelPath: string, params: Parameters<typeof WhisperTranscriber.load>[1]) {
    try {
      engine = await WhisperTranscriber.load(modelPath, params);
      // Lowered only once loaded: at SCHED_IDLE on a machine kept busy the load may never get a core, and
      // the app's dispose (Quit, a model switch) waits for it; a load is a second of CPU, once.
      if (background) lowerOwnPriority();
      port.post({ type: 'loaded', multilingual: engine.modelInfo.multilingual });
    } catch (err) {
      const modelProblem = err instanceof ModelFileError || err instanceof ModelLoadError;
      port.post({ type: 'load-failed', message: (err as Error).message, modelProblem });
    }
  }

  async function transcribe(id: number, audio: Float32Array, options: object) {
    const controller = new AbortController();
    passes.set(id, controller);
    try {
      if (!engine) throw new Error('The speech model is not loaded');
      // Threads started since the last pass (the thread pool grows on demand) begin at normal priority.
      if (background) lowerOwnPriority();
      const result = await engine.transcribe(audio, { ...options, signal: controller.signal });
      port.post({ type: 'result', id, result });
    } catch (err) {
      const aborted = err instanceof TranscriptionAbortedError;
      port.post({
        type: 'failed',
        id,
        message: (err as Error).message,
        aborted,
        stoppedEarly: aborted && err.stoppedEarly,
      });
    } finally {
      passes.delete(id);
      collectPassGarbage();
    }
  }
}
