import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatClock, formatDateTime, formatWpm, plural } from '../../lib/format';
import { navigate } from '../../routing/navigation';
import { sessionRoute } from '../../routing/routes';
import { useCoachStore } from '../../store';
import { HISTORY_PAGE_SIZE } from '../../store/historySlice';

type Props = {
  /** The session that was open last, to give it focus again when coming back. */
  returnFocusTo: string | null;
};

export function SessionList({ returnFocusTo }: Props) {
  const sessions = useCoachStore(useShallow((s) => s.historyRows));
  const total = useCoachStore((s) => s.historyTotal);
  const offset = useCoachStore((s) => s.historyOffset);
  const status = useCoachStore((s) => s.historyStatus);
  const error = useCoachStore((s) => s.historyError);
  const filters = useCoachStore((s) => s.historyFilters);
  const loadHistory = useCoachStore((s) => s.loadHistory);
  const showPage = useCoachStore((s) => s.showHistoryPage);
  const listRef = useRef<HTMLUListElement>(null);
  const filtered = Boolean(
    filters.from || filters.to || filters.kind || filters.role || filters.minScore !== undefined,
  );

  // Every visit reloads: answers saved or sessions deleted since show up, and a page costs < 1 ms.
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  useEffect(() => {
    if (!returnFocusTo || status !== 'ready') return;
    const rows = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-session-id]') ?? [];
    [...rows].find((row) => row.dataset.sessionId === returnFocusTo)?.focus();
  }, [returnFocusTo, status]);

  if (status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <div>
          <p className="notice-title">Saved sessions could not be loaded</p>
          <p className="notice-body">{error}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => void loadHistory()}>
          Try again
        </button>
      </div>
    );
  }

  if (status !== 'ready' && sessions.length === 0) {
    return (
      <p className="muted loading-line" role="status">
        <span className="spinner spinner-small" aria-hidden="true" /> Loading your sessions…
      </p>
    );
  }

  if (sessions.length === 0) {
    return filtered ? (
      <div className="empty-state">
        <p className="empty-title">No sessions match these filters</p>
        <p className="muted">Widen the dates or clear a filter to see more.</p>
      </div>
    ) : (
      <div className="empty-state">
        <p className="empty-title">No practice sessions yet</p>
        <p className="muted">
          Answer a question on the Practice screen and it will be saved here, with its transcript and pace.
        </p>
      </div>
    );
  }

  const last = Math.min(total, offset + sessions.length);
  return (
    <>
      <ul className="session-list" ref={listRef} aria-label="Saved sessions">
        {sessions.map((session) => {
          const when = formatDateTime(session.startedAt);
          return (
            <li key={session.id}>
              <button
                type="button"
                className="session-row"
                data-session-id={session.id}
                onClick={() => navigate(sessionRoute(session.id))}
              >
                <span className="session-when">
                  <span className="session-date">{when.date}</span>
                  <span className="session-time">{when.time}</span>
                </span>
                <span className="session-title" title={session.title}>
                  {session.title}
                </span>
                <span className="session-stats">
                  <span>{plural(session.answerCount, 'answer')}</span>
                  <span className="tabular">{formatClock(session.durationSec)}</span>
                  <span className="tabular">{formatWpm(session.wordsPerMinute)} wpm</span>
                  <span>{plural(session.fillerCount, 'filler')}</span>
                  <span className="session-score tabular" title="Mean answer score">
                    {session.score == null ? '–' : Math.round(session.score)}
                  </span>
                </span>
                <span className="session-chevron" aria-hidden="true">
                  ›
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {total > sessions.length && (
        <nav className="history-pager" aria-label="Pages">
          <button
            type="button"
            className="button button-secondary"
            disabled={offset === 0}
            onClick={() => void showPage(offset - HISTORY_PAGE_SIZE)}
          >
            ‹ Newer
          </button>
          <span className="muted tabular" role="status">
            {offset + 1}–{last} of {total.toLocaleString()}
          </span>
          <button
            type="button"
            className="button button-secondary"
            disabled={last >= total}
            onClick={() => void showPage(offset + HISTORY_PAGE_SIZE)}
          >
            Older ›
          </button>
        </nav>
      )}
    </>
  );
}
