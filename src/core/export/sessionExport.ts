// A session with everything a coach adds, as one plain object: the JSON export, and the input of the
// Markdown and HTML reports and of the portable bundle.
import type {
  AnswerReport,
  CoachNote,
  RubricScores,
  SessionDetail,
  SessionReview,
  SessionScore,
  Word,
} from '../../shared/domain';

export const SESSION_EXPORT_FORMAT = 'interview-coach.session';
/** 2: one `report` per answer; version 1 had `metrics` and `analysis` (still imported, see sessionBundle.ts). */
export const SESSION_EXPORT_VERSION = 2;

export type ExportedNote = Omit<CoachNote, 'id' | 'answerId'>;

export type ExportedAnswer = {
  answerId: string;
  position: number;
  questionText: string;
  durationSec: number;
  text: string;
  words: Word[];
  report: AnswerReport;
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
      durationSec: a.report.durationSec,
      text: a.text,
      words: a.words,
      report: a.report,
      score: a.report.coaching?.score.total ?? null,
      rubric: review.rubric[a.answerId] ?? {},
      notes: review.notes
        .filter((n) => n.answerId === a.answerId)
        .map(({ id: _id, answerId: _answer, ...note }) => note),
      ...(a.notTranscribed ? { notTranscribed: a.notTranscribed.reason } : {}),
    })),
  };
}

/** The JSON export: words with their timings, the coaching report, notes and rubric. */
export function sessionToJson(data: SessionExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
