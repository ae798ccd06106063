import { useId } from 'react';
import { ROLE_FAMILIES, type QuestionKind, type RoleFamily } from '../../../../shared/domain';
import { QUESTION_KIND_LABELS, ROLE_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';
import type { HistoryFilters as Filters } from '../../store/historySlice';

/** Sort choices as the list offers them: one select instead of a column and a direction. */
const SORTS = {
  'date-desc': { label: 'Newest first', sort: 'date', direction: 'desc' },
  'date-asc': { label: 'Oldest first', sort: 'date', direction: 'asc' },
  'score-desc': { label: 'Highest score', sort: 'score', direction: 'desc' },
  'score-asc': { label: 'Lowest score', sort: 'score', direction: 'asc' },
  'duration-desc': { label: 'Longest', sort: 'duration', direction: 'desc' },
  'duration-asc': { label: 'Shortest', sort: 'duration', direction: 'asc' },
} as const satisfies Record<string, { label: string } & Required<Pick<Filters, 'sort' | 'direction'>>>;
type SortKey = keyof typeof SORTS;

const MIN_SCORES = [50, 60, 70, 80, 90] as const;
const KINDS = Object.keys(QUESTION_KIND_LABELS) as QuestionKind[];

/** "2026-03-01" from a date input → the instant local midnight starts; the end date counts whole. */
function dayStart(value: string, nextDay = false): string | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).toISOString();
}

function dayOf(iso: string | undefined, previousDay = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (previousDay) date.setDate(date.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function HistoryFilters() {
  const id = useId();
  const filters = useCoachStore((s) => s.historyFilters);
  const setFilters = useCoachStore((s) => s.setHistoryFilters);
  const clear = useCoachStore((s) => s.clearHistoryFilters);
  const sortKey = `${filters.sort ?? 'date'}-${filters.direction ?? 'desc'}` as SortKey;
  const filtered =
    filters.from || filters.to || filters.kind || filters.role || filters.minScore !== undefined;

  return (
    <div className="history-filters" role="group" aria-label="Sort and filter">
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-sort`}>
          Sort
        </label>
        <select
          id={`${id}-sort`}
          value={sortKey}
          onChange={(e) => {
            const { sort, direction } = SORTS[e.target.value as SortKey];
            void setFilters({ sort, direction });
          }}
        >
          {Object.entries(SORTS).map(([key, s]) => (
            <option key={key} value={key}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-from`}>
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          value={dayOf(filters.from)}
          onChange={(e) => void setFilters({ from: dayStart(e.target.value) })}
        />
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-to`}>
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={dayOf(filters.to, true)}
          onChange={(e) => void setFilters({ to: dayStart(e.target.value, true) })}
        />
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-role`}>
          Role
        </label>
        <select
          id={`${id}-role`}
          value={filters.role ?? ''}
          onChange={(e) => void setFilters({ role: (e.target.value || undefined) as RoleFamily | undefined })}
        >
          <option value="">All roles</option>
          {ROLE_FAMILIES.filter((r) => r !== 'general').map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-question-kind`}>
          Question kind
        </label>
        <select
          id={`${id}-question-kind`}
          value={filters.kind ?? ''}
          onChange={(e) =>
            void setFilters({ kind: (e.target.value || undefined) as QuestionKind | undefined })
          }
        >
          <option value="">All kinds</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {QUESTION_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-score`}>
          Score
        </label>
        <select
          id={`${id}-score`}
          value={filters.minScore ?? ''}
          onChange={(e) => void setFilters({ minScore: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">Any score</option>
          {MIN_SCORES.map((score) => (
            <option key={score} value={score}>
              {score} or more
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button type="button" className="button button-quiet filter-clear" onClick={() => void clear()}>
          Clear filters
        </button>
      )}
    </div>
  );
}
