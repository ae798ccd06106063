// Answers whose recording process died (crash, kill, power cut): what is on disk is turned back into
// a finished answer. The WAV header is repaired, the final pass runs over the audio that reached the
// disk, and if the engine cannot run, the live words committed before the crash are kept.
import type { Word } from '../../shared/domain';
import type { EngineHost } from '../asr/engineHost';
import { samplesToSec } from '../audio/pcm';
import { readWav16kMono } from '../audio/readWav';
import { repairWavHeader } from '../audio/wavWriter';
import type { InterruptedAnswer, LiveWordStore } from '../storage/liveWordStore';
import { finalPassOptions, type StreamParams } from '../streaming/streamParams';

/** A stopped answer's transcript and audio, ready to be analysed and saved. */
export type FinishedAnswer = {
  words: Word[];
  durationSec: number;
  audio: Float32Array;
  /** The engine failed on the final pass: the answer is saved not transcribed, with this reason. */
  engineError?: string;
};

export type CrashRecoveryDeps = {
  liveWords: LiveWordStore;
  engine: EngineHost;
  streamParams: StreamParams;
  log?: ((line: string) => void) | undefined;
};

/** Answers still marked recording whose recording process is gone. */
export function findInterruptedAnswers(deps: Pick<CrashRecoveryDeps, 'liveWords'>): InterruptedAnswer[] {
  return deps.liveWords.findInterrupted();
}

/**
 * Rebuilds the interrupted answer from its recording and live words; never throws. Without a readable
 * recording the live words are kept; if the engine fails on the recording, it is not transcribed.
 */
export async function finishFromDisk(
  lost: InterruptedAnswer,
  deps: CrashRecoveryDeps,
): Promise<FinishedAnswer> {
  const liveWords = deps.liveWords.words(lost.id);
  let audio: Float32Array = new Float32Array(0);
  let words = liveWords;
  let engineError: string | undefined;
  try {
    repairWavHeader(lost.audioPath);
    audio = readWav16kMono(lost.audioPath).samples;
  } catch (err) {
    deps.log?.(`[coach] answer ${lost.id}: kept the live words (${(err as Error).message})`);
  }
  if (audio.length > 0) {
    try {
      const transcriber = await deps.engine.transcriber();
      const audioSec = samplesToSec(audio.length);
      // Words committed live after the audio on disk ends (a full disk stopped the recording file,
      // not the transcription) are kept after the final pass's.
      const beyondAudio = liveWords.filter((w) => w.startSec >= audioSec);
      words = [
        ...(await transcriber.transcribe(audio, finalPassOptions(deps.streamParams))).words,
        ...beyondAudio,
      ];
    } catch (err) {
      engineError = deps.engine.reportFailure((err as Error).message);
      deps.log?.(`[coach] answer ${lost.id}: saved not transcribed (${engineError})`);
    }
  }
  const durationSec = Math.max(samplesToSec(audio.length), liveWords.at(-1)?.endSec ?? 0);
  return { words, durationSec, audio, ...(engineError ? { engineError } : {}) };
}
