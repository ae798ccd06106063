// Messages between the app and its engine process. Audio and words cross as structured clones
// (Float32Array included), so one protocol serves node:child_process and Electron's utilityProcess.
import type { AsrResult, TranscribeOptions } from '../transcriber';
import type { WhisperParams } from '../whisperTranscriber';

export type EngineLane = 'live' | 'background';

/** Pass options minus the AbortSignal, which cannot cross a process: aborts travel as messages. */
export type RemoteTranscribeOptions = Omit<TranscribeOptions, 'signal'>;

export type ToEngine =
  | {
      type: 'load';
      modelPath: string;
      params: Partial<WhisperParams>;
      /** 'background': this process runs only background passes, at the lowest CPU priority. */
      lane?: EngineLane;
    }
  | { type: 'transcribe'; id: number; audio: Float32Array; options: RemoteTranscribeOptions }
  | { type: 'abort'; id: number }
  | { type: 'dispose' };

export type FromEngine =
  | { type: 'loaded'; multilingual: boolean }
  | { type: 'load-failed'; message: string; modelProblem: boolean }
  | { type: 'result'; id: number; result: AsrResult }
  | { type: 'failed'; id: number; message: string; aborted: boolean; stoppedEarly: boolean }
  | { type: 'disposed' };

/** How the app side sees one engine process, whichever API started it. */
export interface EngineChannel {
  readonly pid: number | undefined;
  send(message: ToEngine): void;
  onMessage(cb: (message: FromEngine) => void): void;
  /** Called once when the process is gone, for any reason; `reason` is for logs and the user. */
  onExit(cb: (reason: string) => void): void;
  kill(): void;
}

/** Starts a new engine process; each call is a fresh process. */
export type SpawnEngine = () => EngineChannel;
