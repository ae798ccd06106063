// Every knob of the live transcription policy, in one place, logged when an answer starts.
import type { TranscribeOptions } from '../asr/transcriber';

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
};

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
};

/** Whisper's encoder sees 50 frames per second of audio; 1500 frames is its full 30 s window. */
export const ENCODER_FRAMES_PER_SEC = 50;
export const FULL_AUDIO_CTX = 1500;

export function audioCtxFor(windowSec: number, p: StreamParams): number {
  const frames = Math.ceil((windowSec + p.audioCtxMarginSec) * ENCODER_FRAMES_PER_SEC);
  return Math.min(FULL_AUDIO_CTX, Math.max(p.minAudioCtx, frames));
}

export function describeStreamParams(p: StreamParams): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : v}`)
    .join(' ');
}

/** The final pass over a whole answer: full context, fallback allowed, and the disfluency prompt. */
export function finalPassOptions(p: StreamParams): TranscribeOptions {
  const prompt = p.disfluencyPrompt.trim();
  return { ...(prompt ? { prompt } : {}), audioCtx: FULL_AUDIO_CTX, thorough: true, maxTokens: 0 };
}
