// Every knob of the live transcription policy, its voice activity detection and the engine, in one place,
// logged when an answer starts.
import os from 'node:os';
import type { TranscribeOptions } from '../asr/transcriber';
import { DEFAULT_VAD_PARAMS, type VadParams } from '../vad/speechSegments';

export type StreamParams = {
  /** Re-transcribe the uncommitted tail at most this often. */
  minStepMs: number;
  /**
   * Share of real time live passes may keep the engine busy. A pass of c ms starts the next one only
   * once c / share ms of audio has arrived since it began, so slow passes (long windows, a slow machine)
   * mean fewer, bigger steps instead of a backlog, and the real-time factor stays at or below `share`.
   */
  engineShare: number;
  /** Once the uncommitted audio buffer exceeds this, cut it at the last committed word. */
  trimAfterSec: number;
  /**
   * Hard cap on the window. Past it, tentative words are committed without agreement (or silent
   * audio dropped), so a speaker the engine keeps revising cannot make every step slower.
   */
  maxWindowSec: number;
  /** How much of the window's end is kept when the hard cap forces a cut. */
  keepOnForcedCutSec: number;
  /** Characters of already-committed text passed to Whisper as the prompt (the disfluency prefix included). */
  promptChars: number;
  /**
   * Starts every prompt, live and final. Whisper copies the style of its prompt; without one that shows
   * hesitations it writes fluent text and drops the "um"s a speaking coach exists to count. '' turns it off.
   */
  disfluencyPrompt: string;
  /** Smallest encoder context: very short windows transcribe badly with less. */
  minAudioCtx: number;
  /** Extra encoder context beyond the audio, so words at the window's end keep their timestamps. */
  audioCtxMarginSec: number;
  /** Decoded tokens allowed per second of audio (speech runs ~3–4 tokens/s). */
  maxTokensPerSec: number;
  /** Inference lagging the live audio by more than this is reported as "falling behind". */
  behindAfterSec: number;
  /** Silence kept before the next speech when a silent window is dropped, so its first word is whole. */
  silenceLeadInSec: number;
  /** Words may end slightly after the VAD's speech end (padding, timestamp jitter). */
  utteranceEndSlackSec: number;
  /** Voiced audio this long after an utterance's end means the speaker has started the next one. */
  resumedAfterSec: number;
  /** Answers shorter than this get no final pass (Whisper hallucinates on a blip of audio). */
  minFinalPassSec: number;
  /** Temperature fallback step of final passes (transcriber.ts): smaller tries more decodes. */
  finalTemperatureInc: number;
  /**
   * Decoded tokens allowed per second of an utterance's final pass (each fallback decode and segment
   * alike); 0 for no cap. Speech runs 3–4 tokens/s, so this binds only on a runaway decode (a
   * hallucination loop on noise), which otherwise runs to Whisper's 224 tokens on every fallback decode
   * and holds the report back for seconds.
   */
  finalMaxTokensPerSec: number;
  /**
   * Utterances get their final text while the answer goes on (utteranceFinalizer.ts). One closes at a
   * pause once it is at least this long: every final pass pays for a full 30 s encoder run, so closing
   * at every breath would cost more than the engine's idle share.
   */
  minUtteranceSec: number;
  /**
   * Continuous speech is cut into utterances of at most this. It bounds what Stop has left to
   * transcribe: the open utterance, which must fit Stop's 1.5 s on a 2-core machine.
   */
  maxUtteranceSec: number;
  /**
   * At Stop, the passes left get an encoder context fitted to their audio instead of the full 30 s one:
   * on 2 cores the full context alone costs ~1.4 s before a word is decoded. The background passes
   * during the answer keep the full context. False: full context at Stop too (slower, for comparison).
   */
  fitStopContext: boolean;
  /** Without the VAD, a gap this long between committed words ends an utterance. */
  utterancePauseSec: number;
  /**
   * whisper.cpp compute threads per pass. Fixed when the model loads (createCoachApp passes it to the
   * engine); more than the physical cores only adds contention, since its threads spin while they wait.
   */
  engineThreads: number;
  /** Words that start this much before the last commit are re-heard audio, not new speech. */
  commitSlackSec: number;
  /** Longest run of words compared when removing words re-heard at the window's seam. */
  dedupeMaxNgram: number;
  /** Only look for seam duplicates when the new hypothesis starts this close to the last commit. */
  seamWindowSec: number;
  /** With nothing committed for a whole window, a forced cut keeps this share of it (its end). */
  forcedCutKeepShare: number;
  /** The Silero VAD's thresholds and timings (speechSegments.ts), when a VAD model is installed. */
  vad: VadParams;
};

