// What the app hears of a live answer: its events, routed to the transport with the answer's id, and its
// words saved for crash recovery on the way (a failed save costs only that safety, never the answer).
import type { CaptionUpdate, LiveStats, Nudge } from '../../shared/domain';
import { describeFsError } from '../fsErrors';
import type { LiveWordStore } from '../storage/liveWordStore';
import type {
  FinalTextUpdate,
  FinishingProgress,
  LiveAnswerEvents,
  LiveWordsUpdate,
} from './liveAnswerEvents';

export type PracticeEvents = {
  caption: (u: CaptionUpdate) => void;
  /** `answerId` lets a transport with several clients route the nudge to the one recording. */
  nudge: (n: Nudge, answerId: string) => void;
  stats: (s: LiveStats) => void;
  answerError: (e: { answerId: string; message: string }) => void;
  /** Optional: each live step's words with timings (the streaming server's segments). */
  words?: (u: LiveWordsUpdate) => void;
  /** Optional: an utterance's final-quality words, replacing its live words. */
  finalText?: (u: FinalTextUpdate) => void;
  /** Optional: after Stop, how much is left to transcribe (a progress bar). */
  finishing?: (p: FinishingProgress) => void;
};

/** The live answer's events for `answerId`; `liveWords` is undefined for an answer that keeps no history. */
export function liveAnswerEvents(
  answerId: string,
  events: PracticeEvents,
  liveWords: LiveWordStore | undefined,
  log?: (line: string) => void,
): LiveAnswerEvents {
  let liveWordsFailed = false;
  return {
    caption: events.caption,
    stats: events.stats,
    nudge: (n) => events.nudge(n, answerId),
    error: (message) => events.answerError({ answerId, message }),
    words: (u) => {
      try {
        liveWords?.append(answerId, u.committed);
      } catch (err) {
        // Only crash safety is lost: the words are still in memory for the captions and Stop.
        if (!liveWordsFailed)
          events.answerError({
            answerId,
            message: `Could not save the live transcript (${describeFsError(err)}). Keep going: the answer is still being transcribed.`,
          });
        liveWordsFailed = true;
      }
      events.words?.(u);
    },
    finalText: (u) => {
      try {
        liveWords?.appendFinal(answerId, u.utterance);
      } catch (err) {
        // Crash recovery then transcribes this utterance again; nothing else is lost.
        log?.(`[coach] could not save final text of ${answerId}: ${describeFsError(err)}`);
      }
      events.finalText?.(u);
    },
    finishing: (p) => events.finishing?.(p),
  };
}
