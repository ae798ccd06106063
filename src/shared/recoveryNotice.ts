// What the start-up crash recovery tells the user about each answer it finished: one sentence, the
// same in the app's banner and in `coach recover`, so the two never describe the same answer apart.
// Imported by the renderer: no Node or DOM APIs here.

/** An answer the start-up recovery finished after its recording process died, until dismissed. */
export type RecoveryNotice = {
  answerId: string;
  sessionId: string;
  questionText: string;
  durationSec: number;
  /** False: the engine could not transcribe it; the recording is saved and "Transcribe again" works. */
  transcribed: boolean;
  /** ISO time of the start that recovered it. */
  recoveredAt: string;
};

/** How much of the question a notice quotes; longer ones are cut at a word boundary. */
export const NOTICE_TITLE_MAX_CHARS = 60;

/** "Tell me about a time you disagreed with your manager" → "Tell me about a time you…" (at a space). */
export function cutAtWord(text: string, maxChars = NOTICE_TITLE_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const head = flat.slice(0, maxChars);
  const space = head.lastIndexOf(' ');
  // A single very long word is cut where it must be; otherwise at the last whole word.
  const cut = space > maxChars / 3 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.!?–—-]+$/, '')}…`;
}

/** "Recovered your answer to 'Tell me about…' (14 s)" — and says so when it is not transcribed. */
export function recoveryNoticeText(
  notice: Pick<RecoveryNotice, 'questionText' | 'durationSec' | 'transcribed'>,
): string {
  const seconds = Math.max(1, Math.round(notice.durationSec));
  const line = `Recovered your answer to '${cutAtWord(notice.questionText)}' (${seconds} s)`;
  return notice.transcribed ? line : `${line} — saved, not transcribed: the speech engine failed on it`;
}
