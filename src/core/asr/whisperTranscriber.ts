// whisper.cpp behind the Transcriber interface, through the smart-whisper N-API addon.
// The model is loaded once and kept; each call runs on a libuv worker thread inside the addon,
// so the calling event loop (Electron's main process, the CLI, the server) never blocks.
import type { TranscribeParams, WhisperModel } from 'smart-whisper';
import type { Word } from '../../shared/domain';
import { readGgmlModelInfo, type GgmlModelInfo } from './ggmlModelInfo';
import { tokensToWords, type TimedToken } from './tokensToWords';
import { samplesToSec } from '../audio/pcm';
import { DEFAULT_ENGINE_THREADS, DEFAULT_STREAM_PARAMS } from '../streaming/streamParams';
import {
  TranscriptionAbortedError,
  type AsrResult,
  type TranscribeOptions,
  type Transcriber,
} from './transcriber';

export type WhisperParams = {
  /** Compute threads per pass. More than the physical cores only adds contention. */
  threads: number;
  /** Language code, or 'auto' for multilingual models. */
  language: string;
};

export const DEFAULT_WHISPER_PARAMS: WhisperParams = {
  threads: DEFAULT_ENGINE_THREADS,
  language: 'en',
};

export class ModelLoadError extends Error {}

type Addon = typeof import('smart-whisper');
let addon: Promise<Addon> | null = null;

/**
 * The addon decides once, when it is first loaded, whether whisper.cpp may log: only when
 * NODE_ENV is not "production". Its logs are hundreds of lines per pass, so they stay off
 * unless COACH_DEBUG_WHISPER is set.
 */
function loadAddon(): Promise<Addon> {
  if (!addon) {
    const saved = process.env.NODE_ENV;
    if (!process.env.COACH_DEBUG_WHISPER) process.env.NODE_ENV = 'production';
    addon = import('smart-whisper').finally(() => {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    });
  }
  return addon;
}

/** `abort(handle)` is added to the addon by scripts/whisperAbortPatch.mjs at install. */
type AbortableBinding = { abort?: (handle: unknown) => number };

type DetailedSegment = {
  lang?: string;
  from: number;
  to: number;
  text: string;
  tokens: { text: string; id: number; p: number; from: number; to: number }[];
};

type QueuedPass = {
  audio: Float32Array;
  options: TranscribeOptions;
  resolve: (r: AsrResult) => void;
  reject: (e: unknown) => void;
};

export class WhisperTranscriber implements Transcriber {
  /** Passes waiting their turn: every live one before any background one. */
  private readonly waiting: Record<'live' | 'background', QueuedPass[]> = { live: [], background: [] };
  private running: Promise<void> | null = null;

  private constructor(
    private readonly addon: Addon,
    private readonly model: WhisperModel,
    readonly modelPath: string,
    readonly modelInfo: GgmlModelInfo,
    readonly params: WhisperParams,
  ) {}

  static async load(modelPath: string, params: Partial<WhisperParams> = {}): Promise<WhisperTranscriber> {
    // Validate first: whisper.cpp's loader may crash the process on a corrupt file.
    const info = readGgmlModelInfo(modelPath);
    const lib = await loadAddon();
    let model: WhisperModel;
    try {
      model = await lib.WhisperModel.load(modelPath, false);
    } catch (err) {
      throw new ModelLoadError(`whisper.cpp could not load ${modelPath}: ${(err as Error).message}`);
    }
    return new WhisperTranscriber(lib, model, modelPath, info, { ...DEFAULT_WHISPER_PARAMS, ...params });
  }

  transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    // One pass at a time: concurrent passes would only split the same cores.
    return new Promise<AsrResult>((resolve, reject) => {
      this.waiting[options.priority ?? 'live'].push({ audio, options, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const pass = this.waiting.live.shift() ?? this.waiting.background.shift();
    if (!pass) return;
    this.running = this.run(pass.audio, pass.options)
      .then(pass.resolve, pass.reject)
      .finally(() => {
        this.running = null;
        this.next();
      });
  }

  private async run(audio: Float32Array, options: TranscribeOptions): Promise<AsrResult> {
    if (this.model.freed) throw new Error('The Whisper model has been unloaded');
    if (options.signal?.aborted) throw new TranscriptionAbortedError();
    const params: Partial<TranscribeParams<'detail', true>> = {
      format: 'detail',
      token_timestamps: true,
      strategy: 0, // greedy: beam search costs several times more per step for little gain live
      n_threads: this.params.threads,
      language: this.modelInfo.multilingual ? (options.language ?? this.params.language) : 'en',
      no_context: true,
      temperature: 0,
      temperature_inc: options.thorough
        ? (options.temperatureInc ?? DEFAULT_STREAM_PARAMS.finalTemperatureInc)
        : 0,
      suppress_blank: true,
      print_progress: false,
      print_realtime: false,
      print_timestamps: false,
      single_segment: !options.thorough,
    };
    if (options.prompt) params.initial_prompt = options.prompt;
    if (options.audioCtx) params.audio_ctx = Math.round(options.audioCtx);
    if (options.maxTokens) params.max_tokens = Math.round(options.maxTokens);
    const started = performance.now();
    // Passes run one at a time, so aborting "the passes on this model" aborts exactly this one.
    const abort = () => (this.addon.binding as unknown as AbortableBinding).abort?.(this.model.handle);
    options.signal?.addEventListener('abort', abort);
    let results: unknown;
    try {
      const task = await this.addon.TranscribeTask.run(this.model, audio, params);
      results = await task.result;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    const computeMs = performance.now() - started;
    // whisper.cpp checks the abort flag after each encoder run and decoder step, then fails the pass.
    if (options.signal?.aborted) throw new TranscriptionAbortedError(!Array.isArray(results));
    // The addon hands back an Error object (not a rejection) when whisper_full fails.
    if (!Array.isArray(results)) {
      throw new Error(`whisper.cpp failed: ${results instanceof Error ? results.message : String(results)}`);
    }
    const segments = results as DetailedSegment[];
    const words = segmentsToWords(segments, samplesToSec(audio.length));
    const language = segments[0]?.lang;
    return { words, text: words.map((w) => w.text).join(' '), computeMs, ...(language ? { language } : {}) };
  }

  /** True when the installed addon can stop a running pass (scripts/whisperAbortPatch.mjs). */
  get canAbort(): boolean {
    return typeof (this.addon.binding as unknown as AbortableBinding).abort === 'function';
  }

  async dispose(): Promise<void> {
    while (this.running) await this.running;
    await this.model.free();
  }
}

function segmentsToWords(segments: DetailedSegment[], audioSec: number): Word[] {
  const tokens: TimedToken[] = [];
  for (const seg of segments) {
    for (const t of seg.tokens) {
      tokens.push({
        text: t.text,
        // Timestamps past the audio's end happen on padded windows; clamp them to what was heard.
        startSec: Math.min(t.from / 1000, audioSec),
        endSec: Math.min(t.to / 1000, audioSec),
        probability: t.p,
      });
    }
  }
  return tokensToWords(tokens);
}
