// A practice session is titled after its first question, shortened at a word boundary for the history
// list ("Tell me about a time you had to deliver…", never "…deli…").

/** Longest title kept before it is shortened. */
export const TITLE_MAX_CHARS = 80;
/** A word longer than this is cut inside (a pasted URL, say) rather than dropping most of the title. */
const MIN_KEPT_CHARS = 40;

export function sessionTitle(questionText: string): string {
  const t = questionText.trim().replace(/\s+/g, ' ');
  if (t.length <= TITLE_MAX_CHARS) return t;
  const room = t.slice(0, TITLE_MAX_CHARS);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace >= MIN_KEPT_CHARS ? room.slice(0, lastSpace) : room.slice(0, TITLE_MAX_CHARS - 1);
  return `${cut.replace(/[\s,;:.!?—–-]+$/u, '')}…`;
}
