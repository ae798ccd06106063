// One PracticeService serves every client of the server, so its events are routed by answer: each goes
// to whoever started that answer (a browser tab on the bridge, a streaming client), and to nobody else.
import type { AnswerFinishing, CaptionUpdate, LiveStats, Nudge } from '../shared/domain';
import type { FinalTextUpdate, LiveWordsUpdate } from '../core/practice/liveAnswerEvents';
import type { PracticeEvents } from '../core/practice/practiceEvents';

export type AnswerListener = {
  caption?: (u: CaptionUpdate) => void;
  stats?: (s: LiveStats) => void;
  nudge?: (n: Nudge) => void;
  answerError?: (message: string) => void;
  words?: (u: LiveWordsUpdate) => void;
  finalText?: (u: FinalTextUpdate) => void;
  finishing?: (p: AnswerFinishing) => void;
};

export class AnswerEventRouter {
  private readonly listeners = new Map<string, AnswerListener>();

  /** Routes an answer's events to `listener` until the returned function is called. */
  listen(answerId: string, listener: AnswerListener): () => void {
    this.listeners.set(answerId, listener);
    return () => {
      if (this.listeners.get(answerId) === listener) this.listeners.delete(answerId);
    };
  }

  readonly events: PracticeEvents = {
    caption: (u) => this.listeners.get(u.answerId)?.caption?.(u),
    stats: (s) => this.listeners.get(s.answerId)?.stats?.(s),
    nudge: (n, answerId) => this.listeners.get(answerId)?.nudge?.(n),
    answerError: (e) => this.listeners.get(e.answerId)?.answerError?.(e.message),
    words: (u) => this.listeners.get(u.answerId)?.words?.(u),
    finalText: (u) => this.listeners.get(u.answerId)?.finalText?.(u),
    finishing: (p) => this.listeners.get(p.answerId)?.finishing?.(p),
  };
}
