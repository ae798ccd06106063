import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatClock, formatDateTime, formatWpm, plural } from '../../lib/format';
import { useCoachStore } from '../../store';

type Props = {
  /** The session that was open last, to give it focus again when coming back. */
  returnFocusTo: string | null;
};

export function SessionList({ returnFocusTo }: Props) {
  const sessions = useCoachStore(useShallow((s) => s.sessions));
  const status = useCoachStore((s) => s.sessionsStatus);
  const error = useCoachStore((s) => s.sessionsError);
  const loadSessions = useCoachStore((s) => s.loadSessions);
  const openSession = useCoachStore((s) => s.openSession);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (status === 'idle') void loadSessions();
  }, [status, loadSessions]);

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
        <button type="button" className="button button-secondary" onClick={() => void loadSessions()}>
          Try again
        </button>
      </div>
    );
  }

  if (status !== 'ready') {
    return (
      <p className="muted loading-line" role="status">
        <span className="spinner spinner-small" aria-hidden="true" /> Loading your sessions…
      </p>
    );
  }

  if (sessions.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No practice sessions yet</p>
        <p className="muted">
          Answer a question on the Practice screen and it will be saved here, with its transcript and pace.
        </p>
      </div>
    );
  }

  return (
    <ul className="session-list" ref={listRef} aria-label="Saved sessions">
      {sessions.map((session) => {
        const when = formatDateTime(session.startedAt);
        return (
          <li key={session.id}>
            <button
              type="button"
              className="session-row"
              data-session-id={session.id}
              onClick={() => void openSession(session.id)}
            >
              <span className="session-when">
                <span className="session-date">{when.date}</span>
                <span className="session-time">{when.time}</span>
              </span>
              <span className="session-title">{session.title}</span>
              <span className="session-stats">
                <span>{plural(session.answerCount, 'answer')}</span>
                <span className="tabular">{formatClock(session.durationSec)}</span>
                <span className="tabular">{formatWpm(session.wordsPerMinute)} wpm</span>
                <span>{plural(session.fillerCount, 'filler')}</span>
              </span>
              <span className="session-chevron" aria-hidden="true">
                ›
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