/** Up to 4 threads, never more than the machine has. */
export const DEFAULT_ENGINE_THREADS = Math.max(
  1,
  Math.min(4, os.availableParallelism?.() ?? os.cpus().length),
);

/** Short on purpose: every prompt token costs decoding time on each live step. */
export const DISFLUENCY_PROMPT = 'Umm, let me think, uh... hmm, okay, so, um, here is what I did.';

export const DEFAULT_STREAM_PARAMS: StreamParams = {
  minStepMs: 500,
  engineShare: 0.5,
  trimAfterSec: 15,
  maxWindowSec: 20,
  keepOnForcedCutSec: 5,
  promptChars: 200,
  disfluencyPrompt: DISFLUENCY_PROMPT,
  minAudioCtx: 250,
  audioCtxMarginSec: 1,
  maxTokensPerSec: 6,
  behindAfterSec: 3,
  silenceLeadInSec: 0.5,
  utteranceEndSlackSec: 0.3,
  resumedAfterSec: 0.3,
  minFinalPassSec: 0.1,
  finalTemperatureInc: 0.2,
  finalMaxTokensPerSec: 8,
  minUtteranceSec: 4,
  maxUtteranceSec: 12,
  fitStopContext: true,
  utterancePauseSec: 0.6,
  engineThreads: DEFAULT_ENGINE_THREADS,
  commitSlackSec: 0.1,
  dedupeMaxNgram: 5,
  seamWindowSec: 1,
  forcedCutKeepShare: 0.5,
  vad: DEFAULT_VAD_PARAMS,
};

/** engineShare is clamped to at least this, so a mistyped 0 cannot stop live captions altogether. */
export const MIN_ENGINE_SHARE = 0.05;

/** Whisper's encoder sees 50 frames per second of audio; 1500 frames is its full 30 s window. */
export const ENCODER_FRAMES_PER_SEC = 50;
export const FULL_AUDIO_CTX = 1500;

export function audioCtxFor(windowSec: number, p: StreamParams): number {
  const frames = Math.ceil((windowSec + p.audioCtxMarginSec) * ENCODER_FRAMES_PER_SEC);
  return Math.min(FULL_AUDIO_CTX, Math.max(p.minAudioCtx, frames));
}

export function describeStreamParams(p: StreamParams): string {
  const { vad, ...stream } = p;
  const pairs: [string, unknown][] = [
    ...Object.entries(stream),
    ...Object.entries(vad).map(([k, v]): [string, unknown] => [`vad.${k}`, v]),
  ];
  return pairs.map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`).join(' ');
}

/** Fewest tokens a capped final pass may decode: a word or two, with the timestamps around them. */
const MIN_FINAL_TOKENS = 16;

/**
 * A final pass (an utterance of `audioSec`, or a whole recording): full context, fallback allowed, the
 * disfluency prompt, and the token cap. `atStop`: a pass the user is waiting for, with its context fitted
 * to the audio when `fitStopContext` is on.
 */
export function finalPassOptions(
  p: StreamParams,
  audioSec: number,
  { atStop = false } = {},
): TranscribeOptions {
  const prompt = p.disfluencyPrompt.trim();
  return {
    ...(prompt ? { prompt } : {}),
    audioCtx: atStop && p.fitStopContext ? audioCtxFor(audioSec, p) : FULL_AUDIO_CTX,
    thorough: true,
    maxTokens:
      p.finalMaxTokensPerSec > 0
        ? Math.max(MIN_FINAL_TOKENS, Math.ceil(audioSec * p.finalMaxTokensPerSec))
        : 0,
    temperatureInc: p.finalTemperatureInc,
  };
}
