// Small display formatters shared by the screens.
import type { Question, RoleFamily, TargetLength } from '../../../shared/domain';

export { formatClock } from '../../../shared/timeFormat';

/** 2.44 → "2.4 s". */
export function formatSeconds(sec: number): string {
  return `${sec.toFixed(1)} s`;
}

export function formatWpm(wordsPerMinute: number): string {
  return String(Math.round(wordsPerMinute));
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** ISO timestamp → { date: "Fri, 21 Nov 2025", time: "14:05" }; unparseable input is shown as is. */
export function formatDateTime(iso: string): { date: string; time: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { date: iso, time: '' };
  return { date: dateFormat.format(date), time: timeFormat.format(date) };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export const QUESTION_KIND_LABELS: Record<Question['kind'], string> = {
  behavioural: 'Behavioural',
  situational: 'Situational',
  motivational: 'Motivational',
  'technical-communication': 'Technical communication',
};

export const ROLE_LABELS: Record<RoleFamily, string> = {
  general: 'Any role',
  'software-engineering': 'Software engineering',
  data: 'Data & analytics',
  product: 'Product management',
  design: 'Design',
  sales: 'Sales',
  'customer-support': 'Customer support',
  management: 'Management',
};

/** 90 → "1:30" (minutes and seconds, for target lengths). */
export function formatTarget(target: TargetLength): string {
  const mmss = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.round(sec % 60)).padStart(2, '0')}`;
  return `${mmss(target.minSec)}–${mmss(target.maxSec)}`;
}
