// Answers whose recording process died (crash, kill, power cut): what is on disk is turned back into
// a finished answer. The WAV header is repaired, the utterances made final before the crash are kept
// and the final pass runs over the audio after them, as do the pitch frames computed while recording,
// and if the engine cannot run, the live words committed before the crash are kept.
import type { Word } from '../../shared/domain';
import { trackPitchAfter, type PitchTrack } from '../coaching/pitchTracker';
import type { EngineHost } from '../asr/engineHost';
import { samplesToSec, secToSamples, type AudioSamples } from '../audio/pcm';
import { readWav16kMono } from '../audio/readWav';
import { repairWavHeader } from '../audio/wavWriter';
import type { InterruptedAnswer, LiveWordStore } from '../storage/liveWordStore';
import { pitchTrackPathFor, readPitchTrackFile } from '../storage/pitchTrackFile';
import type { StreamParams } from '../streaming/streamParams';
import { UtteranceFinalizer } from '../streaming/utteranceFinalizer';

/** A stopped answer's transcript and audio, ready to be analysed and saved. */
export type FinishedAnswer = {
  words: Word[];
  durationSec: number;
  audio: AudioSamples;
  /** The engine failed on the final pass: the answer is saved not transcribed, with this reason. */
  engineError?: string;
  /** The pitch track when it was built while recording; else the analysis computes it. */
  pitch?: PitchTrack;
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
  let pitch: PitchTrack | undefined;
  try {
    repairWavHeader(lost.audioPath);
    audio = readWav16kMono(lost.audioPath).samples;
    // The pitch frames computed while recording are kept; only the ones after them are computed.
    const kept = readPitchTrackFile(pitchTrackPathFor(lost.audioPath));
    if (kept.length > 0) pitch = trackPitchAfter(audio, kept);
  } catch (err) {
    deps.log?.(`[coach] answer ${lost.id}: kept the live words (${(err as Error).message})`);
  }
  if (audio.length > 0) {
    try {
      const transcriber = await deps.engine.transcriber();
      const audioSec = samplesToSec(audio.length);
      // Utterances made final before the crash are kept; only the audio after them is transcribed.
      const finals = deps.liveWords.finals(lost.id).filter((u) => u.endSec <= audioSec);
      const finalizer = new UtteranceFinalizer({
        transcriber,
        params: deps.streamParams,
        audioOf: (span) => audio.slice(secToSamples(span.startSec), secToSamples(span.endSec)),
        done: finals,
        log: deps.log,
      });
      // Words committed live after the audio on disk ends (a full disk stopped the recording file,
      // not the transcription) are kept after the final pass's.
      const beyondAudio = liveWords.filter((w) => w.startSec >= audioSec);
      words = [...(await finalizer.finish(audioSec, null)), ...beyondAudio];
      deps.log?.(
        `[coach] answer ${lost.id}: ${finals.length} utterance(s) were final, transcribed the last ${(audioSec - finalizer.finishedFromSec).toFixed(1)} s`,
      );
    } catch (err) {
      engineError = deps.engine.reportFailure((err as Error).message);
      deps.log?.(`[coach] answer ${lost.id}: saved not transcribed (${engineError})`);
    }
  }
  const durationSec = Math.max(samplesToSec(audio.length), liveWords.at(-1)?.endSec ?? 0);
  return { words, durationSec, audio, ...(engineError ? { engineError } : {}), ...(pitch ? { pitch } : {}) };
}
