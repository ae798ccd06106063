// A saved session made without the engine: a portable bundle (the app's own export format) holding a
// real recording and its reference transcript, spread evenly over the speech. For end-to-end tests that
// need clickable words, which the synthetic model cannot give.
import { randomUUID } from 'node:crypto';
import { computeAnswerReport, transcriptOnlyReport } from '../../src/core/coaching/answerReport';
import type { Word } from '../../src/shared/domain';
import { buildSessionBundle } from '../../src/core/export/sessionBundle';
import {
  SESSION_EXPORT_FORMAT,
  SESSION_EXPORT_VERSION,
  type SessionExport,
} from '../../src/core/export/sessionExport';

export type SeedAnswer = {
  questionText: string;
  wavPath: string;
  transcript: string;
  durationSec: number;
  /** Score it as the app would (from the words alone); without, the answer has no analysis. */
  analyse?: boolean;
  /** Saved as an answer the engine failed on, with this reason. */
  notTranscribed?: string;
  notes?: { atSec: number; body: string }[];
};

/** Words evenly spaced from 0.3 s to 0.3 s before the end, each taking 80 % of its slot. */
function spreadWords(transcript: string, durationSec: number): Word[] {
  const texts = transcript.split(/\s+/).filter(Boolean);
  const slot = (durationSec - 0.6) / texts.length;
  return texts.map((text, i) => ({
    text: ` ${text}`,
    startSec: 0.3 + i * slot,
    endSec: 0.3 + i * slot + slot * 0.8,
  }));
}

export function seedBundle(title: string, answers: SeedAnswer[], startedAt = new Date()): Buffer {
  const audio = new Map<string, string>();
  const exported: SessionExport = {
    format: SESSION_EXPORT_FORMAT,
    version: SESSION_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    session: {
      id: randomUUID(),
      title,
      startedAt: startedAt.toISOString(),
      durationSec: answers.reduce((sum, a) => sum + a.durationSec, 0),
      answerCount: answers.length,
      wordsPerMinute: 0,
      fillerCount: 0,
      score: null,
      sessionScore: null,
    },
    answers: answers.map((answer, index) => {
      const answerId = randomUUID();
      audio.set(answerId, answer.wavPath);
      const words = answer.notTranscribed ? [] : spreadWords(answer.transcript, answer.durationSec);
      const report = answer.analyse
        ? computeAnswerReport({ words, durationSec: answer.durationSec })
        : transcriptOnlyReport(words, answer.durationSec);
      const at = startedAt.toISOString();
      return {
        answerId,
        position: index + 1,
        questionText: answer.questionText,
        durationSec: answer.durationSec,
        text: words.map((w) => w.text.trim()).join(' '),
        words,
        report,
        score: report.coaching?.score.total ?? null,
        rubric: {},
        notes: (answer.notes ?? []).map((n) => ({
          atSec: n.atSec,
          endSec: null,
          wordStart: null,
          wordEnd: null,
          body: n.body,
          createdAt: at,
          updatedAt: at,
        })),
        ...(answer.notTranscribed ? { notTranscribed: answer.notTranscribed } : {}),
      };
    }),
  };
  return buildSessionBundle(exported, audio);
}
