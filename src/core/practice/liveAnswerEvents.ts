// What one answer being recorded tells its owner: captions, stats and nudges as it goes, each step's
// words with timings, each utterance's final text, and Stop's progress.
import type { AnswerFinishing, CaptionUpdate, LiveStats, Nudge, Word } from '../../shared/domain';
import type { FinalUtterance } from '../streaming/utteranceFinalizer';

export type LiveAnswerEvents = {
  caption: (u: CaptionUpdate) => void;
  stats: (s: LiveStats) => void;
  nudge: (n: Nudge) => void;
  /** A live step failed; recording continues and the final pass will retry. */
  error: (message: string) => void;
  /** The same steps with word timings, for clients that show segments (the streaming server). */
  words?: (u: LiveWordsUpdate) => void;
  /** An utterance's final-quality words, replacing the live words of its span (saved for crash recovery). */
  finalText?: (u: FinalTextUpdate) => void;
  /** After Stop, while the last passes run: what is left, for a progress bar. */
  finishing?: (p: FinishingProgress) => void;
};

export type FinishingProgress = AnswerFinishing;

/** Final-pass words for [startSec, endSec): they replace whatever was shown for that span. */
export type FinalTextUpdate = { answerId: string; utterance: FinalUtterance };

/** What one live step (or the end of the stream, `final`) changed, with word timings. */
export type LiveWordsUpdate = {
  answerId: string;
  /** Words committed by this step only; they never change afterwards. */
  committed: Word[];
  /** The current tentative tail, replacing the previous one. */
  tentative: Word[];
  /**
   * True once, when recording stops: the rest of the stream is committed, with the final pass's words
   * for any audio after the last live word.
   */
  final: boolean;
};
