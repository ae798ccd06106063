// Practice sets: the questions for one sitting, chosen by role and length, shuffled or in bank order, or
// picked by hand. Pure, with the randomness injected, so a set can be reproduced in tests.
import type { Question, RoleFamily } from '../../shared/domain';
import { MAX_PRACTICE_SET, type PracticeSetOptions } from '../../shared/coachingSchemas';

export function suitsRole(question: Question, role: RoleFamily | 'any'): boolean {
  if (role === 'any') return true;
  const roles = question.roles && question.roles.length > 0 ? question.roles : ['general'];
  return roles.includes(role) || roles.includes('general');
}

export function buildPracticeSet(
  questions: readonly Question[],
  options: PracticeSetOptions,
  random: () => number = Math.random,
): Question[] {
  const count = Math.max(1, Math.min(MAX_PRACTICE_SET, Math.floor(options.count)));
  if (options.questionIds && options.questionIds.length > 0) {
    const byId = new Map(questions.map((q) => [q.id, q]));
    return options.questionIds.flatMap((id) => byId.get(id) ?? []).slice(0, MAX_PRACTICE_SET);
  }
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : null;
  const pool = questions.filter(
    (q) => suitsRole(q, options.role) && (kinds === null || kinds.includes(q.kind)),
  );
  // Role-specific questions first (in bank order), so a "5 for data" set is mostly about data work.
  const ordered =
    options.order === 'shuffle'
      ? shuffle(pool, random)
      : [...pool].sort((a, b) => Number(isGeneral(a)) - Number(isGeneral(b)));
  const chosen = options.order === 'shuffle' ? preferRoleSpecific(ordered, options.role, count) : ordered;
  return chosen.slice(0, count);
}

function isGeneral(q: Question): boolean {
  return !q.roles || q.roles.length === 0 || q.roles.includes('general');
}

/** Of a shuffled pool, about half the set is role-specific when the role has enough questions of its own. */
function preferRoleSpecific(shuffled: Question[], role: RoleFamily | 'any', count: number): Question[] {
  if (role === 'any' || role === 'general') return shuffled;
  const specific = shuffled.filter((q) => !isGeneral(q));
  const general = shuffled.filter(isGeneral);
  const wantSpecific = Math.min(specific.length, Math.ceil(count / 2));
  const picked = new Set([...specific.slice(0, wantSpecific), ...general.slice(0, count - wantSpecific)]);
  // One pool ran short: top up from the rest.
  for (const q of shuffled) {
    if (picked.size >= count) break;
    picked.add(q);
  }
  return shuffled.filter((q) => picked.has(q));
}

/** Fisher–Yates. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The roles an answer is filed under for History's role filter: its question's, plus the role its
 * practice set was chosen for (a general question asked in a Software engineering set is found there).
 * Null for a question the catalog does not know, outside a set.
 */
export function answerRoles(question: Question | undefined, setRole?: RoleFamily): RoleFamily[] | null {
  if (!question) return setRole ? [setRole] : null;
  const roles: RoleFamily[] = question.roles && question.roles.length > 0 ? question.roles : ['general'];
  return setRole && !roles.includes(setRole) ? [...roles, setRole] : roles;
}
