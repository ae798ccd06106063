// Domain types shared by every layer. Times are seconds from the start of the answer's audio.

export type Word = {
  text: string;
  startSec: number;
  endSec: number;
  /** Decoder confidence 0–1 when the engine reports it. */
  probability?: number;
};

export type FillerHit = {
  text: string;
  startSec: number;
  endSec: number;
  /** Index of the (first) word in the transcript that is the filler. */
  wordIndex: number;
  /** Vocal fillers are "um", "uh"…; lexical ones are words like "like" or "you know". */
  kind: 'vocal' | 'lexical';
};

export type Pause = { startSec: number; endSec: number; durationSec: number };

export type AnswerMetrics = {
  durationSec: number;
  /** Time between the first word's start and the last word's end. */
  speakingSec: number;
  wordCount: number;
  wordsPerMinute: number;
  fillers: FillerHit[];
  fillerCount: number;
  fillersPerMinute: number;
  longPauses: Pause[];
  longestPauseSec: number;
};

export type NudgeKind = 'slow-down' | 'speed-up' | 'fewer-fillers' | 'long-pause' | 'time-left' | 'time-up';

export type Nudge = {
  kind: NudgeKind;
  message: string;
  /** Position in the answer's audio when the nudge fired. */
  atSec: number;
};

export type CaptionUpdate = {
  answerId: string;
  /** Increases by one per update so the UI can drop stale ones. */
  seq: number;
  /** All text committed so far; it never changes once shown, only grows. */
  committedText: string;
  /** The not-yet-agreed tail; replaced on every update. */
  tentativeText: string;
  /** Seconds of audio received for this answer. */
  audioSec: number;
};

export type LiveStats = {
  answerId: string;
  elapsedSec: number;
  /** Pace over the last RECENT_PACE_WINDOW_SEC seconds of committed words. */
  wordsPerMinute: number;
  fillerCount: number;
  /** True when inference is falling behind real time. */
  behind: boolean;
};

export type Question = {
  id: string;
  text: string;
  kind: 'behavioural' | 'situational' | 'motivational' | 'technical-communication';
};

export type AnswerResult = {
  answerId: string;
  sessionId: string;
  questionText: string;
  words: Word[];
  text: string;
  metrics: AnswerMetrics;
  audioPath: string;
};

export type SessionSummary = {
  id: string;
  startedAt: string;
  title: string;
  answerCount: number;
  durationSec: number;
  wordsPerMinute: number;
  fillerCount: number;
};

export type SessionDetail = SessionSummary & { answers: AnswerResult[] };

export type EngineStatus =
  | { state: 'loading'; message: string }
  | { state: 'ready'; message: string; modelPath: string }
  | { state: 'error'; message: string };

export type AppStatus = {
  dataDir: string;
  modelsDir: string;
  engine: EngineStatus;
};
