// Saves a finished practice session straight through the repository, for storage and review tests.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { computeAnswerReport, transcriptOnlyReport } from '../../src/core/coaching/answerReport';
import type { AnswerReport, QuestionKind, RoleFamily, Word } from '../../src/shared/domain';
import type { SessionRepository } from '../../src/core/storage/sessionRepository';

export type SavedAnswerSpec = {
  text: string;
  kind?: QuestionKind;
  roles?: RoleFamily[];
  score?: number;
  /** Seconds per word. */
  stepSec?: number;
};

export function timedWords(text: string, stepSec = 0.4): Word[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((t, i) => ({ text: t, startSec: i * stepSec, endSec: i * stepSec + stepSec * 0.8 }));
}

export function saveSession(
  repo: SessionRepository,
  opts: { startedAt: string; title?: string; answers: SavedAnswerSpec[]; audioDir?: string },
): { sessionId: string; answerIds: string[] } {
  const sessionId = randomUUID();
  repo.createSession({ id: sessionId, startedAt: opts.startedAt, title: opts.title ?? 'Practice' });
  const answerIds = opts.answers.map((spec, i) => {
    const id = randomUUID();
    repo.createAnswer({
      id,
      sessionId,
      questionId: `q${i}`,
      questionText: `Question ${i + 1}?`,
      startedAt: opts.startedAt,
      audioPath: path.join(opts.audioDir ?? '/nowhere', sessionId, `${id}.wav`),
      questionKind: spec.kind ?? null,
      questionRoles: spec.roles ?? null,
    });
    const words = timedWords(spec.text, spec.stepSec);
    const durationSec = (words.at(-1)?.endSec ?? 0) + 0.5;
    // A real report of the words, its total set to the score the test wants (no coaching without one).
    let report: AnswerReport = transcriptOnlyReport(words, durationSec);
    if (spec.score !== undefined) {
      const computed = computeAnswerReport({ words, durationSec });
      const coaching = computed.coaching!;
      report = { ...computed, coaching: { ...coaching, score: { ...coaching.score, total: spec.score } } };
    }
    repo.completeAnswer(id, { durationSec, words, text: spec.text, report });
    return id;
  });
  return { sessionId, answerIds };
}
