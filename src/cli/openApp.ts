// How every `coach` command gets the app: the same assembly as the desktop app and `coach serve`
// (createCoachApp), quiet on the terminal, and without the start-up crash recovery, which is the
// job of `coach recover`.
import { createCoachApp, type CoachApp } from '../core/app/coachApp';
import { dataPaths } from '../core/dataPaths';
import { renderPdf } from '../core/export/pdfRender';
import type { PracticeEvents } from '../core/practice/practiceEvents';
import type { AnswerResult } from '../shared/domain';
import { recoveryNoticeText } from '../shared/recoveryNotice';
import type { Io } from './io';

export type CliAppOptions = {
  events?: Partial<PracticeEvents>;
  /** --model; else COACH_WHISPER_MODEL; else the model chosen in Settings. */
  modelPath?: string | undefined;
  /** --no-save: answers go to this folder, which the command deletes. */
  scratchDir?: string | undefined;
  /** --language: wins over the language set in Settings (multilingual models). */
  language?: string | undefined;
  /** Default true, as at every start; only commands that must not touch the data folder turn it off. */
  recoverInterrupted?: boolean;
};

export function openCliApp(opts: CliAppOptions = {}): CoachApp {
  const coach = createCoachApp({
    paths: dataPaths(),
    modelPath: opts.modelPath ?? process.env.COACH_WHISPER_MODEL,
    log: () => {},
    renderPdf,
    recoverInterrupted: opts.recoverInterrupted ?? true,
    ...(opts.scratchDir ? { scratchDir: opts.scratchDir } : {}),
    events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {}, ...opts.events },
  });
  const { language } = opts;
  if (language) coach.engine.configure({ language: () => language });
  return coach;
}

/** The notice line for each answer the start-up recovery finished, as the app's banner words it. */
export function recoveredLines(recovered: readonly AnswerResult[]): string[] {
  return recovered.map((a) =>
    recoveryNoticeText({
      questionText: a.questionText,
      durationSec: a.report.durationSec,
      transcribed: a.notTranscribed === undefined,
    }),
  );
}

/** Waits for the start-up recovery and says on stderr what it recovered (stdout stays the command's). */
export async function announceRecovery(coach: CoachApp, io: Io): Promise<void> {
  for (const line of recoveredLines(await coach.recovery)) io.err(line);
}
