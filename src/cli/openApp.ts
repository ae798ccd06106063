// How every `coach` command gets the app: the same assembly as the desktop app and `coach serve`
// (createCoachApp), quiet on the terminal, and without the start-up crash recovery, which is the
// job of `coach recover`.
import { createCoachApp, type CoachApp } from '../core/app/coachApp';
import { dataPaths } from '../core/dataPaths';
import { renderPdf } from '../core/export/pdfRender';
import type { PracticeEvents } from '../core/practice/practiceService';

export type CliAppOptions = {
  events?: Partial<PracticeEvents>;
  /** --model; else COACH_WHISPER_MODEL; else the model chosen in Settings. */
  modelPath?: string | undefined;
  /** --no-save: answers go to this folder, which the command deletes. */
  scratchDir?: string | undefined;
  /** --language: wins over the language set in Settings (multilingual models). */
  language?: string | undefined;
  /** `coach recover` runs the start-up recovery; other commands leave interrupted answers alone. */
  recoverInterrupted?: boolean;
};

export function openCliApp(opts: CliAppOptions = {}): CoachApp {
  const coach = createCoachApp({
    paths: dataPaths(),
    modelPath: opts.modelPath ?? process.env.COACH_WHISPER_MODEL,
    log: () => {},
    renderPdf,
    recoverInterrupted: opts.recoverInterrupted ?? false,
    ...(opts.scratchDir ? { scratchDir: opts.scratchDir } : {}),
    events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {}, ...opts.events },
  });
  const { language } = opts;
  if (language) coach.engine.configure({ language: () => language });
  return coach;
}
