// A session with everything a coach adds, as one plain object: the JSON export, and the input of the
// Markdown and HTML reports and of the portable bundle.
import type {
  AnswerAnalysis,
  AnswerMetrics,
  CoachNote,
  RubricScores,
  SessionDetail,
  SessionReview,
  SessionScore,
  Word,
} from '../../shared/domain';

export const SESSION_EXPORT_FORMAT = 'interview-coach.session';
export const SESSION_EXPORT_VERSION = 1;

export type ExportedNote = Omit<CoachNote, 'id' | 'answerId'>;

export type ExportedAnswer = {
  answerId: string;
  position: number;
  questionText: string;
  durationSec: number;
  text: string;
  words: Word[];
  metrics: AnswerMetrics;
  analysis: AnswerAnalysis | null;
  score: number | null;
  rubric: RubricScores;
  notes: ExportedNote[];
  /** Why the speech engine could not transcribe this answer; absent when it was transcribed. */
  notTranscribed?: string;
};

export type SessionExport = {
  format: typeof SESSION_EXPORT_FORMAT;
  version: typeof SESSION_EXPORT_VERSION;
  exportedAt: string;
  session: {
    id: string;
    title: string;
    startedAt: string;
    durationSec: number;
    answerCount: number;
    wordsPerMinute: number;
    fillerCount: number;
    score: number | null;
    sessionScore: SessionScore | null;
  };
  answers: ExportedAnswer[];
};

export function buildSessionExport(
  detail: SessionDetail,
  review: SessionReview,
  exportedAt = new Date().toISOString(),
): SessionExport {
  return {
    format: SESSION_EXPORT_FORMAT,
    version: SESSION_EXPORT_VERSION,
    exportedAt,
    session: {
      id: detail.id,
      title: detail.title,
      startedAt: detail.startedAt,
      durationSec: detail.durationSec,
      answerCount: detail.answerCount,
      wordsPerMinute: detail.wordsPerMinute,
      fillerCount: detail.fillerCount,
      score: detail.score ?? null,
      sessionScore: detail.sessionScore ?? null,
    },
    answers: detail.answers.map((a, i) => ({
      answerId: a.answerId,
      position: i + 1,
      questionText: a.questionText,
      durationSec: a.metrics.durationSec,
      text: a.text,
      words: a.words,
      metrics: a.metrics,
      analysis: a.analysis ?? null,
      score: a.analysis?.score.total ?? null,
      rubric: review.rubric[a.answerId] ?? {},
      notes: review.notes
        .filter((n) => n.answerId === a.answerId)
        .map(({ id: _id, answerId: _answer, ...note }) => note),
      ...(a.notTranscribed ? { notTranscribed: a.notTranscribed.reason } : {}),
    })),
  };
}

/** The JSON export: words with their timings, metrics, analysis, notes and rubric. */
export function sessionToJson(data: SessionExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
