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

export type NudgeKind =
  'slow-down' | 'speed-up' | 'fewer-fillers' | 'long-pause' | 'time-left' | 'time-up' | 'encouragement';

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
  /** Silences of LONG_PAUSE_SEC or more between words so far (heard by the VAD when it is installed). */
  longPauseCount: number;
  /** True when inference is falling behind real time. */
  behind: boolean;
};

/**
 * After Stop, while the last final passes run: seconds of audio still to transcribe (of `totalSec` left
 * at Stop) and the estimated time that takes, for a determinate progress bar.
 */
export type AnswerFinishing = {
  answerId: string;
  remainingSec: number;
  totalSec: number;
  estimateMs: number;
};

export const QUESTION_KINDS = [
  'behavioural',
  'situational',
  'motivational',
  'technical-communication',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Job families a question suits; 'general' questions suit every role. */
export const ROLE_FAMILIES = [
  'general',
  'software-engineering',
  'data',
  'product',
  'design',
  'sales',
  'customer-support',
  'management',
] as const;
export type RoleFamily = (typeof ROLE_FAMILIES)[number];

/** Something a strong answer mentions, and words that show it was covered. */
export type TalkingPoint = { label: string; cues: string[] };

/** The answer length the speaker aims for; the time nudges and the length score use it. */
export type TargetLength = { minSec: number; maxSec: number };

export type Question = {
  id: string;
  text: string;
  kind: QuestionKind;
  /** Job families it suits; absent means 'general'. */
  roles?: RoleFamily[];
  /** What a strong answer covers, in a sentence or two. */
  covers?: string;
  /** For non-behavioural questions, what the structure check looks for. */
  talkingPoints?: TalkingPoint[];
  /** Absent means the default target (settings). */
  target?: TargetLength;
  /** Added by the user rather than shipped in the bank. */
  custom?: boolean;
};

export type AnswerResult = {
  answerId: string;
  sessionId: string;
  questionText: string;
  words: Word[];
  text: string;
  /** The answer's one coaching report; for an answer not transcribed, only its length is known. */
  report: AnswerReport;
  audioPath: string;
  /**
   * Set when the speech engine failed on this answer: its audio is saved, but it has no transcript,
   * metrics or score (never "silence") until it is transcribed again.
   */
  notTranscribed?: { reason: string };
};

export type SessionSummary = {
  id: string;
  startedAt: string;
  title: string;
  answerCount: number;
  durationSec: number;
  wordsPerMinute: number;
  fillerCount: number;
  /** Mean answer score 0–100; null when no answer has one. */
  score?: number | null;
  fillersPerMinute?: number;
};

export type SessionDetail = SessionSummary & { answers: AnswerResult[]; sessionScore?: SessionScore | null };

// ---------- Coaching analysis (computed by src/core/coaching/answerAnalysis.ts) ----------

/** Pace at one moment: words per minute over the window centred on `atSec`. */
export type PacePoint = { atSec: number; wordsPerMinute: number };

export type PaceAnalysis = {
  /** Words (vocal fillers excluded) per minute of speaking span. */
  wordsPerMinute: number;
  verdict: 'slow' | 'comfortable' | 'fast' | 'unknown';
  timeline: PacePoint[];
  /** Standard deviation of the timeline, in words per minute. */
  variationWpm: number;
  longPauseCount: number;
  longestPauseSec: number;
  /** Where the longest pause started, or null without long pauses. */
  longestPauseAtSec: number | null;
};

export type FillerBurst = { startSec: number; endSec: number; count: number; texts: string[] };

/** A voiced, steady-pitched sound in a gap between words: probably an "um" or "uh" the transcript lacks. */
export type FilledPauseCandidate = {
  startSec: number;
  endSec: number;
  durationSec: number;
  pitchHz: number;
  /** 0–1: how strongly the sound looks like a filled pause. */
  confidence: number;
};

export type TimeSpan = { startSec: number; endSec: number };

export type TrailingOff = { wordIndex: number; atSec: number; dropDb: number };

export type VoiceAnalysis = {
  /** Share of the speaking span where the pitch tracker heard voice. */
  voicedShare: number;
  medianPitchHz: number | null;
  /** Standard deviation of pitch in semitones: speech usually moves 2–4, a monotone under ~1.5. */
  pitchVariationSemitones: number;
  monotone: boolean;
  /** Stretches where the pitch barely moved. */
  monotoneSpans: TimeSpan[];
  /** Standard deviation of word loudness in dB. */
  loudnessVariationDb: number;
  sentenceEndCount: number;
  trailingOffs: TrailingOff[];
};

export type PhraseHit = { text: string; wordIndex: number; startSec: number; endSec: number };

export type LanguageAnalysis = {
  hedges: PhraseHit[];
  hedgesPerMinute: number;
  /** "I I", "the the": a restart or stumble. */
  immediateRepeats: PhraseHit[];
  /** Multi-word phrases said three or more times. */
  repeatedPhrases: { text: string; count: number; firstAtSec: number }[];
  /** Content words leaned on heavily. */
  overusedWords: { text: string; count: number }[];
  vocabulary: { words: number; uniqueWords: number; typeTokenRatio: number; movingTypeTokenRatio: number };
  length: { durationSec: number; target: TargetLength; verdict: 'short' | 'on-target' | 'long' };
};

export type StarPart = 'situation' | 'task' | 'action' | 'result';

export type StructureAnalysis =
  | {
      kind: 'star';
      parts: { part: StarPart; present: boolean; cue: string | null; atSec: number | null }[];
      missing: StarPart[];
    }
  | {
      kind: 'talking-points';
      points: { label: string; covered: boolean; cue: string | null; atSec: number | null }[];
      coveredCount: number;
    };

export type ScoreComponentId = 'fluency' | 'pace' | 'delivery' | 'language' | 'structure' | 'length';

export type ScoreComponent = {
  id: ScoreComponentId;
  label: string;
  /** 0–100. */
  score: number;
  /** Share of the total, 0–1; components that could not be measured are left out. */
  weight: number;
  detail: string;
};

export type AnswerScore = { total: number; breakdown: ScoreComponent[] };

export type Suggestion = { id: string; text: string };

/**
 * The one coaching report of an answer, computed once (src/core/coaching/answerReport.ts) and stored once.
 * Rates "per minute" are per minute of the recording (`durationSec`), except pace, which is per minute
 * of the speaking span.
 */
export type AnswerReport = {
  /** Length of the recording (or of the transcript when there is no recording). */
  durationSec: number;
  /** Time between the first word's start and the last word's end. */
  speakingSec: number;
  wordCount: number;
  /** Fillers in the transcript ("um", a filler "like"…). */
  fillers: FillerHit[];
  /** `fillers.length`: fillers in the transcript only. */
  fillerCount: number;
  /** Transcript fillers per minute of recording (likely filled pauses heard only in the audio not counted). */
  transcriptFillersPerMinute: number;
  /** Silences between words of LONG_PAUSE_SEC or more (trailing silence excluded). */
  longPauses: Pause[];
  /** Pace of the words said, fillers excluded, and the longest pause. */
  pace: PaceAnalysis;
  /** Null when the coaching analysis failed, the answer predates it, or it was not transcribed. */
  coaching: CoachingAnalysis | null;
};

/** What the coaching adds to the transcript's measures: the score, its reasons, and the suggestions. */
export type CoachingAnalysis = {
  questionKind: QuestionKind | null;
  target: TargetLength;
  /** Fillers per minute of recording, counting transcript fillers AND likely filled pauses heard in the audio. */
  fillersPerMinute: number;
  fillerBursts: FillerBurst[];
  filledPauseCandidates: FilledPauseCandidate[];
  /** Null when there was no audio to analyse (e.g. a transcript import). */
  voice: VoiceAnalysis | null;
  language: LanguageAnalysis;
  /** Null when the question is unknown. */
  structure: StructureAnalysis | null;
  score: AnswerScore;
  suggestions: Suggestion[];
};

export type SessionScore = AnswerScore & { answerCount: number };

export type EngineStatus =
  | { state: 'loading'; message: string }
  | { state: 'ready'; message: string; modelPath: string }
  | { state: 'error'; message: string };

export type AppStatus = {
  dataDir: string;
  modelsDir: string;
  engine: EngineStatus;
};

// ---------- Review (issue #5): history, search, coach notes ----------

export type HistorySort = 'date' | 'score' | 'duration';

/** One page of the history list, and how many sessions match the filters in all. */
export type HistoryPage = { sessions: SessionSummary[]; total: number; offset: number };

/** One transcribed take with words in it, as the Trends screen charts it. */
export type TrendTake = {
  answerId: string;
  sessionId: string;
  sessionTitle: string;
  /** When the session started: takes are grouped and dated by their session. */
  sessionStartedAt: string;
  questionId: string;
  questionText: string;
  durationSec: number;
  /** 0–100; null for takes saved before scoring existed. */
  score: number | null;
  fillersPerMinute: number;
  wordsPerMinute: number;
  longPausesPerMinute: number;
};

export type TrendData = {
  /** Oldest first. */
  takes: TrendTake[];
  /** Saved takes left out of the charts, and why: an engine failure, or nothing said. */
  leftOut: { notTranscribed: number; noSpeech: number };
};

/** A piece of a search snippet; `hit` pieces are the words that matched. */
export type SnippetPart = { text: string; hit: boolean };

export type SearchHit = {
  sessionId: string;
  sessionTitle: string;
  startedAt: string;
  answerId: string;
  questionText: string;
  source: 'transcript' | 'note';
  /** The note that matched, for note hits. */
  noteId: number | null;
  /** The matching sentence (or note), its matched words marked. */
  snippet: SnippetPart[];
  /** Where review should start playing: the first matched word, or the note's moment. */
  atSec: number;
  /** The first matched word in the answer's transcript, for transcript hits. */
  wordIndex: number | null;
};

export const RUBRIC_CRITERIA = ['structure', 'clarity', 'confidence'] as const;
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number];

/** A coach's comment on a moment of an answer, or on a range of its words. */
export type CoachNote = {
  id: number;
  answerId: string;
  atSec: number;
  endSec: number | null;
  wordStart: number | null;
  wordEnd: number | null;
  body: string;
  createdAt: string;
  updatedAt: string;
};

/** Rubric scores 1–5 for one answer; a criterion not scored yet is absent. */
export type RubricScores = Partial<Record<RubricCriterion, number>>;

/** Everything a coach adds to a session: notes per answer and rubric scores per answer. */
export type SessionReview = { notes: CoachNote[]; rubric: Record<string, RubricScores> };

/** A session exported for download: the app saves `bytes` as `fileName`. */
export type ExportFormat = 'md' | 'json' | 'pdf' | 'coach';
export type ExportedSession = { fileName: string; mimeType: string; bytes: ArrayBuffer };
export type BundleImportResult = {
  status: 'imported' | 'already-imported';
  sessionId: string;
  answers: number;
};

/** Where the data folder is and what takes its space (Settings). */
export type DataUsage = {
  dataDir: string;
  sessionCount: number;
  databaseBytes: number;
  audioBytes: number;
  modelsBytes: number;
  totalBytes: number;
};
