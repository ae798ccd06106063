import type { Word } from '../../shared/domain';

export type TranscribeOptions = {
  /** Text that preceded this audio (committed words that scrolled out of the window). */
  prompt?: string;
  /** Encoder context in 20 ms frames; smaller windows need fewer (1500 = 30 s). */
  audioCtx?: number;
  /** Upper bound on decoded tokens per segment, so a runaway decode cannot stall a step. */
  maxTokens?: number;
  /** Use the slower, more careful decoding settings (final pass). */
  thorough?: boolean;
  /**
   * Temperature step of a thorough pass's fallback (a decode that looks like a loop is retried hotter,
   * up to 1.0): 0.2 tries up to 6 decodes, 0.5 up to 3. Default 0.2.
   */
  temperatureInc?: number;
  /** Whisper language code or 'auto' (multilingual models only; English-only models use 'en'). */
  language?: string;
  /** Stops the pass (queued or running) once it is no longer wanted, e.g. a live pass after Stop. */
  signal?: AbortSignal;
  /**
   * 'background' passes (the final text of finished utterances, built while the answer goes on) run
   * only on what live passes leave idle, so captions never wait for them. Default 'live'.
   */
  priority?: PassPriority;
};

export type PassPriority = 'live' | 'background';

/** A pass stopped through its signal: not a failure, nothing to report to the user. */
export class TranscriptionAbortedError extends Error {
  /** `stoppedEarly`: the engine itself gave up mid-pass, rather than finishing a pass nobody wanted. */
  constructor(readonly stoppedEarly = false) {
    super('Transcription aborted');
    this.name = 'TranscriptionAbortedError';
  }
}

export type AsrResult = {
  /** Words with times relative to the start of the audio passed in. */
  words: Word[];
  text: string;
  /** Wall-clock time the engine took, for back-pressure and benchmarks. */
  computeMs: number;
  /** The language whisper.cpp decoded in (the detected one under 'auto'); absent when it heard nothing. */
  language?: string;
};

/** The speech-recognition engine behind the streaming policy. */
export interface Transcriber {
  transcribe(audio: Float32Array, options?: TranscribeOptions): Promise<AsrResult>;
  dispose(): Promise<void>;
}
