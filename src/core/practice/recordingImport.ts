// A recording the user imports (a file picked or dropped in the app) analysed as an answer to the chosen
// question: decoded by ffmpeg chunk by chunk and fed through the live pipeline like speech (so it is
// never held whole), with progress from the position fed so far, and Cancel at any moment. A file that
// is not a readable recording is refused before any answer exists, so nothing is saved for it.
import type { AnswerResult } from '../../shared/domain';
import type { ImportProgress, ImportRecordingRequest } from '../../shared/ipcContract';
import {
  AudioDecodeError,
  AudioTooLongError,
  decodeAudioChunks,
  probeDurationSec,
} from '../audio/decodeFile';
import { analyzeRecording } from './analyzeRecording';
import type { PracticeService } from './practiceService';

/** An imported answer may be this long: far more than any interview answer, far less than a podcast. */
export const MAX_IMPORT_SEC = 30 * 60;

/** The share of the bar the transcription fills; the final pass and scoring take the rest. */
const TRANSCRIBING_SHARE = 0.9;

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled — nothing of it was saved.');
    this.name = 'ImportCancelledError';
  }
}

export type RecordingImportDeps = {
  service: PracticeService;
  /** Removes a saved answer and its recording (a Cancel that came during the final pass). */
  deleteAnswer: (answerId: string) => void;
  /** Injectable for tests; ffmpeg by default. */
  decode?: (path: string, opts: { maxSec: number }) => AsyncIterable<Float32Array>;
  probe?: (path: string) => Promise<number | null>;
  maxSec?: number;
};

type Running = { controller: AbortController };

/** Cancels that arrive before their import starts (a browser's upload finishing) are kept this many. */
const EARLY_CANCELS_KEPT = 100;

export class RecordingImports {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(p: ImportProgress) => void>();
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly deps: RecordingImportDeps) {}

  /** Progress of every import; returns the unsubscribe. */
  onProgress(listener: (p: ImportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cancel(importId: string): void {
    const running = this.running.get(importId);
    if (running) return running.controller.abort();
    this.cancelledEarly.add(importId);
    if (this.cancelledEarly.size > EARLY_CANCELS_KEPT) {
      this.cancelledEarly.delete(this.cancelledEarly.values().next().value as string);
    }
  }

  async run(request: ImportRecordingRequest & { filePath: string }): Promise<AnswerResult> {
    const { importId } = request;
    if (this.running.has(importId)) throw new Error('This import is already running.');
    if (this.cancelledEarly.delete(importId)) throw new ImportCancelledError();
    const controller = new AbortController();
    this.running.set(importId, { controller });
    const emit = (p: Omit<ImportProgress, 'importId'>) => {
      for (const listener of this.listeners) listener({ importId, ...p });
    };
    try {
      const maxSec = this.deps.maxSec ?? MAX_IMPORT_SEC;
      const durationSec = await this.readable(request, () =>
        (this.deps.probe ?? probeDurationSec)(request.filePath),
      );
      if (durationSec !== null && durationSec > maxSec) {
        throw new Error(
          `“${request.fileName}” is ${formatMinutes(durationSec)} long; an imported answer may be at most ${formatMinutes(maxSec)}.`,
        );
      }
      if (controller.signal.aborted) throw new ImportCancelledError();
      emit({ stage: 'transcribing', fraction: 0, processedSec: 0, durationSec });
      const chunks = this.decoded(
        request,
        (this.deps.decode ?? decodeAudioChunks)(request.filePath, { maxSec }),
      );
      let result: AnswerResult;
      try {
        result = await analyzeRecording(
          this.deps.service,
          chunks,
          {
            questionId: request.questionId,
            questionText: request.questionText,
            sessionId: request.sessionId,
            target: request.target,
            keepNoHistory: request.keepNoHistory,
          },
          {
            signal: controller.signal,
            onFed: (fedSec) => {
              const whole = durationSec && durationSec > 0 ? Math.min(1, fedSec / durationSec) : 0;
              emit({
                stage: 'transcribing',
                fraction: whole * TRANSCRIBING_SHARE,
                processedSec: fedSec,
                durationSec,
              });
            },
            onFinalPass: () => emit({ stage: 'finishing', fraction: TRANSCRIBING_SHARE, durationSec }),
          },
        );
      } catch (err) {
        if (controller.signal.aborted) throw new ImportCancelledError();
        throw err;
      }
      if (controller.signal.aborted) {
        // Cancel came while the final pass ran: the answer was saved a moment ago; it goes again.
        if (!request.keepNoHistory) this.deps.deleteAnswer(result.answerId);
        throw new ImportCancelledError();
      }
      emit({ stage: 'done', fraction: 1, processedSec: result.report.durationSec, durationSec });
      return result;
    } finally {
      this.running.delete(importId);
    }
  }

  /** The file's duration by its header, with ffmpeg's refusal reworded for people. */
  private async readable(
    request: { fileName: string },
    probe: () => Promise<number | null>,
  ): Promise<number | null> {
    try {
      return await probe();
    } catch (err) {
      throw this.unreadable(request.fileName, err);
    }
  }

  private async *decoded(
    request: { fileName: string },
    chunks: AsyncIterable<Float32Array>,
  ): AsyncGenerator<Float32Array> {
    try {
      yield* chunks;
    } catch (err) {
      throw this.unreadable(request.fileName, err);
    }
  }

  private unreadable(fileName: string, err: unknown): Error {
    if (err instanceof AudioTooLongError) return new Error(`“${fileName}”: ${err.message}`, { cause: err });
    if (err instanceof AudioDecodeError) {
      return new Error(
        `“${fileName}” is not a recording Interview Coach can read. Choose an audio or video file (WAV, MP3, M4A, OGG, FLAC, WebM…).`,
        { cause: err },
      );
    }
    return err as Error;
  }
}

function formatMinutes(sec: number): string {
  const minutes = Math.floor(sec / 60);
  const rest = Math.round(sec % 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
